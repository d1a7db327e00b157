import type {LogPlan} from '../logs.js';
import {isOddRun} from '../oddities.js';
import {Random, hash, hexOf, uuidOf} from '../random.js';
import type {RunRequestBase} from '../requests.js';
import {DEMO_USER} from '../requests.js';
import type {Cut, Outcome, Span} from '../timeline.js';
import {cutSpan, groupSpan, neverRuns} from '../timeline.js';
import type {Planner, RunPlanBase, RunSlot, WorldSettings} from '../world.js';
import type {ScCubeDef, ScRepoDef, ScWorkflowDef} from '../worlds.js';
import {FEATURE_BRANCHES, USERS} from '../worlds.js';

export type ScEvent = 'push' | 'pr_update' | 'manual' | 'restart';

export interface ScRequest extends RunRequestBase {
	head?: {branch?: string; tag?: string; commit?: string};
	/** Workflows to run, with their input values; all that apply when absent. */
	workflows?: readonly {name: string; values: readonly {name: string; value: string}[]}[];
	event?: ScEvent;
}

export interface ScCubePlan {
	slug: string;
	span: Span;
	log: LogPlan;
	artifact: string | null;
}

export interface ScTaskPlan {
	slug: string;
	description: string;
	needs: readonly string[];
	cubes: ScCubePlan[];
	span: Span;
}

export interface ScWorkflowPlan {
	slug: string;
	description: string;
	values: readonly {name: string; value: string}[];
	tasks: ScTaskPlan[];
	span: Span;
}

export interface ScRunPlan extends RunPlanBase {
	seed: number;
	/** created → prepared at this time, prepared → processing at span.start (or never, when cut before). */
	preparedAt: number;
	startAt: number;
	event: ScEvent;
	user: string;
	pull: {id: string; slug: string} | null;
	branch: string | null;
	tag: string | null;
	commit: string;
	workflows: ScWorkflowPlan[];
	/** Why a run that was stopped stopped, e.g. "canceled by bob". */
	stopReason: string | null;
}

interface Draft {
	seconds: number;
	outcome: Outcome;
}

function pickWorkflows(repo: ScRepoDef, request: ScRequest | null, branch: string | null, event: ScEvent): ScWorkflowDef[] {
	if (request?.workflows && request.workflows.length > 0) {
		const names = new Set(request.workflows.map((workflow) => workflow.name));
		return repo.workflows.filter((workflow) => names.has(workflow.slug));
	}
	const onMain = branch === 'main' && (event === 'push' || event === 'manual');
	return repo.workflows.filter((workflow) => workflow.on === 'always' || onMain);
}

/** Tasks start when every task they need has succeeded; cubes within a task run one after another. */
function schedule(workflow: ScWorkflowDef, drafts: Map<string, Draft>, startAt: number, scale: number, seed: number, odd: boolean): ScTaskPlan[] {
	const done = new Map<string, Span>();
	const tasks: ScTaskPlan[] = [];
	for (const task of workflow.tasks) {
		const needed = task.needs.map((name) => done.get(name)).filter((span): span is Span => span !== undefined);
		const ready = needed.reduce((latest, span) => Math.max(latest, span.end), startAt);
		let blocked = needed.some((span) => span.outcome !== 'success');
		let at = ready;
		const cubes: ScCubePlan[] = [];
		for (const [index, cube] of task.cubes.entries()) {
			const draft = drafts.get(`${workflow.slug}/${task.slug}/${cube.slug}`);
			const span: Span = blocked || !draft ? neverRuns(at) : {start: at, end: at + Math.max(500, Math.round(draft.seconds * scale)), outcome: draft.outcome};
			if (span.start !== null) at = span.end;
			if (span.outcome !== 'success') blocked = true;
			cubes.push({slug: cube.slug, span, artifact: cube.artifact ?? null, log: logPlan(cube, span, seed, index, odd)});
		}
		const span = groupSpan(
			cubes.map((cube) => cube.span),
			ready,
		);
		done.set(task.slug, span);
		tasks.push({slug: task.slug, description: task.description, needs: task.needs, cubes, span});
	}
	return tasks;
}

function logPlan(cube: ScCubeDef, span: Span, seed: number, index: number, odd: boolean): LogPlan {
	const logSeed = hash(seed, cube.slug, index);
	return {
		seed: logSeed,
		kind: cube.kind,
		lines: 6 + (logSeed % 25),
		start: span.start ?? span.end,
		plannedEnd: span.end,
		stopAt: span.end,
		outcome: span.outcome,
		odd,
	};
}

function plan(repo: ScRepoDef, slot: RunSlot<ScRequest>, settings: WorldSettings): ScRunPlan {
	const random = new Random(slot.seed);
	const request = slot.trigger?.request ?? null;
	const event: ScEvent = request ? (request.event ?? 'manual') : random.weighted([['push', 55], ['pr_update', 30], ['manual', 10], ['restart', 5]] as const);
	const feature = random.pick(FEATURE_BRANCHES);
	let branch: string | null = event === 'pr_update' ? feature : random.chance(0.6) || event === 'manual' ? 'main' : feature;
	let tag: string | null = null;
	let commit = hexOf(40, slot.seed, 'commit');
	if (request?.head) {
		branch = request.head.branch ?? null;
		tag = request.head.tag ?? null;
		commit = request.head.commit ?? commit;
		if (!branch && !tag && !request.head.commit) branch = 'main';
	} else if (request) {
		branch = 'main';
	}
	const user = request ? (request.user ?? DEMO_USER) : random.pick(USERS);
	const pull = event === 'pr_update' ? {id: uuidOf(slot.seed, 'pull'), slug: String(random.int(40, 400))} : null;
	const outcome = request?.outcome ?? random.weighted([['success', 70], ['failed', 17], ['timeout', 5], ['canceled', 8]] as const);
	const odd = request?.odd ?? isOddRun(slot.seed);

	// A triggered run answers the start call as `created` or, every other time, already `processing`.
	const quick = request !== null && slot.trigger !== null && slot.trigger.index % 2 === 1;
	const preparedAt = slot.createdAt + (quick ? 0 : Math.round(random.int(1000, 3000) / settings.speed));
	const startAt = preparedAt + (quick ? 0 : Math.round(random.int(1000, 4000) / settings.speed));

	const chosen = pickWorkflows(repo, request, branch, event);
	const drafts = new Map<string, Draft>();
	for (const workflow of chosen) {
		for (const task of workflow.tasks) {
			for (const cube of task.cubes) {
				drafts.set(`${workflow.slug}/${task.slug}/${cube.slug}`, {seconds: random.int(cube.seconds[0], cube.seconds[1]) * 1000, outcome: 'success'});
			}
		}
	}
	const failing = outcome === 'failed' || outcome === 'timeout' ? [...drafts.values()][random.int(0, drafts.size - 1)] : undefined;
	if (failing) {
		failing.outcome = outcome;
		if (outcome === 'timeout') failing.seconds *= 3;
	}
	const build = (scale: number): ScWorkflowPlan[] =>
		chosen.map((workflow) => {
			const values = request?.workflows?.find((item) => item.name === workflow.slug)?.values ?? [];
			const tasks = schedule(workflow, drafts, startAt, scale, hash(slot.seed, workflow.slug), odd);
			return {slug: workflow.slug, description: workflow.description, values, tasks, span: groupSpan(tasks.map((task) => task.span), startAt)};
		});
	let workflows = build(1 / settings.speed);
	const natural = groupSpan(workflows.map((workflow) => workflow.span), startAt).end - startAt;
	if (request?.durationSec !== undefined && natural > 0) workflows = build((request.durationSec * 1000) / natural / settings.speed);
	const whole = groupSpan(workflows.map((workflow) => workflow.span), startAt);
	const base: ScRunPlan = {
		number: slot.number,
		createdAt: slot.createdAt,
		seed: slot.seed,
		span: {start: startAt, end: whole.end, outcome: workflows.length === 0 ? 'success' : whole.outcome},
		odd,
		preparedAt,
		startAt,
		event,
		user,
		pull,
		branch,
		tag,
		commit,
		workflows,
		stopReason: null,
	};
	if (outcome !== 'canceled') return base;
	const at = startAt + Math.round((whole.end - startAt) * (0.2 + random.next() * 0.6));
	return {...cutPlan(base, {requestedAt: at, at, outcome: 'canceled'}), stopReason: `canceled by ${random.pick(USERS)}`};
}

function cutPlan(plan: ScRunPlan, cut: Cut): ScRunPlan {
	const workflows = plan.workflows.map((workflow) => {
		const tasks = workflow.tasks.map((task) => {
			const cubes = task.cubes.map((cube) => {
				const span = cutSpan(cube.span, cut);
				return {...cube, span, log: {...cube.log, stopAt: span.end, outcome: span.outcome}};
			});
			return {...task, cubes, span: groupSpan(cubes.map((cube) => cube.span), cutSpan(task.span, cut).end)};
		});
		return {...workflow, tasks, span: groupSpan(tasks.map((task) => task.span), cutSpan(workflow.span, cut).end)};
	});
	const whole = cutSpan(plan.span, cut);
	const outcome = whole.start === null ? cut.outcome : groupSpan(workflows.map((workflow) => workflow.span), whole.end).outcome;
	return {
		...plan,
		workflows,
		span: {start: whole.start, end: whole.end, outcome: outcome === 'skipped' ? cut.outcome : outcome},
		stopReason: plan.stopReason ?? (cut.outcome === 'canceled' ? 'canceled' : null),
	};
}

export function sourceCraftPlanner(repo: ScRepoDef): Planner<ScRunPlan, ScRequest> {
	return {plan: (slot, settings) => plan(repo, slot, settings), cut: cutPlan};
}
