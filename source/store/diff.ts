import type {Run, RunNode} from '../model/run.js';
import {isConcluded} from '../model/status.js';
import type {Status} from '../model/status.js';
import {sameNodeFields, sameRunFields} from './same.js';

/** What changed between two answers, for one run or one node of its tree (nodeId set). */
export interface RunChange {
	kind: 'added' | 'removed' | 'status' | 'progress';
	runKey: string;
	/** The run as it is now (as it was, for a removed run). */
	run: Run;
	nodeId: string | null;
	node: RunNode | null;
	from: Status | null;
	to: Status | null;
	fromProgress: number | null;
	toProgress: number | null;
	at: number;
}

export interface RunsDiff {
	/** `next`, except that every run whose data did not change is the previous object. */
	runs: Run[];
	changes: RunChange[];
}

export interface TreeDiff {
	/** `next`, sharing every unchanged node (and the run itself when nothing changed) with `previous`. */
	run: Run;
	/** The run's own changes and its nodes'. The event log keeps one entry when the list reports the same. */
	changes: RunChange[];
}

function change(
	kind: RunChange['kind'],
	run: Run,
	node: RunNode | null,
	at: number,
	from: Status | null,
	to: Status | null,
	fromProgress: number | null = null,
	toProgress: number | null = null,
): RunChange {
	return {kind, runKey: run.key, run, nodeId: node?.id ?? null, node, from, to, fromProgress, toProgress, at};
}

/** Status and progress changes of one run or node, appended to `changes`. */
function compare(
	changes: RunChange[],
	run: Run,
	node: RunNode | null,
	previous: {status: Status; progress: number | null},
	next: {status: Status; progress: number | null},
	at: number,
): void {
	if (previous.status !== next.status) {
		changes.push(change('status', run, node, at, previous.status, next.status, previous.progress, next.progress));
	} else if (previous.progress !== next.progress) {
		changes.push(change('progress', run, node, at, previous.status, next.status, previous.progress, next.progress));
	}
}

/**
 * Finds each next item's previous self by its key: at the same position first (answers rarely
 * reorder), else through an index built on first need.
 */
function matcher<T>(previous: readonly T[], keyOf: (item: T) => string): (item: T, position: number) => T | undefined {
	let index: Map<string, T> | null = null;
	return (item, position) => {
		const key = keyOf(item);
		const before = previous[position];
		if (before && keyOf(before) === key) return before;
		index ??= new Map(previous.map((candidate) => [keyOf(candidate), candidate]));
		return index.get(key);
	};
}

/** Reports each previous item whose key is gone from `next`. */
function reportGone<T>(previous: readonly T[], next: readonly T[], keyOf: (item: T) => string, report: (item: T) => void): void {
	const present = new Set(next.map(keyOf));
	for (const item of previous) if (!present.has(keyOf(item))) report(item);
}

const nodeId = (node: RunNode): string => node.id;
const runKeyOf = (run: Run): string => run.key;

/** `previous` when neither it nor its children changed; else `next`, holding the children kept. */
function kept<T extends {children: Children}, Children>(previous: T, next: T, same: boolean, children: Children): T {
	if (same && children === previous.children) return previous;
	return children === next.children ? next : {...next, children};
}

/**
 * Matches nodes by id, reports what changed, and returns `previous` itself when no node changed.
 */
function diffNodes(
	run: Run,
	previous: readonly RunNode[],
	next: readonly RunNode[],
	at: number,
	changes: RunChange[],
): readonly RunNode[] {
	if (next.length === 0 && previous.length === 0) return previous;
	const match = matcher(previous, nodeId);
	let result: RunNode[] | null = null;
	let matched = 0;
	for (let i = 0; i < next.length; i++) {
		const node = next[i]!;
		const before = match(node, i);
		let keep: RunNode;
		if (before) {
			matched++;
			keep = diffNode(run, before, node, at, changes);
		} else {
			changes.push(change('added', run, node, at, null, node.status, null, node.progress));
			keep = node;
		}
		if (result) result.push(keep);
		else if (keep !== previous[i]) {
			result = previous.slice(0, i) as RunNode[];
			result.push(keep);
		}
	}
	if (matched < previous.length) {
		reportGone(previous, next, nodeId, (node) => changes.push(change('removed', run, node, at, node.status, null, node.progress, null)));
	}
	if (!result && next.length === previous.length) return previous;
	return result ?? previous.slice(0, next.length);
}

function diffNode(run: Run, previous: RunNode, next: RunNode, at: number, changes: RunChange[]): RunNode {
	const same = sameNodeFields(previous, next);
	if (!same) compare(changes, run, next, previous, next, at);
	return kept(previous, next, same, diffNodes(run, previous.children, next.children, at, changes));
}

/**
 * Children of a run: null (not fetched) on either side reports nothing, as a first fetch lights
 * nothing; an answer without a tree keeps the tree fetched before.
 */
function diffChildren(
	run: Run,
	previous: readonly RunNode[] | null,
	next: readonly RunNode[] | null,
	at: number,
	changes: RunChange[],
): readonly RunNode[] | null {
	if (next === null) return previous;
	if (previous === null) return next;
	return diffNodes(run, previous, next, at, changes);
}

/** How long after a run's end its tree may still be rewritten (cubes reporting late). */
export const TREE_SETTLE_MS = 60_000;

/**
 * A list answer's tree of a run that ended a while ago is taken as final: providers do not rewrite
 * history, and not walking thousands of old trees keeps the diff of a long list cheap.
 * (The open run's tree, from diffTree, is always compared in full.)
 */
function settledTree(previous: Run, next: Run, at: number): boolean {
	return (
		previous.finishedAt !== null &&
		at - previous.finishedAt >= TREE_SETTLE_MS &&
		isConcluded(previous.status) &&
		previous.children !== null &&
		next.children !== null
	);
}

function diffRun(previous: Run, next: Run, at: number, changes: RunChange[], list: boolean): Run {
	const same = sameRunFields(previous, next);
	if (same && list && settledTree(previous, next, at)) return previous;
	if (!same) compare(changes, next, null, previous, next, at);
	return kept(previous, next, same, diffChildren(next, previous.children, next.children, at, changes));
}

/**
 * Compares two list answers in O(runs): added, removed, status and progress changes of runs and
 * of the nodes they carry (but see settledTree; without `trustSettled` every tree is compared, as
 * when `previous` is not an answer but the runs the cache kept, trees cut at their top).
 * Unchanged runs (and nodes) keep the previous object, so memoized rows do not render again.
 */
export function diffRuns(previous: readonly Run[], next: readonly Run[], now: number, trustSettled = true): RunsDiff {
	const changes: RunChange[] = [];
	const runs: Run[] = new Array<Run>(next.length);
	const match = matcher(previous, runKeyOf);
	let matched = 0;
	for (let i = 0; i < next.length; i++) {
		const run = next[i]!;
		const before = match(run, i);
		if (before) {
			matched++;
			runs[i] = diffRun(before, run, now, changes, trustSettled);
		} else {
			changes.push(change('added', run, null, now, null, run.status, null, run.progress));
			runs[i] = run;
		}
	}
	if (matched < previous.length) {
		reportGone(previous, next, runKeyOf, (run) => changes.push(change('removed', run, null, now, run.status, null, run.progress, null)));
	}
	return {runs, changes};
}

/**
 * Compares two fetches of one run's tree. The first fetch (previous null) reports nothing;
 * afterwards the run's and every node's status and progress changes are reported, and nodes added or removed.
 */
export function diffTree(previous: Run | null, next: Run, now: number): TreeDiff {
	if (previous === null || previous.key !== next.key) return {run: next, changes: []};
	const changes: RunChange[] = [];
	return {run: diffRun(previous, next, now, changes, false), changes};
}
