import type {Run} from '../../model/run.js';
import type {GitRevision, TriggerField, TriggerRequest} from '../../providers/types.js';

/** What the form asks at each step; built from the source's `triggerFields`, in their order. */
export type TextField = 'head' | 'configRevision' | 'branch' | 'commit' | 'message' | 'name' | 'description';
export type HeadType = 'default' | 'branch' | 'tag' | 'commit';

export type TriggerStep =
	| {kind: 'workflows'}
	| {kind: 'headType'}
	| {kind: 'configType'}
	| {kind: 'text'; field: TextField}
	| {kind: 'shared'}
	| {kind: 'inputs'}
	| {kind: 'refs'}
	| {kind: 'sourceRun'}
	| {kind: 'confirm'};

export interface TriggerDraft {
	workflows: readonly string[];
	headType: HeadType;
	head: string;
	/** Where the CI config is read from: the default branch, or the revision typed into configRevision. */
	configType: HeadType;
	configRevision: string;
	shared: boolean | null;
	branch: string;
	commit: string;
	message: string;
	name: string;
	description: string;
	inputs: ReadonlyArray<{key: string; value: string}>;
	refs: ReadonlyArray<{ref: string; branch: string}>;
	/** The run to chain after (its id; '' for none) and how the list named it. */
	sourceRun: string;
	sourceRunLabel: string;
}

export const EMPTY_DRAFT: TriggerDraft = {
	workflows: [],
	headType: 'default',
	head: '',
	configType: 'default',
	configRevision: '',
	shared: null,
	branch: '',
	commit: '',
	message: '',
	name: '',
	description: '',
	inputs: [],
	refs: [],
	sourceRun: '',
	sourceRunLabel: '',
};

/** The steps for these fields; the head's value is asked only when a head type was chosen. */
export function triggerSteps(fields: readonly TriggerField[], draft: TriggerDraft): TriggerStep[] {
	const steps: TriggerStep[] = [];
	for (const field of fields) {
		switch (field) {
			case 'workflows':
				steps.push({kind: 'workflows'});
				break;
			case 'head':
				steps.push({kind: 'headType'});
				if (draft.headType !== 'default') steps.push({kind: 'text', field: 'head'});
				break;
			case 'configRevision':
				steps.push({kind: 'configType'});
				if (draft.configType !== 'default') steps.push({kind: 'text', field: 'configRevision'});
				break;
			case 'shared':
				steps.push({kind: 'shared'});
				break;
			case 'inputs':
			case 'refs':
			case 'sourceRun':
				steps.push({kind: field});
				break;
			default:
				steps.push({kind: 'text', field});
		}
	}
	steps.push({kind: 'confirm'});
	return steps;
}

const revisionWord = (type: HeadType): string => (type === 'tag' ? 'Tag' : type === 'commit' ? 'Commit' : 'Branch');

/** The question of a text step, in the user's words. */
export function textLabel(field: TextField, draft: TriggerDraft): string {
	switch (field) {
		case 'head':
			return revisionWord(draft.headType);
		case 'configRevision':
			return `${revisionWord(draft.configType)} to read the CI config from (empty: the default branch)`;
		case 'branch':
			return 'Branch';
		case 'commit':
			return 'Commit (empty: the head of the branch)';
		case 'message':
			return 'Message';
		case 'name':
			return 'Run name (empty: chosen by the server)';
		case 'description':
			return 'Description';
	}
}

export function writeText(draft: TriggerDraft, field: TextField, value: string): TriggerDraft {
	return {...draft, [field]: value.trim()};
}

/** One `KEY=VALUE` line; the value may hold further `=` and may be empty. */
export function parseInput(line: string): {key: string; value: string} | {error: string} {
	const at = line.indexOf('=');
	const key = (at < 0 ? line : line.slice(0, at)).trim();
	if (at < 0 || key === '') return {error: 'write KEY=VALUE'};
	return {key, value: line.slice(at + 1)};
}

/** One `REF=BRANCH` line: the branch to deploy for a ref of the release flow. */
export function parseRef(line: string): {ref: string; branch: string} | {error: string} {
	const parsed = parseInput(line);
	if ('error' in parsed || parsed.value.trim() === '') return {error: 'write REF=BRANCH'};
	return {ref: parsed.key, branch: parsed.value.trim()};
}

/** The draft with one more line of the inputs or refs step, or what is wrong with the line. */
export function addLine(draft: TriggerDraft, step: 'inputs' | 'refs', line: string): TriggerDraft | {error: string} {
	if (step === 'refs') {
		const parsed = parseRef(line);
		return 'error' in parsed ? parsed : {...draft, refs: [...draft.refs, parsed]};
	}
	const parsed = parseInput(line);
	if ('error' in parsed) return parsed;
	// Input values are per workflow: with several, each line names its own.
	const dot = parsed.key.indexOf('.');
	if (draft.workflows.length > 1 && !(dot > 0 && dot < parsed.key.length - 1 && draft.workflows.includes(parsed.key.slice(0, dot)))) {
		return {error: `write WORKFLOW.KEY=VALUE (one of ${draft.workflows.join(', ')})`};
	}
	return {...draft, inputs: [...draft.inputs, parsed]};
}

function revisionOf(type: HeadType, name: string): GitRevision | null {
	if (name === '') return null;
	if (type === 'branch') return {branch: name};
	if (type === 'tag') return {tag: name};
	return type === 'commit' ? {commit: name} : null;
}

/** The request the draft asks for: only the fields this source takes, and only those filled in. */
export function buildRequest(fields: readonly TriggerField[], draft: TriggerDraft): TriggerRequest {
	const request: TriggerRequest = {};
	const has = (field: TriggerField) => fields.includes(field);
	if (has('workflows') && draft.workflows.length > 0) request.workflows = draft.workflows;
	if (has('head') && draft.headType !== 'default' && draft.head !== '') request[draft.headType] = draft.head;
	const config = revisionOf(draft.configType, draft.configRevision);
	if (has('configRevision') && config) request.configRevision = config;
	if (has('shared') && draft.shared !== null) request.shared = draft.shared;
	if (has('branch') && draft.branch !== '') request.branch = draft.branch;
	if (has('commit') && draft.commit !== '') request.commit = draft.commit;
	if (has('message') && draft.message !== '') request.message = draft.message;
	if (has('name') && draft.name !== '') request.name = draft.name;
	if (has('description') && draft.description !== '') request.description = draft.description;
	if (has('inputs') && draft.inputs.length > 0) request.inputs = draft.inputs;
	if (has('refs') && draft.refs.length > 0) request.refs = draft.refs;
	if (has('sourceRun') && draft.sourceRun !== '') request.sourceRun = draft.sourceRun;
	return request;
}

/** The confirm screen: what will be sent, one line each. */
export function summarize(fields: readonly TriggerField[], draft: TriggerDraft, inputsLabel: string): string[] {
	const lines: string[] = [];
	const request = buildRequest(fields, draft);
	if (fields.includes('workflows')) lines.push(`workflows: ${request.workflows?.join(', ') ?? 'all that run on this event'}`);
	if (fields.includes('head')) {
		lines.push(draft.headType === 'default' || draft.head === '' ? 'on: the default branch' : `on: ${draft.headType} ${draft.head}`);
	}
	if (request.configRevision) lines.push(`config from: ${draft.configType} ${draft.configRevision}`);
	if (request.shared !== undefined) lines.push(`shared: ${request.shared ? 'yes' : 'no'}`);
	// Where the source asks for a head, the "on:" line said it already.
	const head = fields.includes('head');
	if (request.branch && !head) lines.push(`branch: ${request.branch}`);
	if (request.commit && !head) lines.push(`commit: ${request.commit}`);
	if (request.message) lines.push(`message: ${request.message}`);
	if (request.name) lines.push(`name: ${request.name}`);
	if (request.description) lines.push(`description: ${request.description}`);
	if (request.refs) lines.push(`refs: ${request.refs.map((item) => `${item.ref}=${item.branch}`).join(' ')}`);
	if (request.sourceRun) lines.push(`after run: ${draft.sourceRunLabel}`);
	if (request.inputs) lines.push(`${inputsLabel}: ${request.inputs.map((input) => `${input.key}=${input.value}`).join(' ')}`);
	return lines;
}

const CHAINABLE_RUNS = 6;

/** The runs a Wercker run may chain after (a deploy after its build): the newest that passed, of any Wercker source. */
export function sourceRunChoices(runs: readonly Run[]): {label: string; value: string}[] {
	return runs
		.filter((run) => run.provider === 'wercker' && run.status === 'success')
		.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))
		.slice(0, CHAINABLE_RUNS)
		.map((run) => ({label: `${run.source} ${run.label}`, value: run.id}));
}

/** The workflows a source is known to have: the workflow nodes of its runs, by name. */
export function workflowChoices(runs: readonly Run[], source: string): string[] {
	const names = new Set<string>();
	for (const run of runs) {
		if (run.source !== source || !run.children) continue;
		for (const node of run.children) {
			if (node.kind === 'workflow' && node.title !== '') names.add(node.title);
		}
	}
	return [...names].sort((a, b) => a.localeCompare(b));
}
