import type {Status} from '../model/status.js';
import {isConcluded} from '../model/status.js';

/** Elapsed time as the list shows it: 0:41, 6:12, 1:02:03. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A span in its largest whole unit: 2s, 5m, 1h, 3d (the header says "STALE 2m", "next poll 1s"). */
export function formatSpan(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

/** How long ago: now, 12s ago, 2m ago, 1h ago, 3d ago. */
export function formatAge(at: number | null, now: number): string {
	if (at === null) return '';
	return now - at < 5_000 ? 'now' : `${formatSpan(now - at)} ago`;
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

/** The running time as the TIME column says it, or `missing` when there is none. */
export function durationText(item: Timed, now: number, missing: string): string {
	const time = runningTime(item, now);
	return time === null ? missing : formatDuration(time);
}

/** A wall-clock stamp for lines in CI logs: 2026-11-23T12:04:31Z (UTC, to the second). */
export function formatStamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
