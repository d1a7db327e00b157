import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {failure, readWholeLog, startSim, type Sim} from './sim-helpers.js';

let env: Sim;

beforeEach(async () => {
	env = await startSim({historySize: 130});
});

afterEach(async () => {
	await env.sim.stop();
});

describe('Wercker list runs', () => {
	it('pages with limit and skip until a short page: every run once, newest first', async () => {
		const start = env.sim.requestCount('wercker');
		const runs = await env.client('build').listRuns({maxPages: 10});
		const expected = env.sim.world.runs('build');
		expect(runs.map((run) => run.id)).toEqual(expected.map((run) => run.id));
		expect(runs.map((run) => run.branch)).toEqual(expected.map((run) => run.branch));
		// 130 runs: six full pages and a short seventh.
		expect(env.sim.requestCount('wercker') - start).toBe(7);
	});

	it('drops the repeats that new runs cause by shifting the offsets', async () => {
		const before = env.sim.world.runs('build').map((run) => run.id);
		let answers = 0;
		const client = env.client('build', {
			onRateLimit: () => {
				answers++;
				if (answers <= 3) env.sim.world.addRun('build', {branch: `feat/arrived-${answers}`});
			},
		});
		const ids = (await client.listRuns({maxPages: 10})).map((run) => run.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of before) expect(ids).toContain(id);
	});

	it('lists an application: the runs of all its pipelines, merged', async () => {
		const runs = await env.client('shop').listRuns({maxPages: 2});
		expect(runs).toHaveLength(40);
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs('shop').slice(0, 40).map((run) => run.id));
	});

	it('names the pipeline of each run an application mixes', async () => {
		const runs = await env.client('shop').listRuns({maxPages: 2});
		const built = new Set(env.sim.world.runs('build').map((run) => run.id));
		const deployed = new Set(env.sim.world.runs('deploy').map((run) => run.id));
		for (const run of runs) expect(run.pipeline).toBe(built.has(run.id) ? 'build' : deployed.has(run.id) ? 'initial-build' : 'neither');
		expect(new Set(runs.map((run) => run.pipeline))).toEqual(new Set(['build', 'initial-build']));
		const one = await env.client('shop').getRun(runs[0]!.id);
		expect(one.pipeline).toBe(runs[0]!.pipeline);
	});

	it('reads a public pipeline without a token; a private one asks for a token', async () => {
		const runs = await env.client('deploy', undefined, {token: null}).listRuns({maxPages: 1});
		expect(runs.length).toBe(20);
		const error = await failure(env.client('build', undefined, {token: null}).listRuns());
		expect(error).toMatchObject({kind: 'auth', status: 401, providerMessage: 'Missing authentication'});
		expect(error.message).toMatch(/^build: a token is needed \(401\): Missing authentication \(request id [0-9a-f-]+\) — set WERCKER_TOKEN or tokenEnv in the config$/);
	});
});

describe('Wercker one run', () => {
	it('has its steps in order, with status, dates and log references', async () => {
		const target = env.sim.world.runs('build').find((run) => run.concluded && run.status === 'success')!;
		const run = await env.client('build').getRun(target.id);
		expect(run).toMatchObject({id: target.id, status: 'success', branch: target.branch, commit: target.commit, user: target.user});
		expect(run.children?.map((step) => step.title)).toEqual(['get code', 'setup environment', 'npm install', 'npm test', 'store']);
		expect(run.children?.map((step) => step.order)).toEqual([1, 2, 3, 4, 5]);
		for (const step of run.children ?? []) {
			expect(step.status).toBe('success');
			expect(step.startedAt).not.toBeNull();
			expect(step.log?.path).toEqual([step.id, target.id]);
		}
	});

	it('reads a running step log to its end: the same lines as one read afterwards', async () => {
		const client = env.client('build');
		const added = env.sim.world.addRun('build', {branch: 'main'});
		const run = await client.getRun(added.id);
		const step = run.children?.[0];
		expect(step?.log).toBeTruthy();
		const incremental = await readWholeLog(client, step!.log!, env.clock, 500);
		expect(incremental.reads).toBeGreaterThan(2);
		const once = await client.readLog(step!.log!, null);
		expect(once).toMatchObject({done: true, partial: ''});
		expect(incremental.lines).toEqual(once.lines);
	});
});

describe('Wercker trigger and abort', () => {
	it('starts a run with branch, commit, message and environment variables', async () => {
		const run = await env.client('build').trigger({
			branch: 'release/2.3',
			commit: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
			message: 'Ship it',
			inputs: [{key: 'A', value: '1'}, {key: 'B', value: '$A-2'}],
		});
		expect(run).toMatchObject({status: 'queued', branch: 'release/2.3', commit: 'cd74a9994712960f19b4b563491f860f98fa7bb5', title: 'Ship it'});
		expect(run.createdAt).toBe(env.clock.now());
		expect(env.sim.world.run('build', run.id)).toMatchObject({branch: 'release/2.3'});
	});

	it('chains a deploy to a build run: the new run takes the build as its source run', async () => {
		const build = env.sim.world.runs('build').find((run) => run.concluded)!;
		const run = await env.client('deploy').trigger({sourceRun: build.id});
		const answer = await fetch(`${env.sim.baseUrls.wercker}/api/v3/runs/${run.id}`, {headers: {authorization: `Bearer ${env.sim.tokens.wercker}`}});
		expect(((await answer.json()) as {sourceRun?: unknown}).sourceRun).toBe(build.id);
	});

	it('refuses a commit without its branch before sending anything', async () => {
		const start = env.sim.requestCount('wercker');
		const error = await failure(env.client('build').trigger({commit: 'cd74a99'}));
		expect(error.kind).toBe('invalid_request');
		expect(error.message).toContain('a commit needs its branch');
		expect(env.sim.requestCount('wercker')).toBe(start);
	});

	it('cannot trigger an application source: capability off, with the reason', async () => {
		const client = env.client('shop');
		expect(client.capabilities.trigger).toBe(false);
		expect(client.capabilities.reasons.trigger).toContain('pipelineId');
		expect((await failure(client.trigger({branch: 'main'}))).kind).toBe('invalid_request');
	});

	it('aborts a running run and resolves with it canceled', async () => {
		const added = env.sim.world.addRun('deploy', {branch: 'main'});
		const run = await env.client('deploy').abort(added.id);
		expect(run).toMatchObject({id: added.id, status: 'canceled', providerStatus: 'finished/aborted'});
		expect(env.sim.world.run('deploy', added.id)?.status).toBe('canceled');
	});

	it('reports an abort of a finished run as the server refusal', async () => {
		const done = env.sim.world.runs('deploy').find((run) => run.concluded)!;
		const error = await failure(env.client('deploy').abort(done.id));
		expect(error).toMatchObject({kind: 'invalid_request', status: 409, endpoint: 'PUT /api/v3/runs/{runId}/abort'});
		expect(error.providerMessage).toContain('already finished');
	});
});
