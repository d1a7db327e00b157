import type {Run, RunNode} from '../../model/run.js';
import {sanitizeLine, sanitizeOptional} from '../../model/sanitize.js';
import {mapWerckerStatus} from '../../model/status.js';
import {makeNode, makeRun, statusFields, usableId} from '../build.js';
import type {WerckerSpec} from '../types.js';
import type {WkRun, WkStep} from './schema.js';

/** Pure mapping of Wercker runs and steps into the model. */

/** Wercker's `progress` is a percentage (57 means 57 %), never a fraction. */
export function werckerProgress(value: number | null): number | null {
	if (value === null || value < 0) return null;
	return Math.min(1, value / 100);
}

/** `#n` when the server numbers runs; otherwise the tail of the ObjectId (its head is a timestamp shared by neighbours). */
export function werckerLabel(id: string, number: number | null): string {
	if (number !== null && Number.isInteger(number) && number > 0) return `#${number}`;
	return /^[0-9a-f]{24}$/i.test(id) ? id.slice(-7) : sanitizeLine(id).slice(0, 12);
}

function mapStep(step: WkStep, runId: string, index: number): RunNode {
	const id = usableId(step.id);
	const order = step.order !== null && Number.isFinite(step.order) ? step.order : null;
	return makeNode({
		id: id ?? `#${index + 1}`,
		kind: 'step',
		title: sanitizeOptional(step.step, 200) ?? `step ${order ?? index + 1}`,
		...statusFields(mapWerckerStatus(step.status, step.result)),
		createdAt: step.createdAt,
		startedAt: step.startedAt,
		finishedAt: step.finishedAt,
		order,
		// The run id lets readLog tell a finished step's log from a growing one.
		log: id ? {path: [id, runId]} : null,
	});
}

/** Steps in their documented order; steps without one keep the server's order, after the rest. */
export function mapSteps(steps: readonly WkStep[], runId: string): RunNode[] {
	const nodes = steps.map((step, index) => mapStep(step, runId, index));
	return nodes
		.map((node, index) => ({node, index}))
		.sort((a, b) => (a.node.order ?? Infinity) - (b.node.order ?? Infinity) || a.index - b.index)
		.map(({node}) => node);
}

/** A run as Wercker sent it; null when it has no id. `steps`: the run's steps, when fetched. */
export function mapRun(spec: WerckerSpec, run: WkRun, steps: readonly WkStep[] | null = null): Run | null {
	const id = usableId(run.id);
	if (id === null) return null;
	const message = sanitizeOptional(run.message);
	const pipeline = sanitizeOptional(run.pipeline?.name ?? run.pipeline?.pipelineName, 120);
	return makeRun(spec, {
		id,
		label: werckerLabel(id, run.number),
		title: message ?? pipeline ?? '',
		pipeline,
		...statusFields(mapWerckerStatus(run.status, run.result)),
		createdAt: run.createdAt,
		startedAt: run.startedAt,
		finishedAt: run.finishedAt,
		updatedAt: run.updatedAt,
		progress: werckerProgress(run.progress),
		branch: sanitizeOptional(run.branch, 200),
		commit: sanitizeOptional(run.commitHash, 64),
		user: sanitizeOptional(run.user?.meta?.username ?? run.user?.name, 120),
		url: sanitizeOptional(run.url, 2000),
		children: steps === null ? null : mapSteps(steps, id),
	});
}
