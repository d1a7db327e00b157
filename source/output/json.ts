import {formatIso} from '../model/dates.js';
import {estimateRun, expectedFor} from '../model/estimate.js';
import type {ProgressFrom} from '../model/estimate.js';
import type {Dates, Run, RunNode} from '../model/run.js';
import {redactSecrets} from '../model/secrets.js';
import {webUrlOrNull} from '../model/web-url.js';

/** Dates as ISO 8601 text, or null. */
type IsoDates = {[Field in keyof Dates]: string | null};

type RunFields = 'source' | 'provider' | 'id' | 'label' | 'title' | 'status' | 'providerStatus' | 'flags' | 'branch' | 'tag' | 'commit' | 'event' | 'user' | 'pullRequest' | 'pipeline' | 'inputs' | 'progress' | 'url' | 'errors';

/** A run as `citop runs --json` prints it: the model's field names, ISO 8601 dates or null, and its page (webUrl) or null. */
export type RunJson = Pick<Run, RunFields> & IsoDates & {webUrl: string | null};

export type NodeJson = Pick<RunNode, 'id' | 'kind' | 'title' | 'status' | 'providerStatus' | 'progress' | 'errors'> &
	Pick<IsoDates, 'startedAt' | 'finishedAt'> & {children: NodeJson[]};

function isoDates(item: Dates): IsoDates {
	return {
		createdAt: formatIso(item.createdAt),
		startedAt: formatIso(item.startedAt),
		finishedAt: formatIso(item.finishedAt),
		updatedAt: formatIso(item.updatedAt),
	};
}

/** `webUrl`: the source's webUrl template (its config fields filled in), or null for none. */
export function runToJson(run: Run, webUrl: string | null = null): RunJson {
	return {
		source: run.source,
		provider: run.provider,
		// As the server sent it, so a script can ask for it again; a token a server echoed stays hidden.
		id: redactSecrets(run.id),
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
		pipeline: run.pipeline,
		inputs: run.inputs,
		...isoDates(run),
		progress: run.progress,
		url: run.url,
		// The run's page, from the source's template; `url` is whatever address the provider gave (Wercker's is its API's).
		webUrl: webUrlOrNull(webUrl, run),
		errors: run.errors,
	};
}

export function nodeToJson(node: RunNode): NodeJson {
	return {
		id: redactSecrets(node.id),
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

/** What the history of a run's pipeline says of it: when it should end, what its pipeline usually takes, and whose progress it shows. */
export interface EstimateJson {
	eta: string | null;
	expectedDurationSec: number | null;
	progressFrom: ProgressFrom;
}

/** The estimate of a run from `history` (the runs read with it) at `now`; nulls where the history says nothing. */
export function estimateToJson(run: Run, history: readonly Run[], now: number): EstimateJson {
	const expected = expectedFor(run, history);
	const estimate = estimateRun(run, expected, now);
	return {
		eta: formatIso(estimate.eta),
		expectedDurationSec: expected === null ? null : Math.round(expected.ms / 1000),
		progressFrom: estimate.progressFrom,
	};
}

/** A run with its tree, when there is one (trigger --json, watch). */
export function runWithTreeToJson(run: Run, webUrl: string | null = null): RunJson & {children: NodeJson[] | null} {
	return {...runToJson(run, webUrl), children: run.children ? run.children.map(nodeToJson) : null};
}

// JSON.stringify leaves DEL, the C1 controls, the line separators and the bidi overrides as they are; a terminal showing
// the JSON would act on them. As \u escapes they read back as the same text.
const UNSAFE = /[\u007f-\u009f\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal or a pipe: indented (or on one line, for NDJSON), and safe to cat. */
export function toSafeJson(value: unknown, indent = 2): string {
	return JSON.stringify(value, null, indent).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
