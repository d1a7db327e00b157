import {PROVIDERS} from '../model/run.js';
import type {Run} from '../model/run.js';
import {STATUSES} from '../model/status.js';

/**
 * The cache file's shape, checked by hand. The cache is read before the first frame, and a
 * schema library's load and first parse cost more than drawing the frame; the file is citop's
 * own, so the check is strict: a field too many or of the wrong kind, and the file is not used.
 */

/** Bumped whenever the shape of a cached run changes: a file of another version is ignored. */
export const CACHE_VERSION = 1;

/** The file: which version wrote it, when (epoch ms), and the runs as the model holds them. */
export interface CacheFile {
	version: typeof CACHE_VERSION;
	savedAt: number;
	runs: Run[];
}

type Check = (value: unknown) => boolean;

const isText: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const maybe =
	(check: Check): Check =>
	(value) =>
		value === null || check(value);
const listOf =
	(check: Check): Check =>
	(value) =>
		Array.isArray(value) && value.every(check);
const oneOf = (words: readonly string[]): Check => {
	const known = new Set(words);
	return (value) => typeof value === 'string' && known.has(value);
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly these fields (the optional ones may be missing), each passing its check. */
function exactly(fields: Record<string, Check>, optional: readonly string[] = []): Check {
	const names = Object.keys(fields);
	return (value) => {
		if (!isRecord(value)) return false;
		for (const name of Object.keys(value)) if (!Object.hasOwn(fields, name)) return false;
		return names.every((name) => (optional.includes(name) && !Object.hasOwn(value, name)) || fields[name]!(value[name]));
	};
}

const maybeText = maybe(isText);
const ms = maybe(isNumber);

const statusFields: Record<string, Check> = {
	status: oneOf(STATUSES),
	providerStatus: maybeText,
	flags: exactly({awaitingApproval: isBoolean, canceling: isBoolean, timeout: isBoolean}, ['awaitingApproval', 'canceling', 'timeout']),
	createdAt: ms,
	startedAt: ms,
	finishedAt: ms,
	updatedAt: ms,
};

const isNode: Check = exactly({
	...statusFields,
	id: isText,
	kind: oneOf(['workflow', 'task', 'cube', 'artifact', 'step', 'node']),
	title: isText,
	progress: ms,
	errors: listOf(isText),
	needs: listOf(isText),
	log: maybe(exactly({path: listOf(isText)})),
	artifact: maybe(exactly({path: isText, status: maybeText, url: maybeText})),
	currentCube: maybeText,
	order: ms,
	retries: maybe(exactly({attempts: isNumber, maxAttempts: ms})),
	children: (value) => listOf(isNode)(value),
});

const isRun: Check = exactly({
	...statusFields,
	key: isText,
	source: isText,
	provider: oneOf(PROVIDERS),
	id: isText,
	label: isText,
	title: isText,
	progress: ms,
	errors: listOf(isText),
	branch: maybeText,
	tag: maybeText,
	commit: maybeText,
	event: maybeText,
	user: maybeText,
	pullRequest: maybeText,
	pipeline: maybeText,
	inputs: maybe((value) => isRecord(value) && Object.values(value).every(isText)),
	url: maybeText,
	children: maybe(listOf(isNode)),
});

const isCacheFile: Check = exactly({version: (value) => value === CACHE_VERSION, savedAt: isNumber, runs: listOf(isRun)});

/** The file's content when it has the shape this version writes, else null. */
export function cacheFileOf(data: unknown): CacheFile | null {
	return isCacheFile(data) ? (data as CacheFile) : null;
}

/** Whether the text is a cache file of another version (told apart from a corrupt one). */
export function otherVersion(data: unknown): boolean {
	return isRecord(data) && typeof data['version'] === 'number' && data['version'] !== CACHE_VERSION;
}
