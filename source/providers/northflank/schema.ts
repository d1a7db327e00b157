import {z} from 'zod';
import {bool, date, isRecord, list, num, record, text, word} from '../lenient.js';

/** Northflank release-flow answers (northflank-release-flow-runs.txt, REFERENCE.md); every field lenient. */

export const runSchema = record({
	id: text,
	name: text,
	description: text,
	status: word,
	concluded: bool,
	startedAt: date,
	concludedAt: date,
	createdAt: date,
	updatedAt: date,
	// The detail answer's node tree, read by nodesOf (its depth is not known in advance).
	spec: z.unknown(),
	// The flow's git triggers: their `ref` names the entry of `refs` that says what the run deployed.
	triggers: list(record({ref: text})),
	refs: z.unknown(),
	arguments: z.unknown(),
});

/** One entry of a run's `refs`: what a git trigger resolved to. */
export const refSchema = record({branch: text, sha: text});

export const listSchema = record({
	// Its runs are read one by one (ListMemo), each with runSchema.
	data: record({runs: z.unknown()}),
	pagination: record({hasNextPage: bool, cursor: text, count: num}),
});

/** `{data: run}`; a bare run is read too. */
export const oneRunSchema = z.unknown().transform((value) => runSchema.parse(isRecord(value) && isRecord(value['data']) ? value['data'] : value));

/** One node of a run's `spec`; its children are in `spec.steps` (or `steps`). */
export const nodeSchema = record({
	kind: text,
	ref: text,
	name: text,
	response: record({
		status: word,
		error: record({code: text, message: text}),
		retries: record({attempts: num, maxAttempts: num}),
		startTime: date,
		endTime: date,
	}),
});

export type NfRun = NonNullable<z.output<typeof runSchema>>;
export type NfNode = NonNullable<z.output<typeof nodeSchema>>;
