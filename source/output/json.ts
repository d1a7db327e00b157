import {formatIso} from '../model/dates.js';
import type {Run, RunNode} from '../model/run.js';

/** A run as `citop runs --json` prints it: stable field names, ISO 8601 dates or null. */
export interface RunJson {
	source: string;
	provider: string;
	id: string;
	label: string;
	title: string;
	status: string;
	providerStatus: string | null;
	flags: Run['flags'];
	branch: string | null;
	tag: string | null;
	commit: string | null;
	event: string | null;
	user: string | null;
	pullRequest: string | null;
	createdAt: string | null;
	startedAt: string | null;
	finishedAt: string | null;
	updatedAt: string | null;
	progress: number | null;
	url: string | null;
	errors: readonly string[];
}

export interface NodeJson {
	id: string;
	kind: string;
	title: string;
	status: string;
	providerStatus: string | null;
	startedAt: string | null;
	finishedAt: string | null;
	progress: number | null;
	errors: readonly string[];
	children: NodeJson[];
}

export function runToJson(run: Run): RunJson {
	return {
		source: run.source,
		provider: run.provider,
		id: run.id,
		label: run.label,
		title: run.title,
		status: run.status,
		providerStatus: run.providerStatus,
		flags: run.flags,
		branch: run.branch,
		tag: run.tag,
		commit: run.commit,
		event: run.event,
		user: run.user,
		pullRequest: run.pullRequest,
		createdAt: formatIso(run.createdAt),
		startedAt: formatIso(run.startedAt),
		finishedAt: formatIso(run.finishedAt),
		updatedAt: formatIso(run.updatedAt),
		progress: run.progress,
		url: run.url,
		errors: run.errors,
	};
}

export function nodeToJson(node: RunNode): NodeJson {
	return {
		id: node.id,
		kind: node.kind,
		title: node.title,
		status: node.status,
		providerStatus: node.providerStatus,
		startedAt: formatIso(node.startedAt),
		finishedAt: formatIso(node.finishedAt),
		progress: node.progress,
		errors: node.errors,
		children: node.children.map(nodeToJson),
	};
}

/** A run with its tree, when there is one (trigger --json, watch). */
export function runWithTreeToJson(run: Run): RunJson & {children: NodeJson[] | null} {
	return {...runToJson(run), children: run.children ? run.children.map(nodeToJson) : null};
}

// JSON.stringify leaves DEL, the C1 controls and the bidi overrides as they are; a terminal showing
// the JSON would act on them. As \u escapes they read back as the same text.
const UNSAFE = /[\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal or a pipe: indented, and safe to cat. */
export function toSafeJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
