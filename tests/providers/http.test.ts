import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {kindForStatus, readErrorBody} from '../../source/providers/http-errors.js';
import {createHttp, makeBudgetKey, USER_AGENT} from '../../source/providers/http.js';
import {capabilitiesOf, createSourceClient} from '../../source/providers/index.js';
import {parseRetryAfter, readRateLimit} from '../../source/providers/rate-limit.js';
import {failure} from './sim-helpers.js';

let server: Server | null = null;

afterEach(async () => {
	server?.closeAllConnections();
	await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
	server = null;
});

type Reply = {status: number; headers?: Record<string, string>; body: string};

/** A tiny real server: answers each request with the next reply, and records what it was asked. */
async function serve(replies: Reply[]): Promise<{url: string; seen: {url: string; headers: IncomingHttpHeaders}[]}> {
	const seen: {url: string; headers: IncomingHttpHeaders}[] = [];
	server = createServer((request, response) => {
		seen.push({url: request.url ?? '', headers: request.headers});
		const reply = replies.shift() ?? {status: 500, body: ''};
		// Status 0: the server never answers.
		if (reply.status === 0) return;
		response.writeHead(reply.status, reply.headers ?? {'content-type': 'application/json'});
		response.end(reply.body);
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return {url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, seen};
}

const source = (baseUrl: string, token: string | null = 'tok-123456') => ({name: 'demo', provider: 'wercker' as const, baseUrl, token});

describe('the HTTP layer', () => {
	it('sends the user agent from package.json and the bearer token, under the base URL path prefix', async () => {
		const {url, seen} = await serve([{status: 200, body: '[]'}]);
		await createHttp(source(`${url}/prefix/`)).json({method: 'GET', path: '/api/v3/runs', endpoint: 'GET /api/v3/runs', query: {limit: 20, skip: undefined}});
		expect(USER_AGENT).toBe('citop/0.1.0');
		expect(seen[0]).toMatchObject({url: '/prefix/api/v3/runs?limit=20', headers: {'user-agent': 'citop/0.1.0', authorization: 'Bearer tok-123456'}});
	});

	it('sends no Authorization header without a token', async () => {
		const {url, seen} = await serve([{status: 200, body: '[]'}]);
		await createHttp(source(url, null)).json({method: 'GET', path: '/x', endpoint: 'GET /x'});
		expect(seen[0]?.headers.authorization).toBeUndefined();
	});

	it('does not follow redirects: the token stays with the configured host', async () => {
		const {url, seen} = await serve([{status: 302, headers: {location: 'http://127.0.0.1:9/elsewhere'}, body: ''}]);
		const error = await failure(createHttp(source(url)).json({method: 'GET', path: '/x', endpoint: 'GET /x'}));
		expect(error).toMatchObject({kind: 'bad_response', status: 302});
		expect(seen).toHaveLength(1);
	});

	it('reports a server error page that is not JSON by its status, with the request id header', async () => {
		const {url} = await serve([{status: 500, headers: {'content-type': 'text/html', 'x-request-id': 'req-42'}, body: '<h1>oops</h1>'}]);
		const error = await failure(createHttp(source(url), {retries: 0}).json({method: 'GET', path: '/x', endpoint: 'GET /x'}));
		expect(error).toMatchObject({kind: 'server', status: 500, providerMessage: null, requestId: 'req-42'});
	});

	it('reads an empty 2xx body as nothing, and a non-JSON 2xx body as bad_response', async () => {
		const {url} = await serve([
			{status: 200, body: ''},
			{status: 200, body: '{"runs": ['},
		]);
		const http = createHttp(source(url));
		await expect(http.json({method: 'PUT', path: '/x', endpoint: 'PUT /x', body: {}})).resolves.toBeUndefined();
		const error = await failure(http.json({method: 'GET', path: '/x', endpoint: 'GET /x'}));
		expect(error).toMatchObject({kind: 'bad_response', endpoint: 'GET /x'});
	});

	it('waits out a Retry-After given as an HTTP date', async () => {
		const inOneSecond = new Date(Date.now() + 1_500).toUTCString();
		const {url, seen} = await serve([
			{status: 503, headers: {'retry-after': inOneSecond, 'content-type': 'application/json'}, body: '{}'},
			{status: 200, body: '[1]'},
		]);
		const started = Date.now();
		await expect(createHttp(source(url)).json({method: 'GET', path: '/x', endpoint: 'GET /x'})).resolves.toEqual([1]);
		expect(seen).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
	});
});

describe('rate-limit headers', () => {
	it('reports the 429 that caused a retry, with its request id, when the retry runs out of time', async () => {
		const {url, seen} = await serve([
			{status: 429, headers: {'content-type': 'application/json', 'retry-after': '1', 'x-request-id': 'rl-1'}, body: '{}'},
			{status: 0, body: ''},
		]);
		const error = await failure(createHttp(source(url), {totalTimeoutMs: 1_600}).json({method: 'GET', path: '/x', endpoint: 'GET /x'}));
		expect(seen).toHaveLength(2);
		expect(error).toMatchObject({kind: 'rate_limited', status: 429, requestId: 'rl-1'});
	});

	it('reads Retry-After as seconds or an HTTP date, and ignores nonsense', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);
		expect(parseRetryAfter('40', now)).toBe(40_000);
		expect(parseRetryAfter('1.5', now)).toBe(1_500);
		expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeNull();
		expect(parseRetryAfter(null, now)).toBeNull();
	});

	it('reads limit, remaining and reset (seconds to reset, or an epoch)', () => {
		const now = 1_000_000;
		expect(readRateLimit({'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '812', 'x-ratelimit-reset': '40'}, now)).toEqual({
			limit: 1000,
			remaining: 812,
			resetAt: now + 40_000,
			retryAfterMs: null,
			observedAt: now,
		});
		expect(readRateLimit({'x-ratelimit-reset': '1767268800'}, now).resetAt).toBe(1_767_268_800_000);
		expect(readRateLimit({'x-ratelimit-limit': 'lots'}, now).limit).toBeNull();
	});
});

describe('errors and keys', () => {
	it('maps statuses to kinds', () => {
		const kinds = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503].map(kindForStatus);
		expect(kinds).toEqual(['invalid_request', 'auth', 'forbidden', 'not_found', 'timeout', 'invalid_request', 'invalid_request', 'rate_limited', 'server', 'server', 'server']);
	});

	it('reads the three providers error bodies, sanitized', () => {
		expect(readErrorBody({error_code: 'NOT_FOUND', message: 'run \u001b[31m7 not found', request_id: 'r1', details: {}})).toEqual({message: 'run 7 not found', requestId: 'r1'});
		expect(readErrorBody({statusCode: 401, error: 'Unauthorized', message: 'Invalid token'})).toEqual({message: 'Invalid token', requestId: null});
		expect(readErrorBody({error: {status: 404, message: 'flow not found', id: 'abc'}})).toEqual({message: 'flow not found', requestId: 'abc'});
		expect(readErrorBody('nope')).toEqual({message: null, requestId: null});
	});

	it('keys budgets by provider, origin and a short token hash', () => {
		const key = makeBudgetKey('northflank', 'https://api.northflank.com/some/path', 'secret');
		expect(key).toMatch(/^northflank https:\/\/api\.northflank\.com [0-9a-f]{12}$/);
		expect(makeBudgetKey('northflank', 'https://api.northflank.com', 'secret')).toBe(key);
		expect(makeBudgetKey('northflank', 'https://api.northflank.com', 'other')).not.toBe(key);
		expect(makeBudgetKey('wercker', 'https://app.wercker.com', null)).toBe('wercker https://app.wercker.com anonymous');
	});
});

describe('clients made from odd configuration', () => {
	it('never throw on creation; each call says what to fix', async () => {
		const noRepo = createSourceClient({provider: 'sourcecraft', name: 'x', token: 't'});
		expect((await failure(noRepo.listRuns())).message).toBe('x: set org and repo, or repoId, for this SourceCraft source in the config');
		const badUrl = createSourceClient({provider: 'wercker', name: 'w', baseUrl: 'not a url', pipelineId: 'p', token: null});
		expect((await failure(badUrl.listRuns())).kind).toBe('invalid_request');
		const noPipeline = createSourceClient({provider: 'wercker', name: 'w', token: null});
		expect((await failure(noPipeline.listRuns())).kind).toBe('invalid_request');
	});

	it('states capabilities per provider, with the form fields in order', () => {
		expect(capabilitiesOf({provider: 'sourcecraft', name: 's', org: 'o', repo: 'r', token: 't'})).toEqual({
			trigger: true,
			abort: false,
			logs: true,
			artifacts: true,
			reasons: {abort: 'SourceCraft has no way to cancel a run'},
			triggerFields: ['workflows', 'head', 'configRevision', 'inputs', 'shared'],
			inputsLabel: 'input values',
			inputsInDetail: false,
			webUrl: null,
		});
		expect(capabilitiesOf({provider: 'wercker', name: 'w', pipelineId: 'p', token: null})).toMatchObject({trigger: true, abort: true, logs: true, triggerFields: ['branch', 'commit', 'message', 'inputs', 'sourceRun'], inputsLabel: 'environment variables'});
		expect(capabilitiesOf({provider: 'northflank', name: 'n', projectId: 'p', pipelineId: 'q', stage: 's', token: 't'})).toMatchObject({
			trigger: true,
			abort: true,
			logs: false,
			triggerFields: ['name', 'description', 'inputs', 'refs'],
			inputsLabel: 'arguments',
			inputsInDetail: true,
		});
		// A run's page comes from the config alone: no API gives one.
		expect(capabilitiesOf({provider: 'wercker', name: 'w', pipelineId: 'p', token: null, webUrl: 'https://ci.example.com/p/{id}'}).webUrl).toBe('https://ci.example.com/p/{id}');
	});
});
