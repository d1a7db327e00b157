import type {Run, RunNode} from '../model/run.js';
import {isConcluded} from '../model/status.js';
import type {Status, StatusFlags} from '../model/status.js';

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

function sameFlags(a: StatusFlags, b: StatusFlags): boolean {
	// `false` against a missing flag counts as a change: rare, and it costs only a re-render.
	return a === b || (a.awaitingApproval === b.awaitingApproval && a.canceling === b.canceling && a.timeout === b.timeout);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function sameRunFields(a: Run, b: Run): boolean {
	return (
		a.status === b.status &&
		a.progress === b.progress &&
		a.providerStatus === b.providerStatus &&
		a.updatedAt === b.updatedAt &&
		a.startedAt === b.startedAt &&
		a.finishedAt === b.finishedAt &&
		a.createdAt === b.createdAt &&
		a.key === b.key &&
		a.id === b.id &&
		a.source === b.source &&
		a.provider === b.provider &&
		a.label === b.label &&
		a.title === b.title &&
		a.branch === b.branch &&
		a.tag === b.tag &&
		a.commit === b.commit &&
		a.event === b.event &&
		a.user === b.user &&
		a.pullRequest === b.pullRequest &&
		a.url === b.url &&
		sameFlags(a.flags, b.flags) &&
		sameStrings(a.errors, b.errors)
	);
}

function sameNodeFields(a: RunNode, b: RunNode): boolean {
	return (
		a.status === b.status &&
		a.progress === b.progress &&
		a.providerStatus === b.providerStatus &&
		a.updatedAt === b.updatedAt &&
		a.startedAt === b.startedAt &&
		a.finishedAt === b.finishedAt &&
		a.createdAt === b.createdAt &&
		a.id === b.id &&
		a.kind === b.kind &&
		a.title === b.title &&
		a.currentCube === b.currentCube &&
		a.order === b.order &&
		sameFlags(a.flags, b.flags) &&
		sameStrings(a.errors, b.errors) &&
		sameStrings(a.needs, b.needs) &&
		sameLog(a.log, b.log) &&
		sameArtifact(a.artifact, b.artifact) &&
		sameRetries(a.retries, b.retries)
	);
}

function sameLog(a: RunNode['log'], b: RunNode['log']): boolean {
	return a === b || (a !== null && b !== null && sameStrings(a.path, b.path));
}

function sameArtifact(a: RunNode['artifact'], b: RunNode['artifact']): boolean {
	return a === b || (a !== null && b !== null && a.path === b.path && a.status === b.status && a.url === b.url);
}

function sameRetries(a: RunNode['retries'], b: RunNode['retries']): boolean {
	return a === b || (a !== null && b !== null && a.attempts === b.attempts && a.maxAttempts === b.maxAttempts);
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

function indexById<T extends {id: string}>(items: readonly T[]): Map<string, T> {
	const index = new Map<string, T>();
	for (const item of items) index.set(item.id, item);
	return index;
}

/**
 * Matches nodes by id (by position first: answers rarely reorder), reports what changed,
 * and returns `previous` itself when no node changed.
 */
function diffNodes(
	run: Run,
	previous: readonly RunNode[],
	next: readonly RunNode[],
	at: number,
	changes: RunChange[],
): readonly RunNode[] {
	if (next.length === 0 && previous.length === 0) return previous;
	let index: Map<string, RunNode> | null = null;
	let result: RunNode[] | null = null;
	let matched = 0;
	for (let i = 0; i < next.length; i++) {
		const node = next[i]!;
		let before = previous[i];
		if (!before || before.id !== node.id) {
			index ??= indexById(previous);
			before = index.get(node.id);
		}
		let kept: RunNode;
		if (before) {
			matched++;
			kept = diffNode(run, before, node, at, changes);
		} else {
			changes.push(change('added', run, node, at, null, node.status, null, node.progress));
			kept = node;
		}
		if (result) result.push(kept);
		else if (kept !== previous[i]) {
			result = previous.slice(0, i) as RunNode[];
			result.push(kept);
		}
	}
	if (matched < previous.length) reportRemoved(run, previous, next, at, changes);
	if (!result && next.length === previous.length) return previous;
	return result ?? previous.slice(0, next.length);
}

function reportRemoved(run: Run, previous: readonly RunNode[], next: readonly RunNode[], at: number, changes: RunChange[]): void {
	const present = new Set(next.map((node) => node.id));
	for (const node of previous) {
		if (!present.has(node.id)) changes.push(change('removed', run, node, at, node.status, null, node.progress, null));
	}
}

function diffNode(run: Run, previous: RunNode, next: RunNode, at: number, changes: RunChange[]): RunNode {
	const same = sameNodeFields(previous, next);
	if (!same) compare(changes, run, next, previous, next, at);
	const children = diffNodes(run, previous.children, next.children, at, changes);
	if (same && children === previous.children) return previous;
	return children === next.children ? next : {...next, children};
}

/** Children of a run: null (not fetched) on either side reports nothing, as a first fetch lights nothing. */
function diffChildren(
	run: Run,
	previous: readonly RunNode[] | null,
	next: readonly RunNode[] | null,
	at: number,
	changes: RunChange[],
): readonly RunNode[] | null {
	if (previous === null || next === null) return previous === next ? previous : next;
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
	const children = diffChildren(next, previous.children, next.children, at, changes);
	if (same && children === previous.children) return previous;
	return children === next.children ? next : {...next, children};
}

/**
 * Compares two list answers in O(runs): added, removed, status and progress changes of runs and
 * of the nodes they carry (but see settledTree). Unchanged runs (and nodes) keep the previous object, so memoized rows
 * do not render again.
 */
export function diffRuns(previous: readonly Run[], next: readonly Run[], now: number): RunsDiff {
	const changes: RunChange[] = [];
	const runs: Run[] = new Array<Run>(next.length);
	let index: Map<string, Run> | null = null;
	let matched = 0;
	for (let i = 0; i < next.length; i++) {
		const run = next[i]!;
		let before = previous[i];
		if (!before || before.key !== run.key) {
			index ??= indexByKey(previous);
			before = index.get(run.key);
		}
		if (before) {
			matched++;
			runs[i] = diffRun(before, run, now, changes, true);
		} else {
			changes.push(change('added', run, null, now, null, run.status, null, run.progress));
			runs[i] = run;
		}
	}
	if (matched < previous.length) {
		const present = new Set(next.map((run) => run.key));
		for (const run of previous) {
			if (!present.has(run.key)) changes.push(change('removed', run, null, now, run.status, null, run.progress, null));
		}
	}
	return {runs, changes};
}

function indexByKey(runs: readonly Run[]): Map<string, Run> {
	const index = new Map<string, Run>();
	for (const run of runs) index.set(run.key, run);
	return index;
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
