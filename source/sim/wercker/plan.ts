import type {LogPlan} from '../logs.js';
import {isOddRun} from '../oddities.js';
import {Random, hash, hexOf} from '../random.js';
import type {RunRequestBase} from '../requests.js';
import {DEMO_USER} from '../requests.js';
import type {Cut, Span} from '../timeline.js';
import {cutSpan, groupSpan, neverRuns} from '../timeline.js';
import type {Planner, RunPlanBase, RunSlot, WorldSettings} from '../world.js';
import type {WerckerPipelineDef} from '../worlds.js';
import {FEATURE_BRANCHES, USERS} from '../worlds.js';

export interface WkRequest extends RunRequestBase {
	branch?: string;
	commitHash?: string;
	message?: string;
	envVars?: readonly {key: string; value: string}[];
	sourceRunId?: string;
}

export interface WkStepPlan {
	order: number;
	step: string;
	span: Span;
	log: LogPlan;
}

export interface WkRunPlan extends RunPlanBase {
	seed: number;
	startAt: number;
	/** Where the run would have ended uncut: progress is measured against it. */
	plannedEnd: number;
	branch: string;
	commitHash: string;
	message: string;
	user: string;
	envVars: readonly {key: string; value: string}[];
	sourceRunId: string | null;
	steps: WkStepPlan[];
}

const MESSAGES = [
	'Merge pull request #%d from acme/%b',
	'Bump dependencies',
	'Fix flaky cache test',
	'Add retry to the payment client',
	'Release %d',
	'Revert "Speed up the image build"',
];

function plan(pipeline: WerckerPipelineDef, slot: RunSlot<WkRequest>, settings: WorldSettings): WkRunPlan {
	const random = new Random(slot.seed);
	const request = slot.trigger?.request ?? null;
	const branch = request ? (request.branch ?? 'master') : random.chance(0.6) ? 'master' : random.pick(FEATURE_BRANCHES);
	const commitHash = request?.commitHash ?? hexOf(40, slot.seed, 'commit');
	const message = request?.message ?? random.pick(MESSAGES).replace('%d', String(random.int(100, 999))).replace('%b', branch);
	const user = request ? (request.user ?? DEMO_USER) : random.pick(USERS);
	const outcome = request?.outcome ?? random.weighted([['success', 75], ['failed', 17], ['canceled', 8]] as const);
	const startAt = slot.createdAt + Math.max(1, Math.round(random.int(1000, 5000) / settings.speed));

	const seconds = pipeline.steps.map((step) => random.int(step.seconds[0], step.seconds[1]) * 1000);
	const natural = seconds.reduce((sum, value) => sum + value, 0);
	const scale = request?.durationSec !== undefined ? (request.durationSec * 1000) / natural : 1 / settings.speed;
	// A failing run fails in one of the steps after "get code".
	const failing = outcome === 'failed' || outcome === 'timeout' ? random.int(1, pipeline.steps.length - 1) : -1;
	const odd = request?.odd ?? isOddRun(slot.seed);

	let at = startAt;
	let blocked = false;
	const steps: WkStepPlan[] = pipeline.steps.map((step, index) => {
		const length = Math.max(200, Math.round((seconds[index] ?? 1000) * scale));
		const span: Span = blocked ? neverRuns(at) : {start: at, end: at + length, outcome: index === failing ? 'failed' : 'success'};
		if (span.start !== null) at = span.end;
		if (span.outcome !== 'success') blocked = true;
		const logSeed = hash(slot.seed, 'step', index);
		return {
			order: index + 1,
			step: step.step,
			span,
			log: {seed: logSeed, kind: step.kind, lines: 5 + (logSeed % 20), start: span.start ?? span.end, plannedEnd: span.end, stopAt: span.end, outcome: span.outcome, odd},
		};
	});
	const whole = groupSpan(
		steps.map((step) => step.span),
		startAt,
	);
	const base: WkRunPlan = {
		number: slot.number,
		createdAt: slot.createdAt,
		seed: slot.seed,
		span: {start: startAt, end: whole.end, outcome: whole.outcome},
		plannedEnd: whole.end,
		odd,
		startAt,
		branch,
		commitHash,
		message,
		user,
		envVars: request?.envVars ?? [],
		sourceRunId: request?.sourceRunId ?? null,
		steps,
	};
	if (outcome !== 'canceled') return base;
	const cutAt = startAt + Math.round((whole.end - startAt) * (0.1 + random.next() * 0.7));
	return cutPlan(base, {requestedAt: cutAt, at: cutAt, outcome: 'canceled'});
}

function cutPlan(plan: WkRunPlan, cut: Cut): WkRunPlan {
	const steps = plan.steps.map((step) => {
		const span = cutSpan(step.span, cut);
		return {...step, span, log: {...step.log, stopAt: span.end, outcome: span.outcome}};
	});
	const whole = cutSpan(plan.span, cut);
	const outcome = whole.start === null ? cut.outcome : groupSpan(steps.map((step) => step.span), whole.end).outcome;
	return {...plan, steps, span: {start: whole.start, end: whole.end, outcome: outcome === 'skipped' ? cut.outcome : outcome}};
}

export function werckerPlanner(pipeline: WerckerPipelineDef): Planner<WkRunPlan, WkRequest> {
	return {plan: (slot, settings) => plan(pipeline, slot, settings), cut: cutPlan};
}
