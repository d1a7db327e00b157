import {goDate, hostile, isoDate, longText, oddVariant} from '../oddities.js';
import {hexOf} from '../random.js';
import type {Outcome, Phase} from '../timeline.js';
import {elapsedShare, phaseAt} from '../timeline.js';
import type {WerckerPipelineDef} from '../worlds.js';
import type {WkRunPlan, WkStepPlan} from './plan.js';

/** Wercker's JSON for runs, steps and pipelines at a moment. */

export interface WkRender {
	now: number;
	/** `${base}/api/v3` of the simulator. */
	api: string;
	/** Variant 1 writes Go-style dates (a hazard seen in replies); otherwise ISO, as the documented examples. */
	variant: 0 | 1 | 2 | null;
}

export function renderOptions(plan: WkRunPlan, now: number, api: string, odditiesOn: boolean): WkRender {
	return {now, api, variant: odditiesOn && plan.odd ? oddVariant(plan.seed) : null};
}

/** A 24-hex ObjectId: creation seconds, a per-pipeline part, and a counter (run number × 16 + step order). */
export function objectId(createdAt: number, pipeline: WerckerPipelineDef, counter: number): string {
	const seconds = Math.floor(createdAt / 1000).toString(16).padStart(8, '0').slice(-8);
	return `${seconds}${machine(pipeline)}${counter.toString(16).padStart(6, '0').slice(-6)}`;
}

export function machine(pipeline: WerckerPipelineDef): string {
	return hexOf(10, 'wercker-machine', pipeline.id);
}

/** Reads back what objectId wrote: which pipeline part, run number and step order. */
export function parseObjectId(id: string): {machine: string; number: number; order: number} | null {
	if (!/^[0-9a-f]{24}$/.test(id)) return null;
	const counter = Number.parseInt(id.slice(18), 16);
	return {machine: id.slice(8, 18), number: Math.floor(counter / 16), order: counter % 16};
}

const RESULT: Record<Outcome, string> = {success: 'passed', failed: 'failed', timeout: 'failed', canceled: 'aborted', skipped: 'aborted'};

function statusOf(phase: Phase): {status: string; result: string} {
	if (phase === 'waiting') return {status: 'notstarted', result: 'unknown'};
	if (phase === 'running') return {status: 'running', result: 'unknown'};
	return {status: 'finished', result: RESULT[phase]};
}

function date(ms: number, render: WkRender): string {
	return render.variant === 1 ? goDate(ms) : isoDate(ms);
}

export function runStatus(plan: WkRunPlan, now: number): {status: string; result: string} {
	if (now >= plan.span.end) return {status: 'finished', result: RESULT[plan.span.outcome]};
	if (now < plan.startAt) return {status: 'notstarted', result: 'unknown'};
	const first = plan.steps[0];
	return {status: first && phaseAt(first.span, now) === 'running' ? 'started' : 'running', result: 'unknown'};
}

export function renderPipeline(pipeline: WerckerPipelineDef, api: string): Record<string, unknown> {
	return {
		id: pipeline.id,
		url: `${api}/pipelines/${pipeline.id}`,
		createdAt: pipeline.createdAt,
		name: pipeline.pipelineName,
		permissions: pipeline.public ? 'public' : 'private',
		pipelineName: pipeline.pipelineName,
		setScmProviderStatus: true,
		type: 'git',
	};
}

function renderUser(username: string, render: WkRender): Record<string, unknown> {
	return {
		meta: {werckerEmployee: false, username},
		userId: hexOf(24, 'wercker-user', username),
		avatar: {gravatar: hexOf(32, 'gravatar', username)},
		name: render.variant === 2 ? hostile(username) : username.charAt(0).toUpperCase() + username.slice(1),
		type: 'wercker',
	};
}

export function renderRun(pipeline: WerckerPipelineDef, plan: WkRunPlan, render: WkRender, detail: boolean): Record<string, unknown> {
	const {now} = render;
	const id = objectId(plan.createdAt, pipeline, plan.number * 16);
	let {status, result} = runStatus(plan, now);
	if (render.variant === 0 && status === 'finished') result = 'weird';
	const share = elapsedShare(plan.startAt, plan.plannedEnd, Math.min(now, plan.span.end));
	const progress = now >= plan.span.end && plan.span.outcome === 'success' ? 100 : Math.round(share * 100);
	let message = plan.message;
	if (render.variant === 1) message = longText(`${message} `);
	if (render.variant === 2) message = hostile(message);
	const out: Record<string, unknown> = {
		id,
		url: `${render.api}/runs/${id}`,
		branch: plan.branch,
		commitHash: plan.commitHash,
		createdAt: date(plan.createdAt, render),
	};
	if (detail) out['envVars'] = plan.envVars;
	if (now >= plan.span.end) out['finishedAt'] = date(plan.span.end, render);
	out['message'] = message;
	if (detail) out['commits'] = [];
	out['progress'] = render.variant === 0 ? null : progress;
	out['result'] = result;
	if (plan.span.start !== null && now >= plan.span.start) out['startedAt'] = date(plan.span.start, render);
	out['status'] = status;
	out['user'] = renderUser(plan.user, render);
	out['pipeline'] = renderPipeline(pipeline, render.api);
	// A string, as the list's `sourceRun` filter takes it.
	if (plan.sourceRunId) out['sourceRun'] = plan.sourceRunId;
	return out;
}

export function renderStep(pipeline: WerckerPipelineDef, plan: WkRunPlan, step: WkStepPlan, render: WkRender): Record<string, unknown> {
	const id = objectId(plan.createdAt, pipeline, plan.number * 16 + step.order);
	const {status, result} = statusOf(phaseAt(step.span, render.now));
	const out: Record<string, unknown> = {
		id,
		url: `${render.api}/runsteps/${id}`,
		artifactsUrl: null,
		createdAt: date(plan.createdAt + step.order, render),
	};
	if (status === 'finished') out['finishedAt'] = date(step.span.end, render);
	out['logUrl'] = `${render.api}/runsteps/${id}/log`;
	out['order'] = step.order;
	out['result'] = result;
	if (step.span.start !== null && render.now >= step.span.start) out['startedAt'] = date(step.span.start, render);
	out['status'] = status;
	out['step'] = render.variant === 2 ? hostile(step.step) : step.step;
	return out;
}
