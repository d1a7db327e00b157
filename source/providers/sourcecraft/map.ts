import type {Dates, Run, RunNode} from '../../model/run.js';
import {normalizeProgress} from '../../model/run.js';
import {sanitizeLine, sanitizeOptional} from '../../model/sanitize.js';
import {mapSourceCraftStatus, type Status, type StatusInfo} from '../../model/status.js';
import {makeNode, makeRun, meanProgress, NO_DATES, statusFields, usableId} from '../build.js';
import type {SourceCraftSpec} from '../types.js';
import type {ScArtifact, ScCube, ScDates, ScRun, ScTask, ScWorkflow} from './schema.js';

/** Pure mapping of SourceCraft runs into the model: run → workflows → tasks → cubes → artifacts. */

function datesOf(dates: ScDates): Dates {
	if (!dates) return NO_DATES;
	return {createdAt: dates.created_at, startedAt: dates.started_at, finishedAt: dates.finished_at, updatedAt: dates.updated_at};
}

function needsOf(relations: {needs: {name: string | null}[] | null} | null): string[] {
	const names: string[] = [];
	for (const need of relations?.needs ?? []) {
		const name = sanitizeOptional(need.name, 120);
		if (name) names.push(name);
	}
	return names;
}

/**
 * A slug as the server sent it (it goes back into URLs and tells nodes apart), `#n` (by position)
 * when it sent none; `name` is what is shown: the slug cleaned, or null.
 */
function slugOf(slug: string | null, index: number): {slug: string | null; id: string; name: string | null} {
	const usable = usableId(slug);
	return {slug: usable, id: usable ?? `#${index + 1}`, name: usable === null ? null : sanitizeLine(usable, 200)};
}

const ARTIFACT_STATUS: Record<string, Status> = {registered: 'queued', success: 'success', failed: 'failed', missing: 'failed'};

function mapArtifact(artifact: ScArtifact, parentId: string, index: number): RunNode {
	const path = sanitizeOptional(artifact.local_path, 300);
	const raw = artifact.status;
	const info: StatusInfo = {status: (raw !== null && ARTIFACT_STATUS[raw]) || 'unknown', raw, flags: {}};
	const dates = artifact.dates;
	return makeNode({
		id: `${parentId}/artifact:${path ?? `#${index + 1}`}`,
		kind: 'artifact',
		title: path ?? `artifact ${index + 1}`,
		...statusFields(info),
		...NO_DATES,
		createdAt: dates?.registered_at ?? null,
		finishedAt: dates?.obtained_at ?? null,
		updatedAt: dates?.updated_at ?? null,
		artifact: {path: path ?? '', status: sanitizeOptional(raw, 60), url: sanitizeOptional(artifact.download_url, 2000)},
	});
}

function mapCube(cube: ScCube, parentId: string, index: number, logPath: readonly (string | null)[]): RunNode {
	const {slug, id, name} = slugOf(cube.slug, index);
	const nodeId = `${parentId}/${id}`;
	const path = [...logPath, slug];
	const log = path.every((part): part is string => part !== null) ? {path} : null;
	return makeNode({
		id: nodeId,
		kind: 'cube',
		title: name ?? `cube ${index + 1}`,
		...statusFields(mapSourceCraftStatus(cube.status)),
		...datesOf(cube.dates),
		needs: needsOf(cube.relations),
		log,
		children: (cube.artifacts ?? []).map((artifact, position) => mapArtifact(artifact, nodeId, position)),
	});
}

function mapTask(task: ScTask, parentId: string, index: number, logPath: readonly (string | null)[]): RunNode {
	const {slug, id, name} = slugOf(task.slug, index);
	const nodeId = `${parentId}/${id}`;
	return makeNode({
		id: nodeId,
		kind: 'task',
		title: name ?? `task ${index + 1}`,
		...statusFields(mapSourceCraftStatus(task.status)),
		...datesOf(task.dates),
		progress: normalizeProgress(task.progress?.percent),
		currentCube: sanitizeOptional(task.progress?.current_cube?.slug, 120),
		needs: needsOf(task.relations),
		children: (task.cubes ?? []).map((cube, position) => mapCube(cube, nodeId, position, [...logPath, slug])),
	});
}

export function mapWorkflow(workflow: ScWorkflow, runSlug: string, index: number): RunNode {
	const {slug, id, name} = slugOf(workflow.slug, index);
	return makeNode({
		id,
		kind: 'workflow',
		title: name ?? `workflow ${index + 1}`,
		...statusFields(mapSourceCraftStatus(workflow.status)),
		...datesOf(workflow.dates),
		progress: normalizeProgress(workflow.progress?.percent),
		currentCube: sanitizeOptional(workflow.progress?.current_cube?.slug, 120),
		children: (workflow.tasks ?? []).map((task, position) => mapTask(task, id, position, [runSlug, slug])),
	});
}

function titleOf(run: ScRun, errors: readonly string[], workflows: readonly RunNode[]): string {
	if (errors[0]) return errors[0];
	if (workflows.length > 0) return workflows.map((workflow) => workflow.title).join(', ');
	return sanitizeLine(run.event_type ?? '');
}

/**
 * A run as SourceCraft sent it; null when it has no slug (nothing could address it).
 * `whole`: the answer carries the whole tree, so no workflows means none yet (not "not fetched").
 */
export function mapRun(spec: SourceCraftSpec, run: ScRun, whole = false): Run | null {
	const slug = usableId(run.slug);
	if (slug === null) return null;
	const errors = (run.error_messages ?? []).map((message) => sanitizeLine(message)).filter((message) => message !== '');
	const workflows = (run.workflows ?? []).map((workflow, index) => mapWorkflow(workflow, slug, index));
	return makeRun(spec, {
		id: slug,
		label: `#${sanitizeLine(slug, 200)}`,
		title: titleOf(run, errors, workflows),
		...statusFields(mapSourceCraftStatus(run.status)),
		...datesOf(run.dates),
		progress: meanProgress(workflows.map((workflow) => workflow.progress)),
		errors,
		event: sanitizeOptional(run.event_type, 40),
		user: sanitizeOptional(run.user?.slug, 120),
		pullRequest: sanitizeOptional(run.pull?.slug ?? run.pull?.id, 120),
		children: whole || workflows.length > 0 ? workflows : null,
	});
}
