import {z} from 'zod';
import {date, list, num, record, text, word} from '../lenient.js';

/** Wercker v3 answers (wercker-runs.txt); every field optional and lenient. */

export const runSchema = record({
	id: text,
	url: text,
	branch: text,
	commitHash: text,
	message: text,
	progress: num,
	status: word,
	result: word,
	createdAt: date,
	startedAt: date,
	finishedAt: date,
	updatedAt: date,
	// Not documented; a compatible server that numbers its runs gets `#n` labels.
	number: num,
	user: record({
		meta: record({username: text}),
		name: text,
		userId: text,
	}),
	pipeline: record({id: text, name: text, pipelineName: text}),
	sourceRun: text,
	// What the run was started with: only a single run's answer carries them (absent is not empty).
	envVars: z.unknown().transform((value) => (value === undefined || value === null ? null : list(record({key: text, value: text})).parse(value))),
});

export const stepSchema = record({
	id: text,
	url: text,
	order: num,
	step: text,
	status: word,
	result: word,
	logUrl: text,
	artifactsUrl: text,
	createdAt: date,
	startedAt: date,
	finishedAt: date,
});

export const stepListSchema = list(stepSchema);

export type WkRun = NonNullable<z.output<typeof runSchema>>;
export type WkStep = NonNullable<z.output<typeof stepSchema>>;
