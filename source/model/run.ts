import {sanitizeLine} from './sanitize.js';
import type {Status, StatusFlags} from './status.js';

export const PROVIDERS = ['sourcecraft', 'wercker', 'northflank'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** What a node of a run's tree is, in the provider's own words. */
export type NodeKind = 'workflow' | 'task' | 'cube' | 'artifact' | 'step' | 'node';

/** Dates are epoch milliseconds, or null when the provider did not say (or said nonsense). */
export interface Dates {
	createdAt: number | null;
	startedAt: number | null;
	finishedAt: number | null;
	updatedAt: number | null;
}

/** What the status columns of a run or node need. */
export interface StatusFields {
	status: Status;
	/** The provider's raw status, shown beside the common one; null when it sent none. */
	providerStatus: string | null;
	flags: StatusFlags;
}

/**
 * Where to read a node's log. Opaque to the store and the UI: only the provider that made it reads it.
 * `path` is provider-specific (SourceCraft: [run, workflow, task, cube]; Wercker: [stepId]).
 */
export interface LogRef {
	path: readonly string[];
}

export interface Artifact {
	path: string;
	/** SourceCraft artifact status: registered | success | failed | missing, or another raw word. */
	status: string | null;
	/** Short-lived download URL. */
	url: string | null;
}

export interface RunNode extends StatusFields, Dates {
	/** Unique within its run and stable across polls (slug path, step id, node path). */
	id: string;
	kind: NodeKind;
	/** Sanitized display name. */
	title: string;
	/** 0..1, or null when unknown. */
	progress: number | null;
	/** Sanitized error messages. */
	errors: readonly string[];
	/** Names of the nodes this one waits for. */
	needs: readonly string[];
	/** Set when this node's log can be read. */
	log: LogRef | null;
	/** For artifacts (kind 'artifact'). */
	artifact: Artifact | null;
	/** SourceCraft: the slug of the cube running now, for a workflow or task. */
	currentCube: string | null;
	/** Wercker step order; Northflank retries. */
	order: number | null;
	retries: {attempts: number; maxAttempts: number | null} | null;
	children: readonly RunNode[];
}

export interface Run extends StatusFields, Dates {
	/** Composite key, unique across every source: see runKey(). */
	key: string;
	/** The configured source's name. */
	source: string;
	provider: ProviderName;
	/**
	 * Provider-native id as the server sent it (SourceCraft run slug, Wercker run id, Northflank run
	 * id): what requests carry. Never shown raw: see shownId().
	 */
	id: string;
	/** What the list shows in its RUN column: "#1284" or a release-flow run's name. */
	label: string;
	/** Sanitized title: message, description or name. */
	title: string;
	progress: number | null;
	errors: readonly string[];
	branch: string | null;
	tag: string | null;
	commit: string | null;
	/** push | pr_update | manual | restart | trigger …, or null. */
	event: string | null;
	user: string | null;
	pullRequest: string | null;
	/** Wercker: the pipeline that ran, since an application's runs mix its pipelines; null elsewhere. */
	pipeline: string | null;
	/** What the run was started with (Northflank arguments such as imageTag): key → value, sanitized; null when the answer did not say. */
	inputs: Readonly<Record<string, string>> | null;
	/** A web or API address for the run, when the provider gives one. */
	url: string | null;
	/**
	 * The run's tree. null when not fetched (a list answer); SourceCraft list answers
	 * may already carry workflows, and then this holds them.
	 */
	children: readonly RunNode[] | null;
}

/** The id as a terminal may show it (and a person copy back into a command). */
export function shownId(run: Pick<Run, 'id'>): string {
	return sanitizeLine(run.id, 200);
}

/** The composite key of a run: the source (unique by configuration) plus the provider-native id. */
export function runKey(source: string, id: string): string {
	return `${source}\u001f${id}`;
}

/** Clamp any progress value to 0..1: fractions as they are, 0..100 read as percent. */
export function normalizeProgress(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return null;
	const fraction = number > 1 ? number / 100 : number;
	return Math.min(1, fraction);
}

/** How many nodes a tree has, at every depth. */
export function countNodes(nodes: readonly RunNode[]): number {
	let count = nodes.length;
	for (const node of nodes) count += countNodes(node.children);
	return count;
}

/** The key of a node within every run: highlights and folds are kept by it. */
export function nodeKey(runKeyValue: string, nodeId: string): string {
	return `${runKeyValue}\u001e${nodeId}`;
}
