import {formatSpan} from '../../output/time.js';

/** Time until `at`, rounded up so a poll due in 300 ms reads "1s", not "0s". */
export function formatUntil(at: number, now: number): string {
	return formatSpan(Math.max(0, Math.ceil((at - now) / 1000) * 1000));
}

function two(value: number): string {
	return String(value).padStart(2, '0');
}

/** The header clock and event stamps: 12:04:31 in local time. */
export function formatClock(ms: number): string {
	const date = new Date(ms);
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
