import {describe, expect, it} from 'vitest';
import {call, control, startTestSim} from './helpers.js';

const PATHS = {
	sourcecraft: '/repos/acme/api/cicd/runs?page_size=2',
	wercker: '/api/v3/runs?pipelineId=5751377e7e1bd5f17f050bc3&limit=2',
	northflank: '/v1/projects/shop/pipelines/main/release-flows/release/runs?per_page=2',
} as const;

describe('faults', () => {
	it('delays answers by the given latency, for the next N requests only', async () => {
		const {sim} = await startTestSim();
		sim.setFault('sourcecraft', {kind: 'latency', ms: 600, count: 1});
		let started = performance.now();
		expect((await call(sim, 'sourcecraft', PATHS.sourcecraft)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(590);
		started = performance.now();
		await call(sim, 'sourcecraft', PATHS.sourcecraft);
		expect(performance.now() - started).toBeLessThan(590);
	});

	it('answers error statuses with each provider’s own error body and Retry-After', async () => {
		const {sim, clock} = await startTestSim();
		sim.setFault('all', {kind: 'status', status: 503, retryAfterSec: 7});
		const sc = await call(sim, 'sourcecraft', PATHS.sourcecraft);
		expect(sc.status).toBe(503);
		expect(sc.body).toEqual({error_code: 'UNAVAILABLE', message: expect.any(String), request_id: expect.any(String), details: {}});
		expect(sc.headers.get('retry-after')).toBe('7');
		const wk = await call(sim, 'wercker', PATHS.wercker);
		expect(wk.body).toEqual({statusCode: 503, error: 'Service Unavailable', message: expect.any(String)});
		const nf = await call(sim, 'northflank', PATHS.northflank);
		expect(nf.body).toEqual({error: {status: 503, message: expect.any(String), id: expect.any(String), details: {}}});
		expect(nf.headers.get('x-ratelimit-limit')).toBe('1000');

		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: date});
		const limited = await call(sim, 'northflank', PATHS.northflank);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe(date);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		// Nothing left until the Retry-After, not until the end of the hour.
		sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: new Date(clock.now() + 90_000).toUTCString()});
		expect((await call(sim, 'northflank', PATHS.northflank)).headers.get('x-ratelimit-reset')).toBe('90');
		sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: 60, count: 1});
		const burst = await call(sim, 'northflank', PATHS.northflank);
		expect([burst.headers.get('retry-after'), burst.headers.get('x-ratelimit-remaining'), burst.headers.get('x-ratelimit-reset')]).toEqual(['60', '0', '60']);
		const after = await call(sim, 'northflank', PATHS.northflank);
		expect(after.status).toBe(200);
		expect(Number(after.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
		sim.setFault('wercker', {kind: 'status', status: 429});
		expect((await call(sim, 'wercker', PATHS.wercker)).headers.get('retry-after')).toBe('30');
		sim.setFault('all', {kind: 'status', status: 500});
		const failed = await call(sim, 'sourcecraft', PATHS.sourcecraft);
		expect(failed.status).toBe(500);
		expect(failed.body.error_code).toBe('INTERNAL');
		sim.setFault('all', null);
		expect((await call(sim, 'sourcecraft', PATHS.sourcecraft)).status).toBe(200);
	});

	it('sends broken JSON with a 200 for malformed', async () => {
		const {sim} = await startTestSim();
		sim.setFault('wercker', {kind: 'malformed', count: 2});
		for (let index = 0; index < 2; index++) {
			const answer = await call(sim, 'wercker', PATHS.wercker);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('content-type')).toMatch(/application\/json/);
			expect(answer.text.length).toBeGreaterThan(0);
			expect(() => JSON.parse(answer.text)).toThrow();
		}
		expect(Array.isArray((await call(sim, 'wercker', PATHS.wercker)).body)).toBe(true);
	});

	it('cuts the connection mid-answer for drop', async () => {
		const {sim} = await startTestSim();
		sim.setFault('northflank', {kind: 'drop', count: 1});
		await expect(call(sim, 'northflank', PATHS.northflank)).rejects.toThrow();
		expect((await call(sim, 'northflank', PATHS.northflank)).status).toBe(200);
	});

	it('counts answered requests per provider', async () => {
		const {sim} = await startTestSim();
		await call(sim, 'sourcecraft', PATHS.sourcecraft);
		await call(sim, 'sourcecraft', PATHS.sourcecraft, {token: null});
		await call(sim, 'northflank', PATHS.northflank);
		await control(sim, 'GET', '/_sim/state');
		expect(sim.requestCount('sourcecraft')).toBe(2);
		expect(sim.requestCount('northflank')).toBe(1);
		expect(sim.requestCount('wercker')).toBe(0);
		expect(sim.requestCount()).toBe(3);
	});
});

describe('control endpoint', () => {
	it('reports state: sources, runs, faults, oddities and request counts', async () => {
		const {sim} = await startTestSim();
		await call(sim, 'wercker', PATHS.wercker);
		const {status, body} = await control(sim, 'GET', '/_sim/state');
		expect(status).toBe(200);
		expect(body.url).toBe(sim.url);
		expect(body.sources.map((source: any) => source.name)).toEqual(['acme/api', 'acme/web', 'acme/infra', 'build', 'deploy', 'shop', 'shop-release', 'shop-staging']);
		expect(body.sources[0]).toMatchObject({provider: 'sourcecraft', runs: 60, active: expect.any(Number)});
		expect(body.faults).toEqual({sourcecraft: null, wercker: null, northflank: null});
		expect(body.requests).toMatchObject({total: 1, wercker: 1});
	});

	it('sets and clears faults over HTTP', async () => {
		const {sim} = await startTestSim();
		const set = await control(sim, 'POST', '/_sim/faults', {provider: 'wercker', kind: 'status', status: 502, count: 1});
		expect(set.status).toBe(200);
		expect(set.body.faults.wercker).toMatchObject({kind: 'status', status: 502, remaining: 1});
		expect((await call(sim, 'wercker', PATHS.wercker)).status).toBe(502);
		expect((await call(sim, 'wercker', PATHS.wercker)).status).toBe(200);
		await control(sim, 'POST', '/_sim/faults', {provider: 'all', kind: 'malformed'});
		expect((await control(sim, 'DELETE', '/_sim/faults')).body.faults).toEqual({sourcecraft: null, wercker: null, northflank: null});
		expect((await call(sim, 'sourcecraft', PATHS.sourcecraft)).status).toBe(200);
		for (const bad of [{provider: 'github', kind: 'drop'}, {provider: 'all', kind: 'status', status: 418}, {provider: 'all', kind: 'latency'}, {provider: 'all', kind: 'drop', count: 0}]) {
			expect((await control(sim, 'POST', '/_sim/faults', bad)).status, JSON.stringify(bad)).toBe(400);
		}
	});

	it('lists the writes the providers answered, bodies as sent and no token, reads left out', async () => {
		const {sim} = await startTestSim();
		await call(sim, 'wercker', PATHS.wercker);
		const body = {pipelineId: '5751377e7e1bd5f17f050bc3', branch: 'main', envVars: [{key: 'A', value: '1'}]};
		const started = await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body});
		await call(sim, 'northflank', '/v1/projects/shop/pipelines/main/release-flows/release/runs', {method: 'POST', body: {arguments: 7}});
		const {status, body: answer, text} = await control(sim, 'GET', '/_sim/requests');
		expect(status).toBe(200);
		expect(answer.requests).toEqual([
			{provider: 'wercker', method: 'POST', path: '/api/v3/runs', status: started.status, body, at: expect.any(String)},
			{provider: 'northflank', method: 'POST', path: '/v1/projects/shop/pipelines/main/release-flows/release/runs', status: 400, body: {arguments: 7}, at: expect.any(String)},
		]);
		for (const token of Object.values(sim.tokens)) expect(text).not.toContain(token);
	});

	it('switches oddities and starts runs over HTTP', async () => {
		const {sim} = await startTestSim();
		const odd = await control(sim, 'POST', '/_sim/oddities', {provider: 'northflank', on: true});
		expect(odd.body.oddities).toEqual({sourcecraft: false, wercker: false, northflank: true});
		const started = await control(sim, 'POST', '/_sim/runs', {source: 'acme/api'});
		expect(started.status).toBe(201);
		expect(started.body).toMatchObject({source: 'acme/api', provider: 'sourcecraft', status: 'queued'});
		expect((await call(sim, 'sourcecraft', PATHS.sourcecraft)).body.runs[0].slug).toBe(started.body.id);
		const deploy = await control(sim, 'POST', '/_sim/runs', {source: 'shop-release', outcome: 'failed', durationSec: 30, name: 'Hotfix 3'});
		expect(deploy.status).toBe(201);
		expect((await control(sim, 'POST', '/_sim/runs', {source: 'nope'})).status).toBe(404);
		expect((await control(sim, 'POST', '/_sim/runs', {source: 'acme/api', outcome: 'maybe'})).status).toBe(400);
		expect((await control(sim, 'GET', '/_sim/nothing')).status).toBe(404);
	});
});
