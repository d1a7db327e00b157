import type {ProviderApi, SimContext} from '../context.js';
import type {SimRequest, SimResponse} from '../http.js';
import {findRoute, json, parseJsonBody, route, text} from '../http.js';
import {logAt} from '../logs.js';
import {hexOf, uuidOf} from '../random.js';
import type {World, WorldSettings} from '../world.js';
import {World as WorldClass} from '../world.js';
import type {ScRepoDef} from '../worlds.js';
import {logPage} from './pages.js';
import type {ScCubePlan, ScRequest, ScRunPlan} from './plan.js';
import {sourceCraftPlanner} from './plan.js';
import type {ScRender} from './render.js';
import {renderArtifacts, renderOptions, renderRun, renderWorkflow} from './render.js';
import {checkPageSize, checkPageToken, checkRunWorkflowsBody, checkTriggerBody, encodePageToken} from './validate.js';

export type ScWorld = World<ScRepoDef, ScRunPlan, ScRequest>;

export function createSourceCraftWorlds(settings: WorldSettings, repos: readonly ScRepoDef[]): ScWorld[] {
	return repos.map((repo) => new WorldClass(repo, settings, sourceCraftPlanner(repo)));
}

const ERROR_CODES: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	502: 'UNAVAILABLE',
	503: 'UNAVAILABLE',
};

/** Runs never cross a block of this many numbers in one page, so pages come back short now and then, as documented. */
const PAGE_BLOCK = 50;
const DOWNLOAD_TTL_MS = 5 * 60_000;

export function createSourceCraftApi(context: SimContext, worlds: readonly ScWorld[]): ProviderApi {
	const error = (status: number, message: string, request: SimRequest, details: Record<string, string> = {}): SimResponse =>
		json(status, {error_code: ERROR_CODES[status] ?? 'UNKNOWN', message, request_id: request.requestId, details});

	const bySlug = (org: string, repo: string) => worlds.find((world) => world.def.org === org && world.def.repo === repo);
	const byId = (id: string) => worlds.find((world) => world.def.repoId === id);

	const render = (world: ScWorld, plan: ScRunPlan, now: number): ScRender =>
		renderOptions(plan, now, context.oddities('sourcecraft'), (cube, workflow, task) => downloadUrl(world, plan, cube, workflow, task, now));

	function downloadUrl(world: ScWorld, plan: ScRunPlan, cube: ScCubePlan, workflow: string, task: string, now: number): string {
		const key = Buffer.from(JSON.stringify([world.name, plan.number, workflow, task, cube.slug, cube.artifact])).toString('base64url');
		const expires = Math.floor((now + DOWNLOAD_TTL_MS) / 1000);
		return `${context.baseUrl('sourcecraft')}/_artifacts/${key}?expires=${expires}&signature=${hexOf(16, context.seed, key, expires)}`;
	}

	type Found = {ok: false; response: SimResponse} | {ok: true; world: ScWorld; plan: ScRunPlan};

	function findRun(world: ScWorld | undefined, slug: string, request: SimRequest): Found {
		if (!world) return {ok: false, response: error(404, 'repository not found', request)};
		const number = /^\d{1,15}$/.test(slug) ? Number(slug) : Number.NaN;
		const run = world.run(number, request.now);
		if (!run) return {ok: false, response: error(404, `run ${slug} not found`, request)};
		return {ok: true, world, plan: run.plan};
	}

	function list(world: ScWorld | undefined, request: SimRequest): SimResponse {
		if (!world) return error(404, 'repository not found', request);
		const rawSize = request.query.get('page_size') ?? '';
		const size = checkPageSize(rawSize);
		if (!size.ok) return error(400, size.message, request, {field: 'page_size'});
		const token = checkPageToken(request.query.get('page_token'), world.name, rawSize);
		if (!token.ok) return error(400, token.message, request, {field: 'page_token'});
		const newest = token.value === null ? world.maxNumber(request.now) : token.value - 1;
		const blockStart = Math.floor((newest - 1) / PAGE_BLOCK) * PAGE_BLOCK + 1;
		const last = Math.max(world.minNumber, newest - size.value + 1, blockStart);
		const runs: unknown[] = [];
		for (let number = newest; number >= last; number--) {
			const run = world.run(number, request.now);
			if (run) runs.push(renderRun(run.plan, render(world, run.plan, request.now), true));
		}
		const body: Record<string, unknown> = {runs};
		if (last > world.minNumber) body['next_page_token'] = encodePageToken({repo: world.name, pageSize: rawSize, before: last});
		return json(200, body);
	}

	function start(world: ScWorld | undefined, request: SimRequest, deprecatedWorkflow?: string): SimResponse {
		if (!world) return error(404, 'repository not found', request);
		const body = parseJsonBody(request.body);
		if (deprecatedWorkflow !== undefined && !world.def.workflows.some((workflow) => workflow.slug === deprecatedWorkflow)) {
			return error(404, `workflow "${deprecatedWorkflow}" not found`, request);
		}
		const checked = deprecatedWorkflow === undefined ? checkRunWorkflowsBody(body, world.def) : checkTriggerBody(body, deprecatedWorkflow);
		if (!checked.ok) return error(400, checked.message, request);
		const slot = world.addTrigger(checked.value, request.now);
		const run = world.run(slot.number, request.now);
		if (!run) return error(500, 'the new run vanished', request);
		if (deprecatedWorkflow !== undefined) {
			return json(200, {flux_id: uuidOf(context.seed, world.name, 'flux', slot.number), flux_public_id: String(slot.number), trigger_status: 'created'});
		}
		return json(200, renderRun(run.plan, render(world, run.plan, request.now), true));
	}

	function findCube(plan: ScRunPlan, workflowSlug: string, taskSlug: string, cubeSlug: string) {
		const workflow = plan.workflows.find((item) => item.slug === workflowSlug);
		const task = workflow?.tasks.find((item) => item.slug === taskSlug);
		return task?.cubes.find((item) => item.slug === cubeSlug);
	}

	const routes = [
		route('GET', '/repos/id::repoId/cicd/runs', (request, [id = '']) => list(byId(id), request)),
		route('POST', '/repos/id::repoId/cicd/runs', (request, [id = '']) => start(byId(id), request)),
		route('POST', '/repos/id::repoId/ci_workflows/:workflow/trigger', (request, [id = '', workflow = '']) => start(byId(id), request, workflow)),
		route('GET', '/repos/:org/:repo/cicd/runs', (request, [org = '', repo = '']) => list(bySlug(org, repo), request)),
		route('POST', '/repos/:org/:repo/cicd/runs', (request, [org = '', repo = '']) => start(bySlug(org, repo), request)),
		route('POST', '/:org/:repo/ci_workflows/:workflow/trigger', (request, [org = '', repo = '', workflow = '']) => start(bySlug(org, repo), request, workflow)),
		route('GET', '/repos/:org/:repo/cicd/runs/:run', (request, [org = '', repo = '', slug = '']) => {
			const found = findRun(bySlug(org, repo), slug, request);
			if (!found.ok) return found.response;
			return json(200, renderRun(found.plan, render(found.world, found.plan, request.now), true));
		}),
		route('GET', '/repos/:org/:repo/cicd/runs/:run/:workflow', (request, [org = '', repo = '', slug = '', workflowSlug = '']) => {
			const found = findRun(bySlug(org, repo), slug, request);
			if (!found.ok) return found.response;
			const workflow = found.plan.workflows.find((item) => item.slug === workflowSlug);
			if (!workflow || request.now < found.plan.preparedAt) return error(404, `workflow ${workflowSlug} not found in run ${slug}`, request);
			return json(200, renderWorkflow(found.plan, workflow, render(found.world, found.plan, request.now)));
		}),
		route('GET', '/repos/:org/:repo/cicd/logs/:run/:workflow/:task/:cube', (request, [org = '', repo = '', slug = '', workflow = '', task = '', cube = '']) => {
			const found = findRun(bySlug(org, repo), slug, request);
			if (!found.ok) return found.response;
			const plan = findCube(found.plan, workflow, task, cube);
			if (!plan) return error(404, `cube ${workflow}/${task}/${cube} not found in run ${slug}`, request);
			const pageText = request.query.get('page') ?? '1';
			if (!/^\d{1,9}$/.test(pageText) || Number(pageText) < 1) return error(400, `invalid value for page: "${pageText}"`, request, {field: 'page'});
			const log = {...plan.log, odd: plan.log.odd && context.oddities('sourcecraft')};
			const page = logPage(plan, logAt(log, request.now), Number(pageText));
			if (!page) return error(404, `log page ${pageText} is not available`, request);
			return json(200, page);
		}),
		route('GET', '/repos/:org/:repo/cicd/artifacts/:run/:workflow/:task/:cube', (request, [org = '', repo = '', slug = '', workflow = '', task = '', cube = '']) => {
			const found = findRun(bySlug(org, repo), slug, request);
			if (!found.ok) return found.response;
			const plan = findCube(found.plan, workflow, task, cube);
			if (!plan) return error(404, `cube ${workflow}/${task}/${cube} not found in run ${slug}`, request);
			return json(200, {artifacts: renderArtifacts(plan, workflow, task, render(found.world, found.plan, request.now))});
		}),
	];

	function download(request: SimRequest): SimResponse {
		const key = request.path.split('/')[2] ?? '';
		const expires = Number(request.query.get('expires'));
		if (request.query.get('signature') !== hexOf(16, context.seed, key, expires)) return error(403, 'invalid download signature', request);
		if (request.now > expires * 1000) return error(403, 'download URL has expired: ask for the artifacts again', request);
		const [, , , , , path] = JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as unknown[];
		return text(200, `simulated artifact ${String(path)}\n`, {'content-type': 'application/octet-stream'});
	}

	return {
		provider: 'sourcecraft',
		error,
		async handle(request) {
			if (request.method === 'GET' && request.path.startsWith('/_artifacts/')) return download(request);
			if (request.token === null) return error(401, 'authentication required: send Authorization: Bearer <token>', request);
			if (request.token !== context.tokens.sourcecraft) return error(401, 'invalid or expired token', request);
			const found = findRoute(routes, request);
			if (!found) return error(404, `no such endpoint: ${request.method} ${request.path.split('?')[0] ?? ''}`, request);
			return found.route.handler(request, found.params);
		},
	};
}
