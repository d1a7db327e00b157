import {z} from 'zod';
import {PROVIDERS} from '../model/run.js';
import type {Run, RunNode} from '../model/run.js';
import {STATUSES} from '../model/status.js';

/** Bumped whenever the shape of a cached run changes: a file of another version is ignored. */
export const CACHE_VERSION = 1;

const text = z.string();
const maybeText = text.nullable();
const ms = z.number().nullable();

const statusFields = {
	status: z.enum(STATUSES),
	providerStatus: maybeText,
	flags: z.strictObject({awaitingApproval: z.boolean().optional(), canceling: z.boolean().optional(), timeout: z.boolean().optional()}),
	createdAt: ms,
	startedAt: ms,
	finishedAt: ms,
	updatedAt: ms,
};

const nodeSchema: z.ZodType<RunNode> = z.lazy(() =>
	z.strictObject({
		...statusFields,
		id: text,
		kind: z.enum(['workflow', 'task', 'cube', 'artifact', 'step', 'node']),
		title: text,
		progress: ms,
		errors: z.array(text),
		needs: z.array(text),
		log: z.strictObject({path: z.array(text)}).nullable(),
		artifact: z.strictObject({path: text, status: maybeText, url: maybeText}).nullable(),
		currentCube: maybeText,
		order: ms,
		retries: z.strictObject({attempts: z.number(), maxAttempts: ms}).nullable(),
		children: z.array(nodeSchema),
	}),
);

const runSchema: z.ZodType<Run> = z.strictObject({
	...statusFields,
	key: text,
	source: text,
	provider: z.enum(PROVIDERS),
	id: text,
	label: text,
	title: text,
	progress: ms,
	errors: z.array(text),
	branch: maybeText,
	tag: maybeText,
	commit: maybeText,
	event: maybeText,
	user: maybeText,
	pullRequest: maybeText,
	pipeline: maybeText,
	inputs: z.record(text, text).nullable(),
	url: maybeText,
	children: z.array(nodeSchema).nullable(),
});

/** The file: which version wrote it, when (epoch ms), and the runs as the model holds them. */
export const cacheFileSchema = z.strictObject({
	version: z.literal(CACHE_VERSION),
	savedAt: z.number(),
	runs: z.array(runSchema),
});

export type CacheFile = z.infer<typeof cacheFileSchema>;

/** Whether the text is a cache file of another version (told apart from a corrupt one). */
export function otherVersion(data: unknown): boolean {
	const version = (data as {version?: unknown} | null)?.version;
	return typeof data === 'object' && data !== null && typeof version === 'number' && version !== CACHE_VERSION;
}
