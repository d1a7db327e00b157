import type {Run, RunNode} from '../../model/run.js';
import {sanitizeLine, sanitizeOptional} from '../../model/sanitize.js';
import {isConcluded, mapNorthflankStatus, type StatusInfo} from '../../model/status.js';
import {makeNode, makeRun, statusFields, usableId} from '../build.js';
import {isRecord} from '../lenient.js';
import type {NorthflankSpec} from '../types.js';
import {nodeSchema, refSchema, type NfRun} from './schema.js';

/** Pure mapping of Northflank release-flow runs and their spec node trees into the model. */

// A release flow is a handful of nested steps; anything deeper is not a flow worth drawing.
const MAX_DEPTH = 12;

/** The children of a raw node: `spec.steps`, or `steps`; a single object stands for one. */
function childrenOf(raw: unknown): unknown[] {
	if (!isRecord(raw)) return [];
	const inner = isRecord(raw['spec']) ? raw['spec']['steps'] : undefined;
	const steps = inner ?? raw['steps'];
	if (steps === undefined || steps === null) return [];
	return (Array.isArray(steps) ? steps : [steps]).filter(isRecord);
}

function mapNode(raw: unknown, parentId: string | null, index: number, taken: Set<string>, depth: number): RunNode | null {
	const node = nodeSchema.parse(raw);
	if (!node) return null;
	const name = sanitizeOptional(node.ref ?? node.name, 120);
	const kind = sanitizeOptional(node.kind, 60);
	// Refs are unique in a valid flow; a repeated or missing one falls back to the node's position.
	const own = name && !taken.has(name) ? name : `${kind ?? 'node'}#${index + 1}`;
	taken.add(own);
	const id = parentId === null ? own : `${parentId}/${own}`;
	const response = node.response;
	const error = sanitizeOptional(response?.error?.message ?? response?.error?.code);
	const attempts = response?.retries?.attempts ?? null;
	const siblings = new Set<string>();
	const children =
		depth >= MAX_DEPTH
			? []
			: childrenOf(raw)
					.map((child, position) => mapNode(child, id, position, siblings, depth + 1))
					.filter((child): child is RunNode => child !== null);
	return makeNode({
		id,
		kind: 'node',
		title: name ?? kind ?? `node ${index + 1}`,
		...statusFields(mapNorthflankStatus(response?.status ?? null)),
		startedAt: response?.startTime ?? null,
		finishedAt: response?.endTime ?? null,
		errors: error ? [error] : [],
		retries: attempts === null ? null : {attempts, maxAttempts: response?.retries?.maxAttempts ?? null},
		children,
	});
}

/**
 * The nodes of a run's `spec`. The spec is itself the root workflow node; its steps are what a
 * person thinks of as the flow, so they are the run's top level. A list of nodes is read too.
 */
export function nodesOf(spec: unknown): RunNode[] {
	const roots = Array.isArray(spec) ? spec : isRecord(spec) && childrenOf(spec).length === 0 && isRecord(spec['response']) ? [spec] : childrenOf(spec);
	const taken = new Set<string>();
	return roots.map((raw, index) => mapNode(raw, null, index, taken, 0)).filter((node): node is RunNode => node !== null);
}

function leaves(nodes: readonly RunNode[]): RunNode[] {
	return nodes.flatMap((node) => (node.children.length === 0 ? [node] : leaves(node.children)));
}

/** The share of leaf nodes that have concluded, or null without nodes. */
export function flowProgress(nodes: readonly RunNode[]): number | null {
	const all = leaves(nodes);
	if (all.length === 0) return null;
	return all.filter((node) => isConcluded(node.status)).length / all.length;
}

/** A run is over only when `concluded` says so (REFERENCE.md): until then a final-looking status still runs. */
function runStatus(run: NfRun): StatusInfo {
	const info = mapNorthflankStatus(run.status);
	if (run.concluded === false && isConcluded(info.status)) return {...info, status: 'running'};
	return info;
}

/**
 * What the run deployed: the entry of `refs` that a git trigger's `ref` names, read as a template
 * reads it (`${refs.<ref>.branch}`, `.sha`). The first trigger whose ref has one wins.
 */
function deployed(run: NfRun): {branch: string | null; commit: string | null} {
	const refs = isRecord(run.refs) ? run.refs : {};
	for (const trigger of run.triggers ?? []) {
		if (trigger.ref === null || !Object.hasOwn(refs, trigger.ref)) continue;
		const ref = refSchema.parse(refs[trigger.ref]);
		const branch = sanitizeOptional(ref?.branch, 120);
		const commit = sanitizeOptional(ref?.sha, 64);
		if (branch !== null || commit !== null) return {branch, commit};
	}
	return {branch: null, commit: null};
}

// A flow's arguments are a handful of settings; a screenful is the most worth showing.
const MAX_INPUTS = 20;

/** The run's `arguments`, key → value as text; null when the answer has none to give. */
function inputsOf(value: unknown): Record<string, string> | null {
	if (!isRecord(value)) return null;
	const entries = Object.entries(value)
		.slice(0, MAX_INPUTS)
		.map(([key, item]): [string, string] => [sanitizeLine(key, 60), sanitizeLine(typeof item === 'string' ? item : JSON.stringify(item), 120)])
		.filter(([key]) => key !== '');
	return Object.fromEntries(entries);
}

/** Short form of a run id for the list: the first block of a UUID. */
export function shortId(id: string): string {
	const shown = sanitizeLine(id);
	return shown.split('-')[0]?.slice(0, 12) || shown.slice(0, 12);
}

/** A run as Northflank sent it; null when it has no id. `whole`: a detail answer, so `spec` is the tree. */
export function mapRun(spec: NorthflankSpec, run: NfRun, whole = false): Run | null {
	const id = usableId(run.id);
	if (id === null) return null;
	const name = sanitizeOptional(run.name, 120);
	const description = sanitizeOptional(run.description, 300);
	const children = whole ? nodesOf(run.spec) : null;
	return makeRun(spec, {
		id,
		label: name ?? shortId(id),
		title: description ?? name ?? shortId(id),
		...statusFields(runStatus(run)),
		createdAt: run.createdAt,
		startedAt: run.startedAt,
		finishedAt: run.concludedAt,
		updatedAt: run.updatedAt,
		progress: children ? flowProgress(children) : null,
		...deployed(run),
		inputs: inputsOf(run.arguments),
		children,
	});
}
