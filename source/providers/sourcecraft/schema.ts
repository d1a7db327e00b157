import {z} from 'zod';
import {bool, date, list, num, record, text, word} from '../lenient.js';

/** SourceCraft CI/CD answers (sourcecraft-cicd-openapi.json); every field optional and lenient. */

const dates = record({
	created_at: date,
	started_at: date,
	finished_at: date,
	updated_at: date,
});

const artifact = record({
	id: text,
	local_path: text,
	dates: record({registered_at: date, obtained_at: date, updated_at: date}),
	status: word,
	download_url: text,
});

const relations = record({
	needs: list(record({name: text})),
});

const cube = record({
	id: text,
	slug: text,
	dates,
	status: word,
	artifacts: list(artifact),
	relations,
});

const progress = record({
	percent: num,
	current_cube: record({slug: text}),
});

const task = record({
	id: text,
	slug: text,
	description: text,
	dates,
	status: word,
	cubes: list(cube),
	progress,
	relations,
});

const workflow = record({
	id: text,
	slug: text,
	description: text,
	dates,
	status: word,
	// Absent (not empty) means the answer did not carry the tasks: getRun then asks for the workflow.
	tasks: z.unknown().transform((value) => (value === undefined || value === null ? null : list(task).parse(value))),
	progress,
});

export const runSchema = record({
	id: text,
	slug: text,
	dates,
	status: word,
	workflows: list(workflow),
	event_type: word,
	error_messages: list(text),
	pull: record({id: text, slug: text}),
	user: record({id: text, slug: text}),
});

export const workflowSchema = workflow;

/** A list page; its runs are read one by one (ListMemo), each with runSchema. */
export const listPageSchema = record({
	runs: z.unknown(),
	next_page_token: text,
});

export const logPageSchema = record({
	logs: text,
	page_complete: bool,
	done: bool,
});

export const artifactsSchema = record({
	artifacts: list(artifact),
});

export const deprecatedTriggerSchema = record({
	flux_id: text,
	flux_public_id: text,
	trigger_status: word,
});

export type ScRun = NonNullable<z.output<typeof runSchema>>;
export type ScWorkflow = NonNullable<z.output<typeof workflow>>;
export type ScTask = NonNullable<z.output<typeof task>>;
export type ScCube = NonNullable<z.output<typeof cube>>;
export type ScArtifact = NonNullable<z.output<typeof artifact>>;
export type ScDates = z.output<typeof dates>;
