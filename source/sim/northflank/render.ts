import {hostile, longText, oddVariant, spaceDate} from '../oddities.js';
import {hexOf} from '../random.js';
import type {Cut, Outcome} from '../timeline.js';
import {phaseAt} from '../timeline.js';
import type {NfFlowDef} from '../worlds.js';
import type {NfNodePlan, NfRunPlan} from './plan.js';

/** Northflank's JSON for release-flow runs and their spec tree at a moment. */

export interface NfRender {
	now: number;
	cut: Cut | null;
	variant: 0 | 1 | 2 | null;
}

export function renderOptions(plan: NfRunPlan, now: number, cut: Cut | null, odditiesOn: boolean): NfRender {
	return {now, cut, variant: odditiesOn && plan.odd ? oddVariant(plan.seed) : null};
}

/** A UUID whose last group carries the flow and the run number, so an id finds its run without a table. */
export function runId(flow: NfFlowDef, number: number, createdAt: number, seed: number): string {
	const hex = hexOf(20, seed, flow.name, number, createdAt);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-a${hex.slice(15, 18)}-${flowTag(flow)}${number.toString(16).padStart(8, '0')}`;
}

export function flowTag(flow: NfFlowDef): string {
	return hexOf(4, 'northflank-flow', flow.name);
}

export function parseRunId(id: string): {tag: string; number: number} | null {
	const match = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-([0-9a-f]{4})([0-9a-f]{8})$/.exec(id);
	if (!match) return null;
	return {tag: match[1] ?? '', number: Number.parseInt(match[2] ?? '', 16)};
}

const FINAL: Record<Outcome, string> = {success: 'success', failed: 'failure', timeout: 'failure', canceled: 'aborted', skipped: 'skipped'};

function aborting(render: NfRender): boolean {
	return render.cut !== null && render.now >= render.cut.requestedAt && render.now < render.cut.at;
}

function nodeStatus(node: NfNodePlan, render: NfRender): string {
	const phase = phaseAt(node.span, render.now);
	if (phase === 'waiting') return 'waiting';
	if (phase === 'running') {
		if (aborting(render)) return 'aborting';
		if (node.def.wait === 'approval') return 'approval_wait';
		if (node.attempts.filter((start) => start <= render.now).length > 1) return 'retrying';
		return 'async_wait';
	}
	if (phase === 'failed' && node.def.failure?.code === 'BuildNotFound') return 'invalid';
	return FINAL[phase];
}

function time(ms: number, render: NfRender): number {
	return render.variant === 1 ? ms : Math.floor(ms / 1000);
}

/** A group that failed says which of its steps failed. */
function failedChild(node: NfNodePlan, now: number): {code: string; message: string} | undefined {
	const child = node.children.find((item) => phaseAt(item.span, now) === 'failed');
	return child ? {code: 'StepFailed', message: `step "${child.def.ref}" failed`} : undefined;
}

function renderNode(node: NfNodePlan, render: NfRender): Record<string, unknown> {
	const status = nodeStatus(node, render);
	const response: Record<string, unknown> = {status};
	const failure = node.def.failure ?? failedChild(node, render.now);
	if (failure && (status === 'failure' || status === 'invalid' || status === 'retrying')) {
		response['error'] = {code: failure.code, message: render.variant === 2 ? hostile(failure.message) : failure.message};
	}
	if (node.def.maxAttempts !== undefined) {
		response['retries'] = {attempts: node.attempts.filter((start) => start <= render.now).length, maxAttempts: node.def.maxAttempts};
	}
	if (node.span.start !== null && render.now >= node.span.start) response['startTime'] = time(node.span.start, render);
	if (render.now >= node.span.end && node.span.start !== null) response['endTime'] = time(node.span.end, render);
	const spec: Record<string, unknown> = {};
	if (node.def.type) spec['type'] = node.def.type;
	if (node.children.length > 0) spec['steps'] = node.children.map((child) => renderNode(child, render));
	return {kind: node.def.kind, ref: node.def.ref, spec, response};
}

function anyAwaitingApproval(node: NfNodePlan, now: number): boolean {
	if (node.children.length > 0) return node.children.some((child) => anyAwaitingApproval(child, now));
	return node.def.wait === 'approval' && phaseAt(node.span, now) === 'running';
}

export function runStatus(plan: NfRunPlan, now: number, cut: Cut | null): string {
	if (now >= plan.span.end) return plan.span.outcome === 'skipped' ? 'aborted' : (FINAL[plan.span.outcome] ?? 'unknown');
	if (cut && now >= cut.requestedAt) return 'aborting';
	if (plan.span.start === null || now < plan.span.start) return 'pending';
	return anyAwaitingApproval(plan.root, now) ? 'approval_wait' : 'running';
}

function lastUpdate(plan: NfRunPlan, render: NfRender): number {
	let latest = plan.createdAt;
	const visit = (node: NfNodePlan) => {
		for (const at of [node.span.start, node.span.end, ...node.attempts]) if (at !== null && at <= render.now && at > latest) latest = at;
		node.children.forEach(visit);
	};
	visit(plan.root);
	if (render.cut && render.cut.requestedAt <= render.now && render.cut.requestedAt > latest) latest = render.cut.requestedAt;
	return latest;
}

export function renderRun(flow: NfFlowDef, plan: NfRunPlan, render: NfRender, seed: number, detail: boolean, withId = true): Record<string, unknown> {
	const {now} = render;
	let status = runStatus(plan, now, render.cut);
	if ((status === 'running' || status === 'approval_wait') && render.variant === 0) status = 'hibernating';
	const out: Record<string, unknown> = {};
	if (withId) out['id'] = runId(flow, plan.number, plan.createdAt, seed);
	let name = plan.name;
	if (render.variant === 1) name = longText(`${name ?? 'Release'} `);
	if (render.variant === 2) name = hostile(name ?? 'Release');
	if (name !== null) out['name'] = name;
	let description = plan.description;
	if (render.variant === 1) description = longText(`${description ?? 'release'} `);
	if (render.variant === 2) description = hostile(description ?? 'release');
	if (description !== null) out['description'] = description;
	out['status'] = status;
	if (plan.span.start !== null && now >= plan.span.start) out['startedAt'] = spaceDate(plan.span.start);
	out['concluded'] = now >= plan.span.end;
	if (now >= plan.span.end) out['concludedAt'] = spaceDate(plan.span.end);
	out['createdAt'] = spaceDate(plan.createdAt);
	out['updatedAt'] = spaceDate(lastUpdate(plan, render));
	if (!detail) return out;
	// The detail is the flow's template as this run ran it, with its run fields (GetReleaseflowrunResult).
	return {
		apiVersion: 'v1.2',
		arguments: plan.arguments,
		triggers: flow.triggers.map((trigger) => ({...trigger, branchRestrictions: [...trigger.branchRestrictions]})),
		spec: renderNode(plan.root, render),
		refs: plan.refs,
		...out,
	};
}
