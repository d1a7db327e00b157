/** Elapsed time as the list shows it: 0:41, 6:12, 1:02:03. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** How long ago: now, 12s ago, 2m ago, 1h ago, 3d ago. */
export function formatAge(at: number | null, now: number): string {
	if (at === null) return '';
	const seconds = Math.floor((now - at) / 1000);
	if (seconds < 5) return 'now';
	if (seconds < 60) return `${seconds}s ago`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
	return `${Math.floor(seconds / 86_400)}d ago`;
}

/** How long a run or node has run (so far), or null when it has not started. */
export function elapsed(item: {startedAt: number | null; finishedAt: number | null}, now: number): number | null {
	if (item.startedAt === null) return null;
	return (item.finishedAt ?? now) - item.startedAt;
}

/** A wall-clock stamp for lines in CI logs: 2026-11-23T12:04:31Z (UTC, to the second). */
export function formatStamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
