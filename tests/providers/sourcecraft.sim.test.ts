import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {SOURCECRAFT_NO_ABORT} from '../../source/providers/capabilities.js';
import type {SourceCraftSpec} from '../../source/providers/types.js';
import {failure, flatten, readWholeLog, startProxy, startSim, type Proxy, type Sim} from './sim-helpers.js';

let env: Sim;
let proxy: Proxy | null = null;

beforeEach(async () => {
	env = await startSim({historySize: 130});
});

afterEach(async () => {
	await proxy?.stop();
	proxy = null;
	await env.sim.stop();
});

describe('SourceCraft list runs', () => {
	it('follows next_page_token across many pages: every run once, newest first', async () => {
		const runs = await env.client('acme/api').listRuns({maxPages: 10});
		const expected = env.sim.world.runs('acme/api');
		expect(runs.map((run) => run.id)).toEqual(expected.map((run) => run.id));
		expect(runs.map((run) => run.status)).toEqual(expected.map((run) => run.status));
		expect(runs[0]).toMatchObject({source: 'acme/api', provider: 'sourcecraft', label: `#${expected[0]?.id}`});
	});

	it('loses and repeats nothing when runs arrive between pages', async () => {
		const before = env.sim.world.runs('acme/web').map((run) => run.id);
		let answers = 0;
		const client = env.client('acme/web', {
			onRateLimit: () => {
				answers++;
				if (answers <= 2) env.sim.world.addRun('acme/web', {branch: `feat/arrived-${answers}`});
			},
		});
		const ids = (await client.listRuns({maxPages: 10})).map((run) => run.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of before) expect(ids).toContain(id);
	});

	it('reads no more than maxPages pages', async () => {
		const start = env.sim.requestCount('sourcecraft');
		const runs = await env.client('acme/api').listRuns({maxPages: 2});
		expect(env.sim.requestCount('sourcecraft') - start).toBe(2);
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.length).toBeLessThan(130);
	});

	it('lists a repository by id, the colon kept literal', async () => {
		const spec = env.spec('acme/infra') as SourceCraftSpec;
		expect(spec.repoId).toBeTruthy();
		const runs = await env.client('acme/infra').listRuns({maxPages: 10});
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs('acme/infra').map((run) => run.id));
	});
});

describe('SourceCraft one run', () => {
	it('has the whole tree: workflows, tasks, cubes, artifacts, needs and log references', async () => {
		const client = env.client('acme/api');
		const newest = env.sim.world.runs('acme/api').find((run) => run.concluded && run.status === 'success');
		expect(newest).toBeDefined();
		const run = await client.getRun(newest!.id);
		expect(run).toMatchObject({id: newest!.id, status: 'success'});
		const nodes = flatten(run.children ?? []);
		const kinds = new Set(nodes.map((node) => node.kind));
		expect([...kinds].sort()).toEqual(['artifact', 'cube', 'task', 'workflow']);
		const test = nodes.find((node) => node.id === 'build/test');
		expect(test).toMatchObject({kind: 'task', needs: ['compile']});
		const tsc = nodes.find((node) => node.id === 'build/compile/tsc');
		expect(tsc?.log).toEqual({path: [newest!.id, 'build', 'compile', 'tsc']});
		const artifact = tsc?.children[0];
		expect(artifact).toMatchObject({kind: 'artifact', title: 'dist/app.tgz', artifact: {path: 'dist/app.tgz', status: 'success'}});
		expect(artifact?.artifact?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sourcecraft\/_artifacts\//);
	});

	it('asks for each workflow whose tasks the run answer left out', async () => {
		const target = env.sim.world.runs('acme/api').find((run) => run.concluded)!;
		const runPath = `/sourcecraft/repos/acme/api/cicd/runs/${target.id}`;
		proxy = await startProxy(env.sim.url, () => null, (path, body) => {
			if (path !== runPath) return body;
			const run = body as {workflows: Record<string, unknown>[]};
			return {...run, workflows: run.workflows.map(({tasks: _tasks, ...workflow}) => workflow)};
		});
		const client = env.client('acme/api', undefined, {baseUrl: `${proxy.url}/sourcecraft`});
		const run = await client.getRun(target.id);
		const direct = await env.client('acme/api').getRun(target.id);
		const workflowPaths = (direct.children ?? []).map((workflow) => `${runPath}/${workflow.id}`);
		expect(workflowPaths.length).toBeGreaterThan(0);
		expect(proxy.requests.map((request) => request.path).sort()).toEqual([runPath, ...workflowPaths].sort());
		expect(run.children).toEqual(direct.children);
		expect(flatten(run.children ?? []).filter((node) => node.kind === 'cube').length).toBeGreaterThan(2);
	});

	it('finds a run of a repository known only by id in its list', async () => {
		const target = env.sim.world.runs('acme/infra')[25]!;
		const run = await env.client('acme/infra').getRun(target.id);
		expect(run).toMatchObject({id: target.id, status: target.status});
		expect(run.children?.length).toBeGreaterThan(0);
	});

	it('reports a missing run as not_found with the provider message and request id', async () => {
		const error = await failure(env.client('acme/api').getRun('999999999'));
		expect(error).toMatchObject({kind: 'not_found', status: 404, endpoint: 'GET /repos/{org}/{repo}/cicd/runs/{run}', source: 'acme/api'});
		expect(error.providerMessage).toContain('not found');
		expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(error.message).toMatch(/^acme\/api: not found \(404\)/);
	});
});

describe('SourceCraft logs', () => {
	it('reads a running cube page by page to its end: the same lines as one read afterwards', async () => {
		const client = env.client('acme/api');
		const added = env.sim.world.addRun('acme/api', {branch: 'main'});
		// A new run has no workflows until it is prepared.
		let cube;
		for (let step = 0; step < 30 && !cube; step++) {
			cube = flatten((await client.getRun(added.id)).children ?? []).find((node) => node.id === 'build/compile/tsc');
			if (!cube) env.clock.advance(1_000);
		}
		expect(cube?.log).toBeTruthy();
		const first = await client.readLog(cube!.log!, null);
		expect(first.done).toBe(false);
		const incremental = await readWholeLog(client, cube!.log!, env.clock);
		expect(incremental.reads).toBeGreaterThan(2);
		const once = await client.readLog(cube!.log!, null);
		expect(once.done).toBe(true);
		expect(incremental.lines).toEqual(once.lines);
		expect(once.lines.length).toBeGreaterThan(3);
	});

	it('has no log capability for a repository known only by id', async () => {
		const client = env.client('acme/infra');
		expect(client.capabilities.logs).toBe(false);
		expect((await failure(client.readLog({path: ['1', 'plan', 'plan', 'tf-plan']}, null))).kind).toBe('unsupported');
	});
});

describe('SourceCraft trigger and abort', () => {
	it('starts workflows on a branch with input values and resolves with the new run', async () => {
		const client = env.client('acme/api');
		const run = await client.trigger({workflows: ['build'], branch: 'feat/login', configRevision: {branch: 'main'}, shared: false, inputs: [{key: 'SKIP_E2E', value: '1'}]});
		const listed = env.sim.world.run('acme/api', run.id);
		expect(listed).toMatchObject({branch: 'feat/login'});
		expect(run).toMatchObject({source: 'acme/api', label: `#${run.id}`, event: 'manual'});
	});

	it('sends a tag or commit as config_revision and each workflow its own input values, which the server takes', async () => {
		proxy = await startProxy(env.sim.url, () => null);
		const client = env.client('acme/api', undefined, {baseUrl: `${proxy.url}/sourcecraft`});
		const run = await client.trigger({
			workflows: ['build', 'deploy'],
			tag: 'v2.0.0',
			configRevision: {commit: 'cd74a99'},
			inputs: [{key: 'build.SKIP_E2E', value: '1'}, {key: 'deploy.TARGET', value: 'prod'}],
		});
		expect(env.sim.world.run('acme/api', run.id)).toBeDefined();
		const sent = proxy.requests.find((request) => request.method === 'POST');
		expect(JSON.parse(sent?.body ?? '')).toEqual({
			head: {tag: 'v2.0.0'},
			config_revision: {commit: 'cd74a99'},
			workflows: [
				{name: 'build', values: [{name: 'SKIP_E2E', value: '1'}]},
				{name: 'deploy', values: [{name: 'TARGET', value: 'prod'}]},
			],
		});
	});

	it('refuses, before sending anything, an input value that does not say which of several workflows it is for', async () => {
		const start = env.sim.requestCount('sourcecraft');
		const error = await failure(env.client('acme/api').trigger({workflows: ['build', 'deploy'], inputs: [{key: 'SKIP_E2E', value: '1'}]}));
		expect(error.kind).toBe('invalid_request');
		expect(error.message).toContain('say which workflow it is for, as WORKFLOW.SKIP_E2E=VALUE (workflows: build, deploy)');
		expect(env.sim.requestCount('sourcecraft')).toBe(start);
	});

	it('starts a run by repository id', async () => {
		const run = await env.client('acme/infra').trigger({tag: 'v1.2.0'});
		expect(env.sim.world.run('acme/infra', run.id)).toBeDefined();
	});

	it('refuses two heads before sending anything', async () => {
		const start = env.sim.requestCount('sourcecraft');
		const error = await failure(env.client('acme/api').trigger({branch: 'main', commit: 'abc123'}));
		expect(error.kind).toBe('invalid_request');
		expect(env.sim.requestCount('sourcecraft')).toBe(start);
	});

	it('passes the server refusal of an unknown workflow through as invalid_request', async () => {
		const error = await failure(env.client('acme/api').trigger({workflows: ['nope']}));
		expect(error).toMatchObject({kind: 'invalid_request', status: 400});
		expect(error.providerMessage).toContain('nope');
	});

	it('falls back to the deprecated trigger when the new endpoint answers 404, and finds the new run', async () => {
		proxy = await startProxy(env.sim.url, (method, path) =>
			method === 'POST' && path === '/sourcecraft/repos/acme/api/cicd/runs'
				? {status: 404, body: {error_code: 'NOT_FOUND', message: 'no such endpoint', request_id: 'r-1', details: {}}}
				: null,
		);
		const client = env.client('acme/api', undefined, {baseUrl: `${proxy.url}/sourcecraft`});
		const newest = env.sim.world.runs('acme/api')[0]!;
		const run = await client.trigger({workflows: ['build', 'deploy'], branch: 'main'});
		const legacy = proxy.requests.filter((request) => request.path.includes('/ci_workflows/'));
		expect(legacy.map((request) => request.path)).toEqual(['/sourcecraft/acme/api/ci_workflows/build/trigger', '/sourcecraft/acme/api/ci_workflows/deploy/trigger']);
		expect(Number(run.id)).toBeGreaterThan(Number(newest.id));
		expect(env.sim.world.run('acme/api', run.id)).toBeDefined();
	});

	it.each([
		['with workflows', {workflows: ['build'], branch: 'main'}],
		['without workflows', {branch: 'main'}],
	])('says a mistyped repository is not found, %s, and never tries the deprecated trigger', async (_, request) => {
		proxy = await startProxy(env.sim.url, () => null);
		const client = env.client('acme/api', undefined, {baseUrl: `${proxy.url}/sourcecraft`, repo: 'apii'});
		const error = await failure(client.trigger(request));
		expect(error).toMatchObject({kind: 'not_found', status: 404});
		expect(error.message).toMatch(/^acme\/api: repository acme\/apii not found \(404\): repository not found \(request id [^)]+\) — check org and repo in the config, and that the token may see it$/);
		expect(proxy.requests.some((sent) => sent.path.includes('/ci_workflows/'))).toBe(false);
	});

	it('says a mistyped repository id is not found', async () => {
		const error = await failure(env.client('acme/infra', undefined, {repoId: 'no-such-repo'}).trigger({workflows: ['plan']}));
		expect(error.message).toMatch(/^acme\/infra: repository id:no-such-repo not found \(404\): repository not found \(request id [^)]+\) — check repoId in the config/);
	});

	it('falls back by repository id too', async () => {
		const spec = env.spec('acme/infra') as SourceCraftSpec;
		proxy = await startProxy(env.sim.url, (method, path) =>
			method === 'POST' && path === `/sourcecraft/repos/id:${spec.repoId}/cicd/runs` ? {status: 404, body: {error_code: 'NOT_FOUND', message: 'gone'}} : null,
		);
		const run = await env.client('acme/infra', undefined, {baseUrl: `${proxy.url}/sourcecraft`}).trigger({workflows: ['plan'], tag: 'v2.0.0'});
		expect(proxy.requests.some((request) => request.path === `/sourcecraft/repos/id:${spec.repoId}/ci_workflows/plan/trigger`)).toBe(true);
		expect(env.sim.world.run('acme/infra', run.id)).toMatchObject({branch: 'v2.0.0'});
	});

	it('has no abort: rejects with unsupported and says why', async () => {
		const client = env.client('acme/api');
		expect(client.capabilities).toMatchObject({abort: false, reasons: {abort: SOURCECRAFT_NO_ABORT}});
		const error = await failure(client.abort(env.sim.world.runs('acme/api')[0]!.id));
		expect(error.kind).toBe('unsupported');
		expect(error.message).toContain('SourceCraft has no way to cancel a run');
	});
});
