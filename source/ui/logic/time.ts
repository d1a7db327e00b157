import type {Status} from '../../model/status.js';
import {isConcluded} from '../../model/status.js';

/** A span as the header and footer say it: 2s, 5m, 1h, 3d (no "ago": "STALE 2m", "next poll 1s"). */
export function formatSpan(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

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

interface Timed {
	status: Status;
	startedAt: number | null;
	finishedAt: number | null;
	updatedAt: number | null;
}

/**
 * How long a run or node has run so far, or null when it has not started. A concluded item that
 * never said when it finished is measured to its last update, so it does not keep ticking.
 */
export function runningTime(item: Timed, now: number): number | null {
	if (item.startedAt === null) return null;
	const end = item.finishedAt ?? (isConcluded(item.status) ? item.updatedAt : now);
	return end === null ? null : Math.max(0, end - item.startedAt);
}
