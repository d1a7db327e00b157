import type {Run, RunNode} from './run.js';
import type {Status} from './status.js';

/** How long runs of one pipeline usually take, from its recent successful runs. */
export interface Expected {
	/** The median duration. */
	ms: number;
	/** How many runs it was taken from. */
	runs: number;
	/** The spread: the lower and upper quartile of those runs. */
	lowMs: number;
	highMs: number;
}

/** Where a running run's progress comes from: the provider's own figure, the pipeline's history, or nowhere. */
export type ProgressFrom = 'provider' | 'history' | null;

export interface RunEstimate {
	progressFrom: ProgressFrom;
	/** 0..1, or null when neither the provider nor the history says. */
	progress: number | null;
	/** The usual duration of the run's pipeline, or null without history. */
	expectedMs: number | null;
	/** Clock ms when the run should end, or null. */
	eta: number | null;
	/** Time left until then (0 once past), or null. */
	leftMs: number | null;
	/** How far past its usual time the run is (0 while within it), or null. */
	overMs: number | null;
}

/** Only the newest successful runs count: a pipeline changes, and old runs say less about the next one. */
export const HISTORY_RUNS = 10;
/** One run is a fact, not a habit: an estimate needs at least this many. */
export const MIN_HISTORY_RUNS = 2;

const pipelines = new WeakMap<Run, string>();

/**
 * Which runs are alike: the same source, and within it the same Wercker pipeline or the same set of
 * SourceCraft workflows. A Northflank source is one release flow, so the source alone says it.
 */
export function pipelineKey(run: Run): string {
	let key = pipelines.get(run);
	if (key === undefined) {
		const workflows = run.provider === 'sourcecraft' && run.children !== null ? run.children.map((node) => node.id).sort().join(',') : '';
		key = `${run.source}\u001f${run.pipeline ?? ''}\u001f${workflows}`;
		pipelines.set(run, key);
	}
	return key;
}

/** The value at fraction `at` (0..1) of sorted numbers, between neighbours where it falls between them. */
function quantile(sorted: readonly number[], at: number): number {
	const position = (sorted.length - 1) * at;
	const below = sorted[Math.floor(position)] ?? 0;
	const above = sorted[Math.ceil(position)] ?? below;
	return below + (above - below) * (position - Math.floor(position));
}

/** What a duration is read from: a run or a node of its tree. */
interface Timed {
	status: Status;
	startedAt: number | null;
	finishedAt: number | null;
}

/** A successful run's (or node's) duration, or null when its dates cannot say it. */
function successfulDuration(run: Timed): {at: number; ms: number} | null {
	if (run.status !== 'success' || run.startedAt === null || run.finishedAt === null) return null;
	const ms = run.finishedAt - run.startedAt;
	return ms > 0 ? {at: run.finishedAt, ms} : null;
}

/** The usual duration of the runs (or nodes) given, one pipeline's, or null when too few succeeded with known dates. */
export function expectedDuration(history: readonly Timed[], limit = HISTORY_RUNS): Expected | null {
	// The newest `limit`, newest first, kept in one pass: a long history is not sorted whole.
	const recent: {at: number; ms: number}[] = [];
	for (const item of history) {
		const done = successfulDuration(item);
		if (done === null || (recent.length === limit && done.at <= (recent[limit - 1]?.at ?? -Infinity))) continue;
		let index = recent.length;
		while (index > 0 && (recent[index - 1]?.at ?? 0) < done.at) index--;
		recent.splice(index, 0, done);
		if (recent.length > limit) recent.pop();
	}
	if (recent.length < MIN_HISTORY_RUNS) return null;
	const sorted = recent.map((entry) => entry.ms).sort((a, b) => a - b);
	return {ms: Math.round(quantile(sorted, 0.5)), runs: sorted.length, lowMs: Math.round(quantile(sorted, 0.25)), highMs: Math.round(quantile(sorted, 0.75))};
}

/** Adds a run or node that succeeded with known dates to its group. */
function addSuccessful<T extends Timed>(groups: Map<string, Timed[]>, item: T, keyOf: (item: T) => string): void {
	if (successfulDuration(item) === null) return;
	const key = keyOf(item);
	const group = groups.get(key);
	if (group) group.push(item);
	else groups.set(key, [item]);
}

/** The usual duration of each group with history enough. */
function expectedOfGroups(groups: ReadonlyMap<string, readonly Timed[]>): Map<string, Expected> {
	const expected = new Map<string, Expected>();
	for (const [key, group] of groups) {
		const value = expectedDuration(group);
		if (value !== null) expected.set(key, value);
	}
	return expected;
}

const memo = new WeakMap<readonly Run[], ReadonlyMap<string, Expected>>();

/**
 * The usual duration of every pipeline in a run list, by pipelineKey. Kept per list, so the live
 * view pays for it once per store change, not once per frame.
 */
export function expectedByPipeline(runs: readonly Run[]): ReadonlyMap<string, Expected> {
	let found = memo.get(runs);
	if (found === undefined) {
		const groups = new Map<string, Timed[]>();
		for (const run of runs) addSuccessful(groups, run, pipelineKey);
		found = expectedOfGroups(groups);
		memo.set(runs, found);
	}
	return found;
}

/** The usual duration of a run's pipeline among `runs`, or null. */
export function expectedFor(run: Run, runs: readonly Run[]): Expected | null {
	return expectedByPipeline(runs).get(pipelineKey(run)) ?? null;
}

/**
 * Calls `visit` with each node of a tree and its path: the titles down to it, a title repeated
 * among siblings numbered by its turn ("script", "script#2"). Ids cannot say it: a Wercker step's
 * id is its run's own, while the path is what a person reads and the same work in every run.
 */
function eachNodePath(nodes: readonly RunNode[], prefix: string, visit: (node: RunNode, path: string) => void): void {
	const seen = new Map<string, number>();
	for (const node of nodes) {
		const turn = (seen.get(node.title) ?? 0) + 1;
		seen.set(node.title, turn);
		const path = `${prefix}${node.title}${turn > 1 ? `#${turn}` : ''}`;
		visit(node, path);
		eachNodePath(node.children, `${path}\u001f`, visit);
	}
}

const nodeMemo = new WeakMap<readonly Run[], Map<string, ReadonlyMap<string, Expected>>>();

/** The usual duration of each node path of a pipeline's trees among `runs`. Kept per list and pipeline. */
function expectedByNodePath(pipeline: string, runs: readonly Run[]): ReadonlyMap<string, Expected> {
	let byPipeline = nodeMemo.get(runs);
	if (byPipeline === undefined) {
		byPipeline = new Map();
		nodeMemo.set(runs, byPipeline);
	}
	let found = byPipeline.get(pipeline);
	if (found === undefined) {
		const nodes = new Map<string, Timed[]>();
		for (const other of runs) {
			if (other.children === null || pipelineKey(other) !== pipeline) continue;
			eachNodePath(other.children, '', (node, path) => addSuccessful(nodes, node, () => path));
		}
		found = expectedOfGroups(nodes);
		byPipeline.set(pipeline, found);
	}
	return found;
}

const runNodeMemo = new WeakMap<Run, {runs: readonly Run[]; byId: ReadonlyMap<string, Expected>}>();

/**
 * The usual duration of each node of a run's tree, by the node's id, from the same node path in
 * the trees the store holds of its pipeline's runs (SourceCraft lists carry them; other trees are
 * kept once fetched). Kept per run and list.
 */
export function expectedByNode(run: Run, runs: readonly Run[]): ReadonlyMap<string, Expected> {
	const kept = runNodeMemo.get(run);
	if (kept?.runs === runs) return kept.byId;
	const byPath = expectedByNodePath(pipelineKey(run), runs);
	const byId = new Map<string, Expected>();
	if (byPath.size > 0) {
		eachNodePath(run.children ?? [], '', (node, path) => {
			const expected = byPath.get(path);
			if (expected !== undefined) byId.set(node.id, expected);
		});
	}
	runNodeMemo.set(run, {runs, byId});
	return byId;
}

const NONE: RunEstimate = {progressFrom: null, progress: null, expectedMs: null, eta: null, leftMs: null, overMs: null};

/**
 * Progress and time left of a run at `now`. The provider's progress wins where it gives one; the
 * history gives the rest. A run that is not running, or never said when it started, gets no guess.
 */
export function estimateRun(run: Pick<Run, 'status' | 'progress' | 'startedAt'>, expected: Expected | null, now: number): RunEstimate {
	if (run.status !== 'running') return NONE;
	const fromProvider = run.progress !== null;
	if (expected === null || run.startedAt === null) {
		return fromProvider ? {...NONE, progressFrom: 'provider', progress: run.progress} : NONE;
	}
	const elapsed = Math.max(0, now - run.startedAt);
	const eta = run.startedAt + expected.ms;
	return {
		progressFrom: fromProvider ? 'provider' : 'history',
		progress: fromProvider ? run.progress : Math.min(1, elapsed / expected.ms),
		expectedMs: expected.ms,
		eta,
		leftMs: Math.max(0, eta - now),
		overMs: Math.max(0, now - eta),
	};
}
