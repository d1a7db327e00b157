import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {RateLimitInfo} from '../../source/providers/types.js';
import {FAST, failure, startSim, type Sim} from './sim-helpers.js';

let env: Sim;

beforeEach(async () => {
	env = await startSim();
});

afterEach(async () => {
	await env.sim.stop();
});

function requestsDuring(provider: 'sourcecraft' | 'wercker' | 'northflank') {
	const start = env.sim.requestCount(provider);
	return () => env.sim.requestCount(provider) - start;
}

describe('retries of reads', () => {
	it('waits out a 429 with Retry-After, then succeeds', async () => {
		env.sim.setFault('wercker', {kind: 'status', status: 429, retryAfterSec: 1, count: 1});
		const seen: RateLimitInfo[] = [];
		const count = requestsDuring('wercker');
		const started = Date.now();
		const runs = await env.client('build', {...FAST, onRateLimit: (info) => seen.push(info)}).listRuns({maxPages: 1});
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(runs).toHaveLength(20);
		expect(count()).toBe(2);
		expect(seen[0]?.retryAfterMs).toBe(1_000);
		expect(seen[1]?.retryAfterMs).toBeNull();
	});

	it('rides out a short 502 burst', async () => {
		env.sim.setFault('sourcecraft', {kind: 'status', status: 502, count: 2});
		const count = requestsDuring('sourcecraft');
		const runs = await env.client('acme/api').listRuns({maxPages: 1});
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs('acme/api').map((run) => run.id));
		expect(count()).toBe(3);
	});

	it('ends a 503 storm with a clear server error after the retry budget', async () => {
		env.sim.setFault('sourcecraft', {kind: 'status', status: 503});
		const count = requestsDuring('sourcecraft');
		const error = await failure(env.client('acme/api', {...FAST, retries: 3}).listRuns({maxPages: 1}));
		expect(count()).toBe(4);
		expect(error).toMatchObject({kind: 'server', status: 503, endpoint: 'GET /repos/{org}/{repo}/cicd/runs', source: 'acme/api'});
		expect(error.providerMessage).toContain('try again later');
		expect(error.requestId).toBeTruthy();
		expect(error.message).toMatch(/^acme\/api: the server failed \(503\) on GET \/repos\/\{org\}\/\{repo\}\/cicd\/runs after 4 attempts/);
	});

	it('gives up at once when Retry-After is beyond the cap, reporting how long to wait', async () => {
		env.sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: 120});
		const count = requestsDuring('northflank');
		const error = await failure(env.client('shop-release', {...FAST, maxRetryAfterMs: 60_000}).listRuns());
		expect(count()).toBe(1);
		expect(error).toMatchObject({kind: 'rate_limited', status: 429, retryAfterMs: 120_000});
		expect(error.message).toContain('retry in 120s');
	});

	it('gives up when Retry-After would pass the total bound of the call', async () => {
		env.sim.setFault('wercker', {kind: 'status', status: 429, retryAfterSec: 5});
		const started = Date.now();
		const error = await failure(env.client('build', {...FAST, totalTimeoutMs: 2_000}).listRuns());
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(error).toMatchObject({kind: 'rate_limited', retryAfterMs: 5_000});
	});

	it('reports Northflank running out of its hourly budget as rate_limited', async () => {
		await env.sim.stop();
		env = await startSim({rateLimitPerHour: 2});
		const seen: RateLimitInfo[] = [];
		const client = env.client('shop-release', {...FAST, onRateLimit: (info) => seen.push(info)});
		await client.listRuns();
		await client.listRuns();
		const error = await failure(client.listRuns());
		expect(error.kind).toBe('rate_limited');
		expect(error.retryAfterMs).toBeGreaterThan(60_000);
		expect(seen.at(-1)).toMatchObject({limit: 2, remaining: 0});
	});
});

describe('broken answers', () => {
	it('turns malformed JSON into bad_response naming the endpoint, without retrying', async () => {
		env.sim.setFault('northflank', {kind: 'malformed'});
		const count = requestsDuring('northflank');
		const error = await failure(env.client('shop-release').listRuns());
		expect(error).toMatchObject({kind: 'bad_response', endpoint: 'GET /v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs'});
		expect(error.message).toContain('not JSON');
		expect(count()).toBe(1);
	});

	it('turns a JSON answer of the wrong shape into bad_response', async () => {
		env.sim.setFault('wercker', {kind: 'malformed', count: 1});
		const error = await failure(env.client('build', {...FAST, retries: 0}).getRun(env.sim.world.runs('build')[0]!.id));
		expect(error.kind).toBe('bad_response');
	});

	it('reports a dropped connection as a network error after retrying', async () => {
		env.sim.setFault('wercker', {kind: 'drop'});
		const count = requestsDuring('wercker');
		const error = await failure(env.client('build', {...FAST, retries: 2}).listRuns());
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^build: could not reach 127\.0\.0\.1:\d+ \(E[A-Z_]+\)/);
		expect(count()).toBe(3);
	});

	it('times out an answer slower than the attempt timeout', async () => {
		env.sim.setFault('sourcecraft', {kind: 'latency', ms: 1_500});
		const started = Date.now();
		const error = await failure(env.client('acme/api', {...FAST, attemptTimeoutMs: 300, retries: 0}).listRuns());
		expect(Date.now() - started).toBeLessThan(1_200);
		expect(error).toMatchObject({kind: 'timeout', status: null});
		expect(error.message).toContain('within 300ms');
	});

	it('bounds a whole call, retries included, by the total timeout', async () => {
		env.sim.setFault('sourcecraft', {kind: 'latency', ms: 2_000});
		const started = Date.now();
		const error = await failure(env.client('acme/api', {...FAST, attemptTimeoutMs: 400, totalTimeoutMs: 1_000, retries: 5}).listRuns());
		expect(Date.now() - started).toBeLessThan(1_600);
		expect(error.kind).toBe('timeout');
	});
});

describe('refusals and cancellation', () => {
	it('reports a wrong token as auth, naming the variable to check, for each provider', async () => {
		const cases = [
			['acme/api', 'SOURCECRAFT_TOKEN'],
			['build', 'WERCKER_TOKEN'],
			['shop-release', 'NORTHFLANK_API_TOKEN'],
		] as const;
		for (const [name, variable] of cases) {
			const error = await failure(env.client(name, FAST, {token: 'wrong-token-value'}).listRuns());
			expect(error).toMatchObject({kind: 'auth', status: 401, source: name});
			expect(error.message).toContain(`the token was refused (401)`);
			expect(error.message).toContain(`check ${variable} or tokenEnv in the config`);
		}
	});

	it('cancels promptly when the signal aborts, even mid-request', async () => {
		env.sim.setFault('wercker', {kind: 'latency', ms: 5_000});
		const controller = new AbortController();
		const started = Date.now();
		const pending = failure(env.client('build').listRuns({signal: controller.signal}));
		setTimeout(() => controller.abort(), 100);
		const error = await pending;
		expect(error.kind).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('cancels during a backoff wait, and before sending when already aborted', async () => {
		env.sim.setFault('wercker', {kind: 'status', status: 429, retryAfterSec: 3});
		const controller = new AbortController();
		const pending = failure(env.client('build').listRuns({signal: controller.signal}));
		setTimeout(() => controller.abort(), 150);
		expect((await pending).kind).toBe('canceled');
		const count = requestsDuring('wercker');
		expect((await failure(env.client('build').getRun('x', {signal: AbortSignal.abort()}))).kind).toBe('canceled');
		expect(count()).toBe(0);
	});
});

describe('writes are never retried', () => {
	it('reports a 503 on trigger after one request', async () => {
		env.sim.setFault('wercker', {kind: 'status', status: 503});
		const count = requestsDuring('wercker');
		const error = await failure(env.client('build').trigger({branch: 'main'}));
		expect(error).toMatchObject({kind: 'server', status: 503, endpoint: 'POST /api/v3/runs'});
		expect(count()).toBe(1);
	});

	it('reports a dropped connection on abort as a network error after one request', async () => {
		const added = env.sim.world.addRun('shop-release', {name: 'Keep going'});
		env.sim.setFault('northflank', {kind: 'drop'});
		const count = requestsDuring('northflank');
		const error = await failure(env.client('shop-release').abort(added.id));
		expect(error.kind).toBe('network');
		expect(count()).toBe(1);
	});

	it('reports a 429 on a write with its wait, after one request', async () => {
		env.sim.setFault('sourcecraft', {kind: 'status', status: 429, retryAfterSec: 2});
		const count = requestsDuring('sourcecraft');
		const error = await failure(env.client('acme/api').trigger({workflows: ['build']}));
		expect(error).toMatchObject({kind: 'rate_limited', retryAfterMs: 2_000});
		expect(count()).toBe(1);
	});
});
