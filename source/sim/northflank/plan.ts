import {isOddRun} from '../oddities.js';
import {Random, hexOf} from '../random.js';
import type {RunRequestBase} from '../requests.js';
import type {Cut, Span} from '../timeline.js';
import {cutSpan, groupSpan, neverRuns} from '../timeline.js';
import type {Planner, RunPlanBase, RunSlot, WorldSettings} from '../world.js';
import type {NfFlowDef, NfNodeDef, NfTriggerDef} from '../worlds.js';

export interface NfRequest extends RunRequestBase {
	name?: string;
	description?: string;
	arguments?: Record<string, unknown>;
	/** Per trigger ref, the fields to change in that ref (its branch). */
	overrides?: Record<string, Record<string, unknown>>;
}

/** What a git trigger's ref resolved to for a run: the template reads `${refs.<ref>.branch}` and `.sha`. */
export interface NfRef {
	branch: string;
	sha: string;
}

export interface NfNodePlan {
	def: NfNodeDef;
	span: Span;
	/** Start of each attempt; a later attempt means the node is retrying. */
	attempts: number[];
	children: NfNodePlan[];
}

export interface NfRunPlan extends RunPlanBase {
	seed: number;
	name: string | null;
	description: string | null;
	arguments: Record<string, unknown>;
	refs: Record<string, NfRef>;
	root: NfNodePlan;
}

interface Drafting {
	random: Random;
	scale: number;
	failing: NfNodeDef | undefined;
}

function leaves(node: NfNodeDef): NfNodeDef[] {
	return node.steps ? node.steps.flatMap(leaves) : [node];
}

function scheduleLeaf(def: NfNodeDef, at: number, drafting: Drafting): NfNodePlan {
	const {random, scale} = drafting;
	const [min, max] = def.seconds ?? [5, 20];
	const attempt = () => Math.max(200, Math.round(random.int(min, max) * 1000 * scale));
	const fails = drafting.failing === def;
	const maxAttempts = def.maxAttempts ?? 1;
	// Failing nodes use every attempt; others sometimes need a second one.
	const tries = fails ? maxAttempts : maxAttempts > 1 && random.chance(0.25) ? 2 : 1;
	const attempts: number[] = [];
	let end = at;
	for (let index = 0; index < tries; index++) {
		attempts.push(end);
		end += attempt();
	}
	return {def, span: {start: at, end, outcome: fails ? 'failed' : 'success'}, attempts, children: []};
}

function schedule(def: NfNodeDef, at: number, drafting: Drafting): NfNodePlan {
	if (!def.steps) return scheduleLeaf(def, at, drafting);
	const children: NfNodePlan[] = [];
	let cursor = at;
	let blocked = false;
	for (const step of def.steps) {
		if (blocked) {
			children.push(skipped(step, cursor));
			continue;
		}
		const child = schedule(step, def.type === 'parallel' ? at : cursor, drafting);
		children.push(child);
		if (def.type !== 'parallel') {
			cursor = child.span.end;
			blocked = child.span.outcome !== 'success';
		}
	}
	return {def, span: groupSpan(children.map((child) => child.span), at), attempts: [at], children};
}

function skipped(def: NfNodeDef, at: number): NfNodePlan {
	return {def, span: neverRuns(at), attempts: [], children: (def.steps ?? []).map((step) => skipped(step, at))};
}

const shaOf = (seed: number, ref: string, branch: string, first: boolean) => (first && branch === 'main' ? hexOf(40, seed, 'sha') : hexOf(40, seed, 'sha', ref, branch));

/** A branch the trigger's restrictions allow, other than main. */
function otherBranch(trigger: NfTriggerDef, number: number): string {
	if (trigger.branchRestrictions.includes('release/*')) return `release/2.${number % 50}`;
	return trigger.branchRestrictions.includes('*') ? `feature/checkout-${number % 9}` : 'main';
}

/** Each trigger's ref resolved to a branch's head; an override's fields overwrite the ref's own (its branch, even its sha). */
function refsOf(triggers: readonly NfTriggerDef[], seed: number, branchOf: (trigger: NfTriggerDef) => string, overrides: NfRequest['overrides'] = {}): Record<string, NfRef> {
	return Object.fromEntries(
		triggers.map((trigger, index) => {
			const override = overrides[trigger.ref] ?? {};
			const branch = typeof override['branch'] === 'string' ? override['branch'] : branchOf(trigger);
			const sha = typeof override['sha'] === 'string' ? override['sha'] : shaOf(seed, trigger.ref, branch, index === 0);
			return [trigger.ref, {branch, sha}];
		}),
	);
}

function plan(flow: NfFlowDef, slot: RunSlot<NfRequest>, settings: WorldSettings): NfRunPlan {
	const random = new Random(slot.seed);
	const request = slot.trigger?.request ?? null;
	const outcome = request?.outcome ?? random.weighted([['success', 72], ['failed', 20], ['canceled', 8]] as const);
	const candidates = leaves(flow.root).filter((node) => node.failure);
	const failing = outcome === 'failed' || outcome === 'timeout' ? candidates[random.int(0, candidates.length - 1)] : undefined;
	const startAt = slot.createdAt + Math.max(1, Math.round(random.int(1000, 6000) / settings.speed));
	const natural = schedule(flow.root, startAt, {random: new Random(slot.seed ^ 0x5bd1e995), scale: 1, failing});
	const naturalLength = natural.span.end - startAt;
	const scale = request?.durationSec !== undefined && naturalLength > 0 ? (request.durationSec * 1000) / naturalLength : 1 / settings.speed;
	const root = schedule(flow.root, startAt, {random: new Random(slot.seed ^ 0x5bd1e995), scale, failing});
	const history = request === null;
	// A draw kept so that every seed plans the past runs it always planned.
	if (history) random.next();
	const base: NfRunPlan = {
		number: slot.number,
		createdAt: slot.createdAt,
		seed: slot.seed,
		span: {start: startAt, end: root.span.end, outcome: root.span.outcome},
		odd: request?.odd ?? isOddRun(slot.seed),
		name: history ? (random.chance(0.75) ? `Release ${slot.number}` : null) : (request.name ?? null),
		description: history ? (random.chance(0.5) ? `Promote ${hexOf(7, slot.seed, 'sha')} to ${flow.stage}` : null) : (request.description ?? null),
		arguments: history ? {imageTag: `v2.${slot.number % 50}.${slot.number % 7}`} : (request.arguments ?? {}),
		// Past runs mostly deployed main; started ones main unless told otherwise.
		refs: history ? refsOf(flow.triggers, slot.seed, random.chance(0.25) ? (trigger) => otherBranch(trigger, slot.number) : () => 'main') : refsOf(flow.triggers, slot.seed, () => 'main', request.overrides),
		root,
	};
	if (outcome !== 'canceled') return base;
	const at = startAt + Math.round((root.span.end - startAt) * (0.2 + random.next() * 0.6));
	return cutPlan(base, {requestedAt: at, at, outcome: 'canceled'});
}

function cutNode(node: NfNodePlan, cut: Cut): NfNodePlan {
	const children = node.children.map((child) => cutNode(child, cut));
	const span = children.length > 0 ? groupSpan(children.map((child) => child.span), cutSpan(node.span, cut).end) : cutSpan(node.span, cut);
	return {...node, span, attempts: node.attempts.filter((start) => start < span.end), children};
}

function cutPlan(plan: NfRunPlan, cut: Cut): NfRunPlan {
	const root = cutNode(plan.root, cut);
	const whole = cutSpan(plan.span, cut);
	const outcome = whole.start === null || root.span.outcome === 'skipped' ? cut.outcome : root.span.outcome;
	return {...plan, root, span: {start: whole.start, end: whole.end, outcome}};
}

export function northflankPlanner(flow: NfFlowDef): Planner<NfRunPlan, NfRequest> {
	return {plan: (slot, settings) => plan(flow, slot, settings), cut: cutPlan};
}
