import type {ProviderApi, SimContext} from '../context.js';
import type {SimRequest, SimResponse} from '../http.js';
import {findRoute, json, parseJsonBody, route, text} from '../http.js';
import {logAt, logText} from '../logs.js';
import type {World, WorldSettings} from '../world.js';
import {World as WorldClass} from '../world.js';
import type {WerckerPipelineDef} from '../worlds.js';
import {WERCKER_APPLICATION} from '../worlds.js';
import type {WkRequest, WkRunPlan} from './plan.js';
import {werckerPlanner} from './plan.js';
import type {ListQuery} from './query.js';
import {checkListQuery, checkTriggerBody} from './query.js';
import {machine, objectId, parseObjectId, renderOptions, renderPipeline, renderRun, renderStep, runStatus} from './render.js';

export type WkWorld = World<WerckerPipelineDef, WkRunPlan, WkRequest>;

export function createWerckerWorlds(settings: WorldSettings, pipelines: readonly WerckerPipelineDef[]): WkWorld[] {
	return pipelines.map((pipeline) => new WorldClass(pipeline, settings, werckerPlanner(pipeline)));
}

const ERRORS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

interface Located {
	world: WkWorld;
	plan: WkRunPlan;
	order: number;
}

/** Newest (or oldest) first across several pipelines, merged by creation time. */
function* merged(worlds: readonly WkWorld[], now: number, ascending: boolean): Generator<{world: WkWorld; number: number}> {
	const cursors = worlds.map((world) => ({world, number: ascending ? world.minNumber : world.maxNumber(now), end: ascending ? world.maxNumber(now) : world.minNumber}));
	for (;;) {
		let best: (typeof cursors)[number] | undefined;
		let bestAt = 0;
		for (const cursor of cursors) {
			if (ascending ? cursor.number > cursor.end : cursor.number < cursor.end) continue;
			const at = cursor.world.createdAt(cursor.number, now) ?? 0;
			if (!best || (ascending ? at < bestAt : at > bestAt)) {
				best = cursor;
				bestAt = at;
			}
		}
		if (!best) return;
		yield {world: best.world, number: best.number};
		best.number += ascending ? 1 : -1;
	}
}

export function createWerckerApi(context: SimContext, worlds: readonly WkWorld[]): ProviderApi {
	const api = () => `${context.baseUrl('wercker')}/api/v3`;
	const error = (status: number, message: string): SimResponse => json(status, {statusCode: status, error: ERRORS[status] ?? 'Error', message});
	const authorized = (request: SimRequest) => request.token === context.tokens.wercker;
	/** Public pipelines answer without a token; a wrong token is refused everywhere. */
	const refused = (request: SimRequest, pipelines: readonly WerckerPipelineDef[]): SimResponse | null => {
		if (request.token !== null && !authorized(request)) return error(401, 'Invalid token');
		if (request.token === null && !pipelines.every((pipeline) => pipeline.public)) return error(401, 'Missing authentication');
		return null;
	};
	const options = (plan: WkRunPlan, now: number) => renderOptions(plan, now, api(), context.oddities('wercker'));

	function locate(id: string, now: number): Located | undefined {
		const parsed = parseObjectId(id);
		if (!parsed) return undefined;
		const world = worlds.find((candidate) => machine(candidate.def) === parsed.machine);
		if (!world) return undefined;
		// The counter has 20 bits for the number; look past a wrap-around.
		for (let wrap = 0; wrap < 4; wrap++) {
			const number = parsed.number + wrap * 0x10_0000;
			const run = world.run(number, now);
			if (run && objectId(run.plan.createdAt, world.def, number * 16 + parsed.order) === id) return {world, plan: run.plan, order: parsed.order};
		}
		return undefined;
	}

	function matches(plan: WkRunPlan, query: ListQuery, now: number): boolean {
		if (query.branch !== null && plan.branch !== query.branch) return false;
		if (query.commit !== null && plan.commitHash !== query.commit) return false;
		if (query.author !== null && plan.user !== query.author) return false;
		if (query.sourceRun !== null && plan.sourceRunId !== query.sourceRun) return false;
		if (query.status !== null || query.result !== null) {
			const {status, result} = runStatus(plan, now);
			if (query.status !== null && status !== query.status) return false;
			if (query.result !== null && result !== query.result) return false;
		}
		return true;
	}

	function list(request: SimRequest): SimResponse {
		const checked = checkListQuery(request.query);
		if (!checked.ok) return error(400, checked.message);
		const query = checked.value;
		let chosen = worlds;
		if (query.applicationId !== null) {
			if (request.token === null || !authorized(request)) return error(401, request.token === null ? 'Missing authentication' : 'Invalid token');
			if (query.applicationId !== WERCKER_APPLICATION.id) return error(404, 'Application not found');
			chosen = worlds.filter((world) => WERCKER_APPLICATION.pipelines.includes(world.name));
		}
		if (query.pipelineId !== null) chosen = chosen.filter((world) => world.def.id === query.pipelineId);
		const denied = refused(request, chosen.length > 0 ? chosen.map((world) => world.def) : [{public: false} as WerckerPipelineDef]);
		if (denied) return denied;
		if (chosen.length === 0) return error(404, 'Pipeline not found');
		const runs: unknown[] = [];
		let skipped = 0;
		for (const {world, number} of merged(chosen, request.now, query.ascending)) {
			const run = world.run(number, request.now);
			if (!run || !matches(run.plan, query, request.now)) continue;
			if (skipped < query.skip) {
				skipped++;
				continue;
			}
			runs.push(renderRun(world.def, run.plan, options(run.plan, request.now), false));
			if (runs.length >= query.limit) break;
		}
		return json(200, runs);
	}

	function withRun(request: SimRequest, id: string, answer: (found: Located) => SimResponse): SimResponse {
		const found = locate(id, request.now);
		const denied = refused(request, found ? [found.world.def] : [{public: false} as WerckerPipelineDef]);
		if (denied) return denied;
		if (!found) return error(404, 'Run not found');
		return answer(found);
	}

	const routes = [
		route('GET', '/api/v3/runs', list),
		route('GET', '/api/v3/runs/:id', (request, [id = '']) =>
			withRun(request, id, ({world, plan, order}) => (order !== 0 ? error(404, 'Run not found') : json(200, renderRun(world.def, plan, options(plan, request.now), true)))),
		),
		route('GET', '/api/v3/runs/:id/steps', (request, [id = '']) =>
			withRun(request, id, ({world, plan, order}) => {
				if (order !== 0) return error(404, 'Run not found');
				const render = options(plan, request.now);
				const steps = plan.steps.map((step) => renderStep(world.def, plan, step, render));
				// The documented hazard: a single object where an array was promised.
				return json(200, render.variant === 1 ? steps[0] : steps);
			}),
		),
		route('GET', '/api/v3/runsteps/:id/log', (request, [id = '']) =>
			withRun(request, id, ({plan, order}) => {
				const step = plan.steps.find((item) => item.order === order);
				if (!step) return error(404, 'Step not found');
				const state = logAt({...step.log, odd: step.log.odd && context.oddities('wercker')}, request.now);
				return text(200, logText(state) + state.partial);
			}),
		),
		route('POST', '/api/v3/runs', (request) => {
			if (!authorized(request)) return error(401, request.token === null ? 'Missing authentication' : 'Invalid token');
			const checked = checkTriggerBody(parseJsonBody(request.body));
			if (!checked.ok) return error(400, checked.message);
			const world = worlds.find((candidate) => candidate.def.id === checked.value.pipelineId);
			if (!world) return error(404, 'Pipeline not found');
			const source = checked.value.sourceRunId;
			if (source !== undefined && locate(source, request.now)?.order !== 0) return error(404, 'Source run not found');
			const slot = world.addTrigger(checked.value, request.now);
			const run = world.run(slot.number, request.now);
			if (!run) return error(500, 'The new run vanished');
			return json(200, renderRun(world.def, run.plan, options(run.plan, request.now), true));
		}),
		route('PUT', '/api/v3/runs/:id/abort', (request, [id = '']) => {
			if (!authorized(request)) return error(401, request.token === null ? 'Missing authentication' : 'Invalid token');
			const found = locate(id, request.now);
			if (!found || found.order !== 0) return error(404, 'Run not found');
			if (request.now >= found.plan.span.end) return error(409, 'Run has already finished and cannot be aborted');
			found.world.setCut(found.plan.number, {requestedAt: request.now, at: request.now, outcome: 'canceled'});
			const run = found.world.run(found.plan.number, request.now);
			if (!run) return error(500, 'The run vanished');
			return json(200, renderRun(found.world.def, run.plan, options(run.plan, request.now), true));
		}),
		route('GET', '/api/v3/applications/:owner/:name/pipelines', (request, [owner = '', name = '']) => {
			if (!authorized(request)) return error(401, request.token === null ? 'Missing authentication' : 'Invalid token');
			if (owner !== WERCKER_APPLICATION.owner || name !== WERCKER_APPLICATION.app) return error(404, 'Application not found');
			const pipelines = worlds.filter((world) => WERCKER_APPLICATION.pipelines.includes(world.name));
			return json(200, pipelines.map((world) => renderPipeline(world.def, api())));
		}),
	];

	return {
		provider: 'wercker',
		error: (status, message) => error(status, message),
		async handle(request) {
			const found = findRoute(routes, request);
			if (!found) {
				if (request.token !== null && !authorized(request)) return error(401, 'Invalid token');
				return error(404, 'Not Found');
			}
			return found.route.handler(request, found.params);
		},
	};
}
