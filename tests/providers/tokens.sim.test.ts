import {inspect} from 'node:util';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ProviderError} from '../../source/model/errors.js';
import {createSourceClient, type SourceClient} from '../../source/providers/index.js';
import {FAST, allText, failure, startProxy, startSim, type Proxy, type Sim} from './sim-helpers.js';

let env: Sim;
let proxy: Proxy | null = null;

beforeEach(async () => {
	env = await startSim();
});

afterEach(async () => {
	await proxy?.stop();
	proxy = null;
	await env.sim.stop();
});

/** Every way an error can be looked at: message, JSON, stack, inspection, fields, cause chain. */
function views(error: ProviderError): string[] {
	return [error.message, JSON.stringify(error), String(error.stack), inspect(error, {depth: 10, showHidden: true}), ...allText(error)];
}

function expectNoToken(errors: readonly ProviderError[], tokens: readonly string[]): void {
	for (const error of errors) {
		for (const text of views(error)) {
			for (const token of tokens) expect(text).not.toContain(token);
			expect(text.toLowerCase()).not.toContain('bearer ');
			expect(text.toLowerCase()).not.toContain('authorization');
		}
	}
}

describe('no token in any error', () => {
	it('finds no token in errors from every failure mode of every provider', async () => {
		const errors: ProviderError[] = [];
		const collect = async (promise: Promise<unknown>) => errors.push(await failure(promise));
		const quick = {...FAST, attemptTimeoutMs: 300, retries: 1};
		const clients: SourceClient[] = [env.client('acme/api', quick), env.client('build', quick), env.client('shop-release', quick)];
		const wrongToken = 'wrong-token-0123456789abcdef';
		for (const name of ['acme/api', 'build', 'shop-release']) await collect(env.client(name, FAST, {token: wrongToken}).listRuns());
		for (const client of clients) {
			await collect(client.getRun('999999999'));
			await collect(client.listRuns({signal: AbortSignal.abort()}));
		}
		await collect(env.client('acme/api').trigger({workflows: ['missing']}));
		await collect(env.client('acme/api').trigger({branch: 'a', tag: 'b'}));
		await collect(env.client('acme/api').abort('1'));
		await collect(env.client('shop-release').readLog({path: []}, null));
		const faults = [
			{kind: 'status', status: 503},
			{kind: 'status', status: 429, retryAfterSec: 600},
			{kind: 'malformed'},
			{kind: 'drop'},
			{kind: 'latency', ms: 600},
		] as const;
		for (const fault of faults) {
			env.sim.setFault('all', fault);
			await Promise.all([...clients.map((client) => collect(client.listRuns())), collect(env.client('build', quick).trigger({branch: 'main'}))]);
		}
		env.sim.setFault('all', null);
		const closed = createSourceClient({...env.spec('build'), baseUrl: 'http://127.0.0.1:9/wercker'} as never, FAST);
		await collect(closed.listRuns());
		expect(new Set(errors.map((error) => error.kind))).toEqual(
			new Set(['auth', 'not_found', 'canceled', 'invalid_request', 'unsupported', 'server', 'rate_limited', 'bad_response', 'network', 'timeout']),
		);
		expectNoToken(errors, [...Object.values(env.sim.tokens), wrongToken]);
	});

	it('removes the token even when a server sends it back in its error body', async () => {
		const {createServer} = await import('node:http');
		// A careless server that quotes the request's Authorization header back.
		const server = createServer((request, response) => {
			const echoed = request.headers.authorization ?? '';
			response.writeHead(request.url?.includes('forbidden') ? 403 : 500, {'content-type': 'application/json', 'x-request-id': echoed});
			response.end(JSON.stringify({error: {status: 500, message: `bad header: ${echoed}`, id: echoed}}));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : 0;
		try {
			const token = 'nf-echo-secret-9f8e7d6c5b4a';
			const client = createSourceClient(
				{provider: 'northflank', name: 'echo', baseUrl: `http://127.0.0.1:${port}`, projectId: 'p', pipelineId: 'forbidden', stage: 's', token},
				{...FAST, retries: 1},
			);
			const error = await failure(client.listRuns());
			expect(error.kind).toBe('forbidden');
			expect(error.providerMessage).toBe('bad header: Bearer [token]');
			for (const text of views(error)) expect(text).not.toContain(token);
			const storm = await failure(createSourceClient({provider: 'northflank', name: 'echo', baseUrl: `http://127.0.0.1:${port}`, projectId: 'p', pipelineId: 'x', stage: 's', token}, {...FAST, retries: 1}).listRuns());
			expect(storm.kind).toBe('server');
			for (const text of views(storm)) expect(text).not.toContain(token);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('keeps the token out of runs and the budget key, and sends it only as a bearer header', async () => {
		proxy = await startProxy(env.sim.url, () => null);
		const client = env.client('build', FAST, {baseUrl: `${proxy.url}/wercker`});
		const runs = await client.listRuns({maxPages: 1});
		expect(proxy.requests[0]?.authorization).toBe(`Bearer ${env.sim.tokens.wercker}`);
		expect(JSON.stringify(runs)).not.toContain(env.sim.tokens.wercker);
		expect(client.budgetKey).not.toContain(env.sim.tokens.wercker);
		expect(client.budgetKey).toMatch(/^wercker http:\/\/127\.0\.0\.1:\d+ [0-9a-f]{12}$/);
	});
});
