import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {NORTHFLANK_NO_LOGS} from '../../source/providers/capabilities.js';
import type {RateLimitInfo} from '../../source/providers/types.js';
import {failure, flatten, startSim, type Sim} from './sim-helpers.js';

let env: Sim;

beforeEach(async () => {
	env = await startSim({historySize: 130});
});

afterEach(async () => {
	await env.sim.stop();
});

describe('Northflank list runs', () => {
	it('follows the URL-encoded cursor while hasNextPage: every run once, newest first', async () => {
		const start = env.sim.requestCount('northflank');
		const runs = await env.client('shop-release').listRuns({maxPages: 5});
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs('shop-release').map((run) => run.id));
		expect(env.sim.requestCount('northflank') - start).toBe(2);
	});

	it('loses and repeats nothing when runs arrive between pages', async () => {
		const before = env.sim.world.runs('shop-staging').map((run) => run.id);
		let answers = 0;
		const client = env.client('shop-staging', {
			onRateLimit: () => {
				if (++answers === 1) env.sim.world.addRun('shop-staging', {name: 'Arrived late'});
			},
		});
		const ids = (await client.listRuns()).map((run) => run.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of before) expect(ids).toContain(id);
	});

	it('uses the team path for team tokens', async () => {
		const runs = await env.client('shop-release', undefined, {teamId: 'acme'}).listRuns({maxPages: 1});
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs('shop-release').slice(0, 100).map((run) => run.id));
		const error = await failure(env.client('shop-release', undefined, {teamId: 'other'}).listRuns());
		expect(error).toMatchObject({kind: 'not_found', endpoint: 'GET /v1/teams/{teamId}/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs'});
	});

	it('reports the rate-limit headers of every answer', async () => {
		const seen: RateLimitInfo[] = [];
		await env.client('shop-release', {onRateLimit: (info) => seen.push(info)}).listRuns();
		expect(seen).toHaveLength(2);
		expect(seen[0]).toMatchObject({limit: 1000, retryAfterMs: null, observedAt: env.clock.now()});
		expect(seen[1]!.remaining).toBe(seen[0]!.remaining! - 1);
		expect(seen[0]!.resetAt).toBeGreaterThan(env.clock.now());
	});
});

describe('Northflank one run', () => {
	it('has the spec node tree with statuses, errors and nesting', async () => {
		const failed = env.sim.world.runs('shop-release').find((run) => run.status === 'failed')!;
		const run = await env.client('shop-release').getRun(failed.id);
		expect(run).toMatchObject({id: failed.id, status: 'failed'});
		const nodes = flatten(run.children ?? []);
		expect(nodes.length).toBeGreaterThan(3);
		expect(nodes.some((node) => node.children.length > 0)).toBe(true);
		const broken = nodes.filter((node) => node.status === 'failed');
		expect(broken.length).toBeGreaterThan(0);
		expect(broken.some((node) => node.errors.length > 0)).toBe(true);
		for (const node of nodes) expect(node.log).toBeNull();
	});

	it('shows a run waiting for approval as running, flagged', async () => {
		const added = env.sim.world.addRun('shop-release', {name: 'Needs approval'});
		const client = env.client('shop-release');
		let waiting;
		for (let step = 0; step < 120 && !waiting; step++) {
			const run = await client.getRun(added.id);
			waiting = flatten(run.children ?? []).find((node) => node.flags.awaitingApproval);
			if (!waiting) env.clock.advance(5_000);
		}
		expect(waiting).toMatchObject({status: 'running', providerStatus: 'approval_wait'});
	});

	it('has no logs: capability off with the reason, and readLog says so', async () => {
		const client = env.client('shop-release');
		expect(client.capabilities).toMatchObject({logs: false, reasons: {logs: NORTHFLANK_NO_LOGS}});
		const error = await failure(client.readLog({path: ['x']}, null));
		expect(error.kind).toBe('unsupported');
		expect(error.message).toContain(NORTHFLANK_NO_LOGS);
	});
});

describe('Northflank trigger and abort', () => {
	it('starts runs whether or not the reply carries the new id', async () => {
		const client = env.client('shop-staging');
		const first = await client.trigger({name: 'Hotfix one', description: 'first', inputs: [{key: 'version', value: '1.2.3'}]});
		const second = await client.trigger({name: 'Hotfix two'});
		expect(first).toMatchObject({label: 'Hotfix one', title: 'first'});
		expect(second.label).toBe('Hotfix two');
		expect(second.id).not.toBe(first.id);
		const listed = env.sim.world.runs('shop-staging').map((run) => run.id);
		expect(listed.slice(0, 2)).toEqual([second.id, first.id]);
	});

	it('deploys the branch given per ref: the run that starts shows it', async () => {
		const client = env.client('shop-release');
		await client.trigger({refs: [{ref: 'api', branch: 'release/2.9'}], inputs: [{key: 'imageTag', value: 'v2.9.0'}]});
		const [newest] = env.sim.world.runs('shop-release');
		expect(await client.getRun(newest!.id)).toMatchObject({branch: 'release/2.9', commit: expect.stringMatching(/^[0-9a-f]{40}$/), inputs: {imageTag: 'v2.9.0'}});
	});

	it('checks the name rule and the description length before sending', async () => {
		const client = env.client('shop-staging');
		const start = env.sim.requestCount('northflank');
		for (const name of ['ab', '1abc', 'double  space', 'x'.repeat(40), 'trailing-']) {
			expect((await failure(client.trigger({name}))).kind).toBe('invalid_request');
		}
		expect((await failure(client.trigger({description: 'd'.repeat(201)}))).kind).toBe('invalid_request');
		expect(env.sim.requestCount('northflank')).toBe(start);
		await expect(client.trigger({name: 'Abc', description: 'd'.repeat(200)})).resolves.toMatchObject({label: 'Abc'});
	});

	it('aborts a running run: aborting first, aborted once the flow stops', async () => {
		const added = env.sim.world.addRun('shop-release', {name: 'Abort me'});
		const client = env.client('shop-release');
		const run = await client.abort(added.id);
		expect(run).toMatchObject({id: added.id, status: 'running', providerStatus: 'aborting', flags: {canceling: true}});
		env.clock.advance(10_000);
		expect((await client.getRun(added.id)).status).toBe('canceled');
	});
});
