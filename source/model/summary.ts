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

/** Each red branch of `outcomes` (one source's concluded runs, newest first), longest red first. */
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

/** What one list of runs adds to a summary: its counts, its newest concluded runs, its red branches. */
interface ListFigures {
	running: number;
	queued: number;
	longest: RunSummary['longest'];
	failedAt: number[];
	/** The newest SUMMARY_WINDOW concluded runs, newest first, with when they concluded. */
	recent: {run: Run; at: number}[];
	red: {branch: string; since: Run; at: number}[];
}

function listFigures(runs: readonly Run[]): ListFigures {
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
	const recent = outcomes.slice(0, SUMMARY_WINDOW).map((run) => ({run, at: concludedAt(run) ?? -Infinity}));
	return {running, queued, longest, failedAt, recent, red: redBranches(outcomes)};
}

// A source's figures, kept while its runs are the same array: a poll pays for the sources it changed.
const figures = new WeakMap<readonly Run[], ListFigures>();

function figuresOf(runs: readonly Run[]): ListFigures {
	let found = figures.get(runs);
	if (found === undefined) {
		found = listFigures(runs);
		figures.set(runs, found);
	}
	return found;
}

/**
 * The summary of several lists of runs, each one source's (a source's branches and pipelines are
 * its own, so its red branches are too). Ties in time keep the lists' order.
 */
export function summarizeLists(lists: Iterable<readonly Run[]>): RunSummary {
	let running = 0;
	let queued = 0;
	let longest: RunSummary['longest'] = null;
	const failedAt: number[] = [];
	const recent: {run: Run; at: number}[] = [];
	const red: {branch: string; since: Run; at: number}[] = [];
	for (const list of lists) {
		const own = figuresOf(list);
		running += own.running;
		queued += own.queued;
		if (own.longest !== null && (longest === null || own.longest.startedAt < longest.startedAt)) longest = own.longest;
		failedAt.push(...own.failedAt);
		recent.push(...own.recent);
		red.push(...own.red);
	}
	failedAt.sort((a, b) => b - a);
	// A stable sort: equal times keep the order of the lists, and of the runs within them.
	const window = recent.sort((a, b) => b.at - a.at).slice(0, SUMMARY_WINDOW).map((entry) => entry.run);
	const durations = window
		.map((run) => (run.startedAt !== null && run.finishedAt !== null && run.finishedAt >= run.startedAt ? run.finishedAt - run.startedAt : null))
		.filter((ms) => ms !== null)
		.sort((a, b) => a - b);
	red.sort((a, b) => a.at - b.at);
	return {
		running,
		queued,
		failedAt,
		concluded: window.length,
		succeeded: window.filter((run) => run.status === 'success').length,
		p50Ms: percentile(durations, 0.5),
		p90Ms: percentile(durations, 0.9),
		longest,
		red: red[0] ?? null,
		redBranches: red.length,
	};
}

/** The summary of `runs` (all sources, or one source's), in the order given. */
export function summarize(runs: readonly Run[]): RunSummary {
	const lists = new Map<string, Run[]>();
	for (const run of runs) {
		const list = lists.get(run.source);
		if (list) list.push(run);
		else lists.set(run.source, [run]);
	}
	return summarizeLists(lists.values());
}

/** How many runs failed since `since` (clock ms). */
export function failedSince(summary: RunSummary, since: number): number {
	let count = 0;
	while (count < summary.failedAt.length && (summary.failedAt[count] ?? -Infinity) >= since) count++;
	return count;
}
