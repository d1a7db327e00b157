import type {Run} from './run.js';

/** How many of the newest concluded runs the success rate and the durations are taken from. */
export const SUMMARY_WINDOW = 50;
export const HOUR_MS = 3_600_000;

/**
 * The figures of a set of runs that do not move with the clock, so they are worked out once per
 * change of the runs; what does move (the last hour, how long) is read from them with `now`.
 */
export interface RunSummary {
	running: number;
	queued: number;
	/** When each failed run concluded, newest first (runs that never said are left out). */
	failedAt: readonly number[];
	/** Of the newest concluded runs (success, failed, canceled): how many, and how many succeeded. */
	concluded: number;
	succeeded: number;
	/** Median and 90th percentile of those runs' durations (ms); null when none gave both dates. */
	p50Ms: number | null;
	p90Ms: number | null;
	/** The running run that started first, and when. */
	longest: {run: Run; startedAt: number} | null;
	/** The branch red the longest: its newest concluded run failed, and so did every one back to an earlier success. */
	red: {branch: string; since: Run; at: number} | null;
	/** How many branches are red. */
	redBranches: number;
}

/** When a run concluded: its finish, else its last update, else when it was made. */
function concludedAt(run: Run): number | null {
	return run.finishedAt ?? run.updatedAt ?? run.startedAt ?? run.createdAt;
}

/** Runs with an outcome, newest first; those without any date keep their order after the dated ones. */
function newestFirst(runs: readonly Run[]): Run[] {
	const dated = runs.map((run, index) => ({run, index, at: concludedAt(run) ?? -Infinity}));
	dated.sort((a, b) => b.at - a.at || a.index - b.index);
	return dated.map((entry) => entry.run);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? null;
}

/** The first failure of a branch's current red streak, or null when the branch is not red. */
function redSince(outcomes: readonly Run[]): Run | null {
	if (outcomes[0]?.status !== 'failed') return null;
	const streak = outcomes.findIndex((run) => run.status === 'success');
	return streak > 0 ? (outcomes[streak - 1] ?? null) : null;
}

function redBranches(outcomes: readonly Run[]): {branch: string; since: Run; at: number}[] {
	const byBranch = new Map<string, Run[]>();
	for (const run of outcomes) {
		if (run.branch === null || (run.status !== 'success' && run.status !== 'failed')) continue;
		// Runs of different pipelines of one source share a branch name but not a history.
		const key = `${run.source}\u001f${run.pipeline ?? ''}\u001f${run.branch}`;
		const runs = byBranch.get(key);
		if (runs) runs.push(run);
		else byBranch.set(key, [run]);
	}
	const red: {branch: string; since: Run; at: number}[] = [];
	for (const runs of byBranch.values()) {
		const since = redSince(runs);
		const at = since === null ? null : concludedAt(since);
		if (since !== null && at !== null && since.branch !== null) red.push({branch: since.branch, since, at});
	}
	return red.sort((a, b) => a.at - b.at);
}

/** The summary of `runs` (all sources, or one source's). */
export function summarize(runs: readonly Run[]): RunSummary {
	let running = 0;
	let queued = 0;
	let longest: RunSummary['longest'] = null;
	const failedAt: number[] = [];
	for (const run of runs) {
		if (run.status === 'queued') queued++;
		if (run.status === 'running') {
			running++;
			if (run.startedAt !== null && (longest === null || run.startedAt < longest.startedAt)) longest = {run, startedAt: run.startedAt};
		}
		const at = concludedAt(run);
		if (run.status === 'failed' && at !== null) failedAt.push(at);
	}
	failedAt.sort((a, b) => b - a);
	const outcomes = newestFirst(runs.filter((run) => run.status === 'success' || run.status === 'failed' || run.status === 'canceled'));
	const recent = outcomes.slice(0, SUMMARY_WINDOW);
	const durations = recent
		.map((run) => (run.startedAt !== null && run.finishedAt !== null && run.finishedAt >= run.startedAt ? run.finishedAt - run.startedAt : null))
		.filter((ms) => ms !== null)
		.sort((a, b) => a - b);
	const red = redBranches(outcomes);
	return {
		running,
		queued,
		failedAt,
		concluded: recent.length,
		succeeded: recent.filter((run) => run.status === 'success').length,
		p50Ms: percentile(durations, 0.5),
		p90Ms: percentile(durations, 0.9),
		longest,
		red: red[0] ?? null,
		redBranches: red.length,
	};
}

/** How many runs failed since `since` (clock ms). */
export function failedSince(summary: RunSummary, since: number): number {
	let count = 0;
	while (count < summary.failedAt.length && (summary.failedAt[count] ?? -Infinity) >= since) count++;
	return count;
}
