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

/**
 * One frame a second: the spinners turn and the durations tick together, and each frame is a
 * whole screen for Ink to lay out, so this rate is most of what an idle screen costs. On the
 * second, so the header clock and the durations move when the wall clock does.
 */
export const TICK_MS = 1000;

/** The clock's frame at `now`: its time and the shared spinner frame. */
export function tickAt(now: number): {now: number; frame: number} {
	return {now, frame: Math.floor(now / TICK_MS)};
}
