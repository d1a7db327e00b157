import type {TriggerField} from '../../providers/types.js';
import type {Line} from './line-edit.js';
import {EMPTY_LINE, editLine} from './line-edit.js';
import type {HeadType, TriggerDraft, TriggerStep} from './trigger-form.js';
import {EMPTY_DRAFT, addLine, triggerSteps, writeText} from './trigger-form.js';

/**
 * The trigger form as one state and one key function: every key (a choice, a character, Enter)
 * is applied to the form the key before it left, so a burst of keys that crosses fields, like
 * "main⏎hotfix⏎", lands in full and in order.
 */
export interface TriggerForm {
	/** The chosen source; null while the form asks which. */
	source: string | null;
	draft: TriggerDraft;
	stepIndex: number;
	/** The text being typed at a text step. */
	line: Line;
	/** The highlighted item at a choice step. */
	choice: number;
	error: string | null;
	/** A workflow missing from the recent runs is typed in by name. */
	typingWorkflows: boolean;
	sending: boolean;
}

/** What the form knows of the sources that can start runs. */
export interface TriggerEnv {
	sources: readonly string[];
	fieldsOf(source: string): readonly TriggerField[];
	/** The workflows seen in a source's recent runs. */
	workflowsOf(source: string): readonly string[];
	/** The runs a new run may chain after, newest first. */
	sourceRuns(): readonly FormChoice[];
}

export interface FormChoice {
	label: string;
	value: string;
}

export type FormOutcome = 'send' | 'cancel' | null;

const DONE = '\u0000done';
const OTHER = '\u0000other';

const HEAD_TYPES: readonly FormChoice[] = [
	{label: 'the default branch', value: 'default'},
	{label: 'a branch', value: 'branch'},
	{label: 'a tag', value: 'tag'},
	{label: 'a commit', value: 'commit'},
];

const SHARED: readonly FormChoice[] = [
	{label: 'no', value: 'no'},
	{label: 'yes', value: 'yes'},
];

export function startForm(source: string | null, sources: readonly string[]): TriggerForm {
	return {
		source: source ?? (sources.length === 1 ? (sources[0] ?? null) : null),
		draft: EMPTY_DRAFT,
		stepIndex: 0,
		line: EMPTY_LINE,
		choice: 0,
		error: null,
		typingWorkflows: false,
		sending: false,
	};
}

export function formSteps(form: TriggerForm, env: TriggerEnv): TriggerStep[] {
	return triggerSteps(form.source === null ? [] : env.fieldsOf(form.source), form.draft);
}

export function currentStep(form: TriggerForm, env: TriggerEnv): TriggerStep {
	const steps = formSteps(form, env);
	return steps[Math.min(form.stepIndex, steps.length - 1)] ?? {kind: 'confirm'};
}

/** The workflows offered as a list; empty when they are typed by name. */
export function knownWorkflows(form: TriggerForm, env: TriggerEnv): readonly string[] {
	return form.source === null || form.typingWorkflows ? [] : env.workflowsOf(form.source);
}

/** The items of the current step when it is a choice, or null when it takes text (or confirms). */
export function formChoices(form: TriggerForm, env: TriggerEnv, arrow: string): readonly FormChoice[] | null {
	if (form.source === null) return env.sources.map((name) => ({label: name, value: name}));
	const step = currentStep(form, env);
	if (step.kind === 'headType' || step.kind === 'configType') return HEAD_TYPES;
	if (step.kind === 'shared') return SHARED;
	if (step.kind === 'sourceRun') return [{label: 'no: on its own', value: ''}, ...env.sourceRuns().map((run) => ({label: `after run ${run.label}`, value: run.value}))];
	const known = step.kind === 'workflows' ? knownWorkflows(form, env) : [];
	if (known.length === 0) return null;
	return [
		...known.map((name) => ({label: `[${form.draft.workflows.includes(name) ? 'x' : ' '}] ${name}`, value: name})),
		{label: 'other: type names…', value: OTHER},
		{label: `continue ${arrow}`, value: DONE},
	];
}

/** The highlighted item, kept in the list when a poll shortens it (fewer known workflows). */
export function chosenIndex(form: TriggerForm, choices: readonly FormChoice[]): number {
	return Math.max(0, Math.min(choices.length - 1, form.choice));
}

function advance(form: TriggerForm, draft: TriggerDraft): TriggerForm {
	return {...form, draft, stepIndex: form.stepIndex + 1, line: EMPTY_LINE, choice: 0, error: null};
}

function choose(form: TriggerForm, step: TriggerStep, chosen: FormChoice): TriggerForm {
	const {draft} = form;
	const {value} = chosen;
	if (form.source === null) return {...form, source: value, stepIndex: 0, choice: 0};
	if (step.kind === 'headType') return advance(form, {...draft, headType: value as HeadType, head: ''});
	if (step.kind === 'configType') return advance(form, {...draft, configType: value as HeadType, configRevision: ''});
	if (step.kind === 'shared') return advance(form, {...draft, shared: value === 'yes'});
	if (step.kind === 'sourceRun') return advance(form, {...draft, sourceRun: value, sourceRunLabel: chosen.label.replace(/^after run /, '')});
	if (value === DONE) return advance(form, draft);
	if (value === OTHER) return {...form, typingWorkflows: true, line: EMPTY_LINE};
	const workflows = draft.workflows.includes(value) ? draft.workflows.filter((name) => name !== value) : [...draft.workflows, value];
	return {...form, draft: {...draft, workflows}};
}

function submit(form: TriggerForm, step: TriggerStep): TriggerForm {
	const value = form.line.text;
	const {draft} = form;
	if (step.kind === 'text') return advance(form, writeText(draft, step.field, value));
	if (step.kind === 'workflows') {
		const typed = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
		return advance(form, {...draft, workflows: [...new Set([...draft.workflows, ...typed])]});
	}
	if (step.kind !== 'inputs' && step.kind !== 'refs') return form;
	if (value.trim() === '') return advance(form, draft);
	const next = addLine(draft, step.kind, value);
	if ('error' in next) return {...form, error: next.error};
	return {...form, draft: next, line: EMPTY_LINE, error: null};
}

/** The form after one key (by its name from keyNames()), and whether the key sends or cancels it. */
export function triggerKey(form: TriggerForm, name: string, env: TriggerEnv): {form: TriggerForm; outcome: FormOutcome} {
	const stay = (next: TriggerForm) => ({form: next, outcome: null});
	if (name === 'esc') return {form, outcome: 'cancel'};
	if (form.sending) return stay(form);
	const step = currentStep(form, env);
	const choices = formChoices(form, env, '');
	if (choices !== null) {
		const at = chosenIndex(form, choices);
		if (name === 'up' || name === 'k') return stay({...form, choice: Math.max(0, at - 1)});
		if (name === 'down' || name === 'j') return stay({...form, choice: Math.min(choices.length - 1, at + 1)});
		const chosen = choices[at];
		return stay(name === 'enter' && chosen ? choose(form, step, chosen) : form);
	}
	if (step.kind === 'confirm') {
		if (name === 'enter' || name === 'y') return {form: {...form, sending: true, error: null}, outcome: 'send'};
		// Back from the confirmation (after a refusal too) to change an answer; the answers stay.
		if (name === 'left') return stay({...form, stepIndex: Math.max(0, formSteps(form, env).length - 2), line: EMPTY_LINE, choice: 0, error: null});
		return stay(form);
	}
	if (name === 'enter') return stay(submit(form, step));
	return stay({...form, line: editLine(form.line, name)});
}
