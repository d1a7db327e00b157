import type {ProviderApi, SimContext} from '../context.js';
import type {Route, SimRequest, SimResponse} from '../http.js';
import {findRoute, json, parseJsonBody, route} from '../http.js';
import type {World, WorldSettings} from '../world.js';
import {World as WorldClass} from '../world.js';
import type {NfFlowDef} from '../worlds.js';
import type {NfPipelineDef} from '../cast.js';
import {NORTHFLANK_PROJECT, NORTHFLANK_TEAM} from '../worlds.js';
import type {NfRequest, NfRunPlan} from './plan.js';
import {northflankPlanner} from './plan.js';
import {checkListQuery, checkStartBody, encodeCursor} from './query.js';
import {RateLimiter, secondsUntil} from './ratelimit.js';
import {flowTag, parseRunId, renderOptions, renderRun, runId} from './render.js';

export type NfWorld = World<NfFlowDef, NfRunPlan, NfRequest>;

export function createNorthflankWorlds(settings: WorldSettings, flows: readonly NfFlowDef[]): NfWorld[] {
	return flows.map((flow) => new WorldClass(flow, settings, northflankPlanner(flow)));
}

export const ABORT_DELAY_MS = 3000;

type Handler = (request: SimRequest, params: readonly string[]) => SimResponse;

export function createNorthflankApi(context: SimContext, worlds: readonly NfWorld[], pipelines: readonly NfPipelineDef[], limiter: RateLimiter, speed: number): ProviderApi {
	const error = (status: number, message: string, request: SimRequest, details: Record<string, unknown> = {}): SimResponse =>
		json(status, {error: {status, message, id: request.requestId, details}});
	const triggers = new Map<string, number>();

	function flowOf(request: SimRequest, [project = '', pipeline = '', stage = '']: readonly string[]): NfWorld | SimResponse {
		if (project !== NORTHFLANK_PROJECT.id) return error(404, `project ${project} not found`, request);
		if (!pipelines.some((item) => item.id === pipeline)) return error(404, `pipeline ${pipeline} not found`, request);
		const world = worlds.find((candidate) => candidate.def.pipelineId === pipeline && candidate.def.stage === stage);
		return world ?? error(404, `release flow for stage "${stage}" not found (stage names are case-sensitive)`, request);
	}

	const view = (world: NfWorld, number: number, now: number, detail: boolean, withId = true) => {
		const run = world.run(number, now);
		if (!run) return null;
		return renderRun(world.def, run.plan, renderOptions(run.plan, now, run.cut, context.oddities('northflank')), context.seed, detail, withId);
	};

	function findRun(world: NfWorld, id: string, now: number): number | null {
		const parsed = parseRunId(id);
		if (!parsed || parsed.tag !== flowTag(world.def)) return null;
		const createdAt = world.createdAt(parsed.number, now);
		if (createdAt === undefined || runId(world.def, parsed.number, createdAt, context.seed) !== id) return null;
		return parsed.number;
	}

	const inFlow =
		(answer: (request: SimRequest, world: NfWorld, rest: readonly string[]) => SimResponse): Handler =>
		(request, params) => {
			const world = flowOf(request, params);
			return 'status' in world ? world : answer(request, world, params.slice(3));
		};

	function list(request: SimRequest, world: NfWorld): SimResponse {
		const checked = checkListQuery(request.query, world.name);
		if (!checked.ok) return error(400, checked.message, request);
		const {perPage, before, offset, status, concluded} = checked.value;
		const filtered = status !== null || concluded !== null;
		// Unfiltered, every number is a run: the page starts where the offset says, with no run planned on the way.
		let skip = filtered ? offset : 0;
		const newest = Math.min(before ?? Number.POSITIVE_INFINITY, world.maxNumber(request.now)) - (filtered ? 0 : offset);
		const runs: Record<string, unknown>[] = [];
		let last = Number.POSITIVE_INFINITY;
		let hasNextPage = false;
		for (let number = newest; number >= world.minNumber; number--) {
			const run = view(world, number, request.now, false);
			if (!run || (status !== null && run['status'] !== status) || (concluded !== null && run['concluded'] !== concluded)) continue;
			if (skip > 0) {
				skip--;
				continue;
			}
			// One match past a full page says there is another page.
			if (runs.length === perPage) {
				hasNextPage = true;
				break;
			}
			runs.push(run);
			last = number;
		}
		const pagination: Record<string, unknown> = {hasNextPage};
		if (hasNextPage) pagination['cursor'] = encodeCursor({flow: world.name, next: last - 1, perPage});
		pagination['count'] = runs.length;
		return json(200, {data: {runs}, pagination});
	}

	function start(request: SimRequest, world: NfWorld): SimResponse {
		const checked = checkStartBody(parseJsonBody(request.body), world.def.triggers);
		if (!checked.ok) return error(400, checked.message, request);
		const slot = world.addTrigger(checked.value, request.now);
		const count = (triggers.get(world.name) ?? 0) + 1;
		triggers.set(world.name, count);
		// Every other start answers without the run's id: clients must re-list and take the newest.
		const run = view(world, slot.number, request.now, false, count % 2 === 1);
		return json(200, {data: run});
	}

	function abort(request: SimRequest, world: NfWorld, [id = '']: readonly string[]): SimResponse {
		const number = findRun(world, id, request.now);
		const run = number === null ? undefined : world.run(number, request.now);
		if (number === null || !run) return error(404, `release flow run ${id} not found`, request);
		if (request.now >= run.plan.span.end) return error(409, 'release flow run has already concluded and cannot be aborted', request);
		world.setCut(number, {requestedAt: request.now, at: request.now + Math.max(500, Math.round(ABORT_DELAY_MS / speed)), outcome: 'canceled'});
		return json(200, {data: view(world, number, request.now, true)});
	}

	const flowRoutes = (prefix: string): Route[] => {
		const base = `${prefix}/projects/:project/pipelines/:pipeline/release-flows/:stage`;
		return [
			route('GET', `${base}/runs`, inFlow(list)),
			route('POST', `${base}/runs`, inFlow(start)),
			route(
				'GET',
				`${base}/runs/:run`,
				inFlow((request, world, [id = '']) => {
					const number = findRun(world, id, request.now);
					const run = number === null ? null : view(world, number, request.now, true);
					return run ? json(200, {data: run}) : error(404, `release flow run ${id} not found`, request);
				}),
			),
			route('POST', `${base}/runs/:run/abort`, inFlow(abort)),
			route('GET', `${prefix}/projects/:project/pipelines`, (request, [project = '']) =>
				project === NORTHFLANK_PROJECT.id
					? json(200, {data: {pipelines}, pagination: {hasNextPage: false, count: pipelines.length}})
					: error(404, `project ${project} not found`, request),
			),
		];
	};
	const teamRoutes = flowRoutes('/v1/teams/:team').map(
		(item): Route => ({
			...item,
			handler: (request, [team = '', ...params]) => (team === NORTHFLANK_TEAM ? item.handler(request, params) : error(404, `team ${team} not found`, request)),
		}),
	);
	const routes: Route[] = [route('GET', '/v1/login', () => json(200, {data: {teamId: NORTHFLANK_TEAM, tokenType: 'api'}})), ...flowRoutes('/v1'), ...teamRoutes];

	const bucket = (request: SimRequest) => request.token ?? '';

	return {
		provider: 'northflank',
		error,
		async handle(request) {
			if (!limiter.take(bucket(request), request.now)) {
				const limited = error(429, `rate limit exceeded: ${limiter.limit} requests per hour per token`, request);
				return {...limited, headers: {...limited.headers, 'retry-after': String(limiter.resetIn(bucket(request), request.now))}};
			}
			if (request.token === null) return error(401, 'missing API token: send Authorization: Bearer <token>', request);
			if (request.token !== context.tokens.northflank) return error(401, 'invalid API token', request);
			const found = findRoute(routes, request);
			if (!found) return error(404, `no such endpoint: ${request.method} ${request.path}`, request);
			return found.route.handler(request, found.params);
		},
		finish(request, response) {
			const headers = limiter.headers(bucket(request), request.now, response.status === 429);
			// A 429 (the budget spent, or a fault asked for) says one thing: nothing left until its Retry-After.
			const wait = response.status === 429 ? secondsUntil(response.headers['retry-after'], request.now) : null;
			if (wait !== null) headers['x-ratelimit-reset'] = String(wait);
			return {...response, headers: {...response.headers, ...headers}};
		},
	};
}
