import {goDate, hostile, isoDate, longText, oddVariant, spaceDate} from '../oddities.js';
import {uuidOf} from '../random.js';
import type {Outcome, Phase, Span} from '../timeline.js';
import {phaseAt} from '../timeline.js';
import type {ScCubePlan, ScRunPlan, ScTaskPlan, ScWorkflowPlan} from './plan.js';

/** Turns a planned run into SourceCraft's JSON at a moment, oddities included when asked. */

export interface ScRender {
	now: number;
	/** The run's oddity variant when oddities are on and the run is odd; null otherwise. */
	variant: 0 | 1 | 2 | null;
	/** A short-lived download address for an artifact. */
	downloadUrl(cube: ScCubePlan, workflow: string, task: string): string;
}

export function renderOptions(plan: ScRunPlan, now: number, odditiesOn: boolean, downloadUrl: ScRender['downloadUrl']): ScRender {
	return {now, variant: odditiesOn && plan.odd ? oddVariant(plan.seed) : null, downloadUrl};
}

const FINAL: Record<Outcome, string> = {success: 'success', failed: 'failed', timeout: 'timeout', canceled: 'canceled', skipped: 'canceled'};

function statusOf(phase: Phase): string {
	if (phase === 'waiting') return 'created';
	if (phase === 'running') return 'processing';
	return FINAL[phase];
}

function date(ms: number, render: ScRender): string {
	if (render.variant === 1) return spaceDate(ms);
	if (render.variant === 2) return goDate(ms);
	return isoDate(ms);
}

function dates(createdAt: number, span: Span, render: ScRender): Record<string, string> {
	const out: Record<string, string> = {created_at: date(createdAt, render)};
	let updated = createdAt;
	if (span.start !== null && render.now >= span.start) {
		out['started_at'] = date(span.start, render);
		updated = span.start;
	}
	if (render.now >= span.end) {
		out['finished_at'] = date(span.end, render);
		updated = span.end;
	}
	out['updated_at'] = date(updated, render);
	return out;
}

export function renderArtifacts(cube: ScCubePlan, workflow: string, task: string, render: ScRender): unknown[] {
	const phase = phaseAt(cube.span, render.now);
	if (!cube.artifact || phase === 'waiting') return [];
	const status = phase === 'running' ? 'registered' : phase === 'success' ? 'success' : phase === 'skipped' ? 'missing' : 'failed';
	const registeredAt = cube.span.start ?? cube.span.end;
	const artifactDates: Record<string, string> = {registered_at: date(registeredAt, render)};
	if (status === 'success') artifactDates['obtained_at'] = date(cube.span.end, render);
	artifactDates['updated_at'] = date(phase === 'running' ? registeredAt : cube.span.end, render);
	const artifact: Record<string, unknown> = {id: '', local_path: cube.artifact, dates: artifactDates, status};
	if (status === 'success') artifact['download_url'] = render.downloadUrl(cube, workflow, task);
	return [artifact];
}

function renderCube(cube: ScCubePlan, previous: string | null, createdAt: number, workflow: string, task: string, render: ScRender): Record<string, unknown> {
	return {
		id: '',
		slug: cube.slug,
		dates: dates(createdAt, cube.span, render),
		status: statusOf(phaseAt(cube.span, render.now)),
		artifacts: renderArtifacts(cube, workflow, task, render),
		relations: {needs: previous ? [{name: previous}] : []},
	};
}

function progress(cubes: readonly {cube: ScCubePlan; render: () => Record<string, unknown>}[], now: number): Record<string, unknown> {
	const total = cubes.length;
	const done = cubes.filter(({cube}) => now >= cube.span.end).length;
	const current = cubes.find(({cube}) => phaseAt(cube.span, now) === 'running');
	return {percent: total === 0 ? 1 : done / total, current_cube: current ? current.render() : null};
}

function cubeEntries(task: ScTaskPlan, createdAt: number, workflow: string, render: ScRender) {
	return task.cubes.map((cube, index) => ({
		cube,
		render: () => renderCube(cube, task.cubes[index - 1]?.slug ?? null, createdAt, workflow, task.slug, render),
	}));
}

function renderTask(task: ScTaskPlan, createdAt: number, workflow: string, render: ScRender): Record<string, unknown> {
	const entries = cubeEntries(task, createdAt, workflow, render);
	const cubes: unknown[] = entries.map((entry) => entry.render());
	if (render.variant === 1) cubes.splice(1, 0, null);
	return {
		id: '',
		slug: task.slug,
		description: render.variant === 2 ? hostile(task.description) : task.description,
		dates: dates(createdAt, task.span, render),
		status: statusOf(phaseAt(task.span, render.now)),
		cubes,
		progress: progress(entries, render.now),
		relations: render.variant === 0 ? null : {needs: task.needs.map((name) => ({name}))},
	};
}

export function renderWorkflow(plan: ScRunPlan, workflow: ScWorkflowPlan, render: ScRender, withTasks = true): Record<string, unknown> {
	const first = plan.workflows[0] === workflow;
	const createdAt = plan.preparedAt;
	const out: Record<string, unknown> = {
		id: '',
		slug: workflow.slug,
		description: workflow.description,
		dates: dates(createdAt, workflow.span, render),
		status: statusOf(phaseAt(workflow.span, render.now)),
	};
	if (withTasks) {
		const tasks: unknown[] = workflow.tasks.map((task) => renderTask(task, createdAt, workflow.slug, render));
		if (render.variant === 0) tasks.unshift(null);
		out['tasks'] = tasks;
	}
	out['progress'] = progress(
		workflow.tasks.flatMap((task) => cubeEntries(task, createdAt, workflow.slug, render)),
		render.now,
	);
	if (first && render.variant === 0) Object.assign(out, {dates: null, status: null, progress: {}});
	if (first && render.variant === 1) Object.assign(out, {description: longText(`${workflow.description} `), progress: null});
	if (render.variant === 2) out['description'] = hostile(workflow.description);
	return out;
}

/** The run's status word at `now`. */
export function runStatus(plan: ScRunPlan, now: number): string {
	if (now >= plan.span.end) return FINAL[plan.span.outcome];
	if (now < plan.preparedAt) return 'created';
	if (now < plan.startAt) return 'prepared';
	return 'processing';
}

function errorMessages(plan: ScRunPlan, now: number): string[] {
	const messages: string[] = [];
	for (const workflow of plan.workflows) {
		for (const task of workflow.tasks) {
			for (const cube of task.cubes) {
				const phase = phaseAt(cube.span, now);
				if (phase === 'failed') messages.push(`${workflow.slug}/${task.slug}/${cube.slug}: command exited with code 1`);
				if (phase === 'timeout') messages.push(`${workflow.slug}/${task.slug}/${cube.slug}: timed out`);
			}
		}
	}
	if (plan.stopReason && now >= plan.span.end) messages.push(plan.stopReason);
	return messages;
}

export function renderRun(plan: ScRunPlan, render: ScRender, withTasks: boolean): Record<string, unknown> {
	const {now} = render;
	let status = runStatus(plan, now);
	if (status === 'processing' && render.variant === 0) status = 'paused';
	let messages = errorMessages(plan, now);
	if (render.variant === 2) messages = messages.length > 0 ? messages.map(hostile) : [hostile('warning: cache miss')];
	const out: Record<string, unknown> = {
		id: '',
		slug: String(plan.number),
		dates: dates(plan.createdAt, {start: plan.span.start, end: plan.span.end, outcome: plan.span.outcome}, render),
		status,
		workflows: now < plan.preparedAt && now < plan.span.end ? [] : plan.workflows.map((workflow) => renderWorkflow(plan, workflow, render, withTasks)),
		event_type: plan.event,
		error_messages: messages,
	};
	if (plan.pull) out['pull'] = plan.pull;
	out['user'] = {id: uuidOf('user', plan.user), slug: render.variant === 2 ? hostile(plan.user) : plan.user};
	return out;
}
