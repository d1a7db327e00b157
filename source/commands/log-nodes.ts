import {editDistance} from '../model/distance.js';
import type {Run, RunNode} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import {isActive} from '../model/status.js';
import {placedNodes} from '../output/watch.js';
import type {PlacedNode} from '../output/watch.js';

/** `--node` paths and log headers name a node by the titles above it: build/test/unit. */
export const NODE_SEPARATOR = '/';

/** Which node of a run's tree the text a user typed names. */
export type NodeLookup = {kind: 'found'; placed: PlacedNode} | {kind: 'ambiguous'; paths: string[]} | {kind: 'unknown'; nearest: string[]};

const SHOWN_CHOICES = 5;

/** The nodes `--node` may name: every node but artifacts, which have neither log nor steps. */
function namedNodes(run: Run): PlacedNode[] {
	return placedNodes(run, NODE_SEPARATOR).filter(({node}) => node.kind !== 'artifact');
}

/** "build › test › unit" (as `citop watch` prints it) and " build/test/unit/ " say build/test/unit. */
function normalize(typed: string): string {
	return typed
		.trim()
		.replace(/\s*›\s*/g, NODE_SEPARATOR)
		.replace(/^\/+|\/+$/g, '');
}

/** The last `count` parts of a path: "test/unit" of build/test/unit, to set beside a typed "tset/unit". */
function tail(path: string, count: number): string {
	return path.split(NODE_SEPARATOR).slice(-count).join(NODE_SEPARATOR);
}

/** The paths closest to what was typed, the whole path or its end, in the tree's order when equally close. */
function nearest(nodes: readonly PlacedNode[], typed: string): string[] {
	const wanted = typed.toLowerCase();
	const parts = typed.split(NODE_SEPARATOR).length;
	const scored = nodes.map(({path}, index) => {
		const lower = path.toLowerCase();
		return {path, index, score: Math.min(editDistance(wanted, lower), editDistance(wanted, tail(lower, parts)))};
	});
	scored.sort((a, b) => a.score - b.score || a.index - b.index);
	return [...new Set(scored.map((entry) => entry.path))].slice(0, SHOWN_CHOICES);
}

/**
 * Finds the node `typed` names: its whole path or its id, then the path in any case, then the end
 * of a path ("unit", "test/unit"). The first way that matches decides.
 */
export function lookUpNode(run: Run, typed: string): NodeLookup {
	const nodes = namedNodes(run);
	const text = normalize(typed);
	const lower = text.toLowerCase();
	const ways: Array<(placed: PlacedNode) => boolean> = [
		({node, path}) => path === text || node.id === typed.trim(),
		({path}) => path.toLowerCase() === lower,
		({path}) => path.toLowerCase().endsWith(`${NODE_SEPARATOR}${lower}`),
	];
	if (text !== '') {
		for (const matches of ways) {
			const found = nodes.filter(matches);
			if (found.length === 1 && found[0]) return {kind: 'found', placed: found[0]};
			if (found.length > 1) return {kind: 'ambiguous', paths: found.map(({path, node}) => `${path} (id ${sanitizeLine(node.id, 80)})`)};
		}
	}
	return {kind: 'unknown', nearest: nearest(nodes, text)};
}

/** What to say when `--node` names no node, or several. */
export function nodeLookupLine(lookup: Exclude<NodeLookup, {kind: 'found'}>, typed: string, run: string): string {
	const shown = `"${sanitizeLine(typed, 80)}"`;
	if (lookup.kind === 'ambiguous') {
		const more = lookup.paths.length > SHOWN_CHOICES ? `, and ${lookup.paths.length - SHOWN_CHOICES} more` : '';
		return `${shown} could be ${lookup.paths.length} nodes of ${run}: ${lookup.paths.slice(0, SHOWN_CHOICES).join(', ')}${more}; give more of the path`;
	}
	if (lookup.nearest.length === 0) return `no node ${shown} in ${run}: its tree is empty`;
	return `no node ${shown} in ${run}; the nearest: ${lookup.nearest.join(', ')}`;
}

function subtreeIds(node: RunNode, into = new Set<string>()): Set<string> {
	into.add(node.id);
	for (const child of node.children) subtreeIds(child, into);
	return into;
}

/** The nodes with a log, in the tree's order: all of the run's, or those of the subtree under `scope` (a node id). */
export function logNodes(run: Run, scope: string | null): PlacedNode[] {
	const placed = placedNodes(run, NODE_SEPARATOR);
	const top = scope === null ? null : placed.find(({node}) => node.id === scope)?.node;
	const inside = top ? subtreeIds(top) : null;
	if (scope !== null && !inside) return [];
	return placed.filter(({node}) => node.log !== null && (inside === null || inside.has(node.id)));
}

export interface LogChoice {
	/** Only the nodes that failed (`--failed`). */
	failed: boolean;
	/** Wait for nodes still to run or to end (`--follow`). */
	follow: boolean;
}

/** What `citop logs` does next: read a node's log, wait for the tree to move on, or end. */
export type NextLog = {kind: 'read'; placed: PlacedNode} | {kind: 'wait'} | {kind: 'end'};

/**
 * The next log to print, in the tree's order, of `nodes` not `handled` yet. A node that never ran
 * (skipped) has nothing to show. Following, a queued node is waited for in its turn, and with
 * `failed` a node is taken once it has failed; otherwise only what has run so far is read.
 */
export function nextLog(run: Run, nodes: readonly PlacedNode[], handled: ReadonlySet<string>, choice: LogChoice): NextLog {
	// A tree that says the run is over has said all it will: nothing left in it is waited for.
	const waiting = choice.follow && isActive(run.status);
	for (const placed of nodes) {
		const {status} = placed.node;
		if (handled.has(placed.node.id) || status === 'skipped') continue;
		if (choice.failed) {
			if (status === 'failed') return {kind: 'read', placed};
			continue;
		}
		if (status === 'queued') {
			if (waiting) return {kind: 'wait'};
			continue;
		}
		return {kind: 'read', placed};
	}
	return waiting ? {kind: 'wait'} : {kind: 'end'};
}

