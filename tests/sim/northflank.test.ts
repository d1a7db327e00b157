import {describe, expect, it} from 'vitest';
import {parseDate} from '../../source/model/dates.js';
import {SECOND, call, startTestSim} from './helpers.js';

const FLOW = '/v1/projects/shop/pipelines/main/release-flows/release';
const RUN_STATUSES = ['pending', 'running', 'success', 'failure', 'aborted', 'aborting', 'queued', 'unknown', 'skipped', 'waiting', 'retrying', 'async_wait', 'approval_wait'];
const NODE_STATUSES = ['waiting', 'invalid', 'failure', 'retrying', 'success', 'aborted', 'aborting', 'skipped', 'async_wait', 'approval_wait', 'unknown'];

function walkNodes(node: any, visit: (node: any) => void): void {
	visit(node);
	for (const child of node.spec?.steps ?? []) walkNodes(child, visit);
}

describe('Northflank: release-flow runs', () => {
	it('checks the token at /v1/login and lists pipelines in the envelope', async () => {
		const {sim} = await startTestSim();
		expect((await call(sim, 'northflank', '/v1/login')).status).toBe(200);
		for (const token of [null, 'nf-wrong']) {
			const refused = await call(sim, 'northflank', '/v1/login', {token});
			expect(refused.status).toBe(401);
			expect(refused.body).toEqual({error: {status: 401, message: expect.any(String), id: expect.any(String), details: {}}});
		}
		const pipelines = await call(sim, 'northflank', '/v1/projects/shop/pipelines');
		expect(pipelines.body.data.pipelines).toEqual([{id: 'main', name: 'main', description: expect.any(String)}]);
	});

	it('lists runs in the documented envelope with space-separated dates', async () => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'northflank', `${FLOW}/runs?per_page=10`);
		expect(status).toBe(200);
		expect(body.pagination).toEqual({hasNextPage: true, cursor: expect.any(String), count: 10});
		for (const run of body.data.runs) {
			expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(RUN_STATUSES).toContain(run.status);
			expect(typeof run.concluded).toBe('boolean');
			expect(run.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			expect(parseDate(run.updatedAt)).not.toBeNull();
			if (run.concluded) expect(run.concludedAt).toEqual(expect.any(String));
		}
	});

	it('follows cursors sent as they are to the end with no run lost or repeated; a cursor of another flow is refused', async () => {
		const {sim, clock} = await startTestSim({historySize: 230});
		const ids: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			pages++;
			const {status, body} = await call(sim, 'northflank', `${FLOW}/runs?per_page=100${cursor ? `&cursor=${cursor}` : ''}`);
			expect(status).toBe(200);
			expect(body.pagination.count).toBe(body.data.runs.length);
			ids.push(...body.data.runs.map((run: any) => run.id));
			cursor = body.pagination.hasNextPage ? body.pagination.cursor : undefined;
			clock.advance(5 * 60 * SECOND);
		} while (cursor && pages < 100);
		expect(ids).toHaveLength(230);
		expect(new Set(ids).size).toBe(230);

		const first = await call(sim, 'northflank', `${FLOW}/runs?per_page=5`);
		const raw = first.body.pagination.cursor as string;
		expect(raw).toBe(encodeURIComponent(raw));
		expect((await call(sim, 'northflank', `${FLOW}/runs?cursor=${encodeURIComponent(raw)}`)).status).toBe(200);
		expect((await call(sim, 'northflank', `/v1/projects/shop/pipelines/main/release-flows/Staging/runs?cursor=${raw}`)).status).toBe(400);
	});

	it('mints cursors of 24 characters, as the API declares them, and refuses any other length or an altered one', async () => {
		const {sim} = await startTestSim({historySize: 30});
		const first = await call(sim, 'northflank', `${FLOW}/runs?per_page=5`);
		const cursor = first.body.pagination.cursor as string;
		expect(cursor).toMatch(/^[0-9a-f]{24}$/);
		const second = await call(sim, 'northflank', `${FLOW}/runs?cursor=${cursor}`);
		expect(second.status).toBe(200);
		expect(second.body.data.runs).toHaveLength(5);
		expect(second.body.data.runs[0].id).not.toBe(first.body.data.runs[0].id);
		const altered = `${cursor.slice(0, 7)}${cursor[7] === '0' ? '1' : '0'}${cursor.slice(8)}`;
		for (const sent of [`${cursor}0`, cursor.slice(1), altered]) {
			const refused = await call(sim, 'northflank', `${FLOW}/runs?cursor=${sent}`);
			expect(refused.status).toBe(400);
			expect(refused.body.error.message).toContain('"cursor"');
		}
	});

	it('filters by status and by concluded, page after page, and refuses values it does not know', async () => {
		const {sim, clock} = await startTestSim({historySize: 120});
		for (let index = 0; index < 4; index++) sim.world.addRun('shop-release', {durationSec: 600});
		clock.advance(30 * SECOND);
		const all = (await call(sim, 'northflank', `${FLOW}/runs?per_page=100`)).body.data.runs.concat(
			(await call(sim, 'northflank', `${FLOW}/runs?per_page=100&page=2`)).body.data.runs,
		);
		const pages = async (query: string) => {
			const runs: any[] = [];
			let cursor: string | undefined;
			do {
				const {status, body} = await call(sim, 'northflank', `${FLOW}/runs?per_page=7&${query}${cursor ? `&cursor=${cursor}` : ''}`);
				expect(status).toBe(200);
				runs.push(...body.data.runs);
				cursor = body.pagination.cursor;
			} while (cursor);
			return runs;
		};
		const failed = await pages('status=failure');
		expect(failed.length).toBeGreaterThan(7);
		expect(failed).toEqual(all.filter((run: any) => run.status === 'failure'));
		const going = await pages('concluded=false');
		expect(going.length).toBeGreaterThanOrEqual(4);
		expect(going).toEqual(all.filter((run: any) => !run.concluded));
		expect(await pages('status=success&concluded=false')).toEqual([]);
		const second = await call(sim, 'northflank', `${FLOW}/runs?per_page=3&page=2&status=failure`);
		expect(second.body.data.runs).toEqual(failed.slice(3, 6));
		for (const query of ['status=failed', 'status=Success', 'concluded=yes']) {
			expect((await call(sim, 'northflank', `${FLOW}/runs?${query}`)).status).toBe(400);
		}
	});

	it('pages by number too, and refuses per_page above 100', async () => {
		const {sim} = await startTestSim();
		const one = await call(sim, 'northflank', `${FLOW}/runs?per_page=7&page=1`);
		const two = await call(sim, 'northflank', `${FLOW}/runs?per_page=7&page=2`);
		const both = await call(sim, 'northflank', `${FLOW}/runs?per_page=14`);
		expect([...one.body.data.runs, ...two.body.data.runs]).toEqual(both.body.data.runs);
		const refused = await call(sim, 'northflank', `${FLOW}/runs?per_page=101`);
		expect(refused.status).toBe(400);
		expect(refused.body.error.status).toBe(400);
	});

	it('serves the run detail as the official types declare it: apiVersion, spec tree, arguments, the git triggers and the refs they resolved to', async () => {
		const {sim} = await startTestSim();
		const listed = (await call(sim, 'northflank', `${FLOW}/runs`)).body.data.runs;
		const statuses = new Set<string>();
		for (const run of listed.slice(0, 20)) {
			const {status, body} = await call(sim, 'northflank', `${FLOW}/runs/${run.id}`);
			expect(status).toBe(200);
			expect(body.data).toMatchObject({apiVersion: 'v1.2', id: run.id, status: run.status, arguments: expect.any(Object), spec: expect.any(Object)});
			for (const trigger of body.data.triggers) {
				expect(Object.keys(trigger).sort()).toEqual(['branchRestrictions', 'ref', 'repoUrl', 'vcsService']);
				expect(body.data.refs[trigger.ref]).toEqual({branch: expect.any(String), sha: expect.stringMatching(/^[0-9a-f]{40}$/)});
			}
			expect(Object.keys(body.data.refs)).toEqual(body.data.triggers.map((trigger: any) => trigger.ref));
			walkNodes(body.data.spec, (node) => {
				expect(node.kind).toEqual(expect.any(String));
				expect(NODE_STATUSES).toContain(node.response.status);
				statuses.add(node.response.status);
				if (node.response.startTime !== undefined) expect(node.response.startTime).toBeLessThan(1e12);
				if (node.response.status === 'failure') expect(node.response.error).toEqual({code: expect.any(String), message: expect.any(String)});
				if (node.response.retries) expect(node.response.retries.attempts).toBeLessThanOrEqual(node.response.retries.maxAttempts);
			});
		}
		for (const expected of ['success', 'waiting', 'skipped', 'approval_wait']) expect([...statuses]).toContain(expected);
		expect((await call(sim, 'northflank', `${FLOW}/runs/00000000-0000-4000-a000-000000000000`)).status).toBe(404);
	});

	it('treats stage names as case-sensitive and knows the team form of the paths', async () => {
		const {sim} = await startTestSim();
		expect((await call(sim, 'northflank', '/v1/projects/shop/pipelines/main/release-flows/Staging/runs')).status).toBe(200);
		expect((await call(sim, 'northflank', '/v1/projects/shop/pipelines/main/release-flows/staging/runs')).status).toBe(404);
		const team = await call(sim, 'northflank', `/v1/teams/acme/projects/shop/pipelines/main/release-flows/release/runs?per_page=3`);
		const plain = await call(sim, 'northflank', `${FLOW}/runs?per_page=3`);
		expect(team.body).toEqual(plain.body);
		expect((await call(sim, 'northflank', `/v1/teams/other/projects/shop/pipelines/main/release-flows/release/runs`)).status).toBe(404);
		expect((await call(sim, 'northflank', '/v1/projects/nope/pipelines/main/release-flows/release/runs')).status).toBe(404);
	});
});

describe('Northflank: starting and aborting', () => {
	it('starts runs; every other reply carries no id, so the newest listed run is the way to find it', async () => {
		const {sim, clock} = await startTestSim();
		const first = await call(sim, 'northflank', `${FLOW}/runs`, {method: 'POST', body: {name: 'Hotfix 12', description: 'ship it', arguments: {tag: 'v9'}}});
		expect(first.status).toBe(200);
		expect(first.body.data).toMatchObject({id: expect.any(String), name: 'Hotfix 12', status: 'pending', concluded: false});
		const second = await call(sim, 'northflank', `${FLOW}/runs`, {method: 'POST', body: {}});
		expect(second.status).toBe(200);
		expect(second.body.data.id).toBeUndefined();
		const newest = (await call(sim, 'northflank', `${FLOW}/runs?per_page=2`)).body.data.runs;
		expect(newest[1].id).toBe(first.body.data.id);
		const detail = (await call(sim, 'northflank', `${FLOW}/runs/${first.body.data.id}`)).body.data;
		expect(detail.arguments).toEqual({tag: 'v9'});
		clock.advance(15 * 60 * SECOND);
		const later = (await call(sim, 'northflank', `${FLOW}/runs/${newest[0].id}`)).body.data;
		expect(later.concluded).toBe(true);
	});

	it("applies overrides to the new run's refs: the branch given, that branch's head", async () => {
		const {sim} = await startTestSim();
		const plain = (await call(sim, 'northflank', `${FLOW}/runs`, {method: 'POST', body: {name: 'Plain'}})).body.data;
		await call(sim, 'northflank', `${FLOW}/runs`, {method: 'POST', body: {overrides: {api: {branch: 'release/2.9'}}, releaseNodeOverrides: {}}});
		const [newest] = (await call(sim, 'northflank', `${FLOW}/runs?per_page=1`)).body.data.runs;
		const before = (await call(sim, 'northflank', `${FLOW}/runs/${plain.id}`)).body.data.refs;
		const after = (await call(sim, 'northflank', `${FLOW}/runs/${newest.id}`)).body.data.refs;
		expect(before.api.branch).toBe('main');
		expect(after.api).toEqual({branch: 'release/2.9', sha: expect.stringMatching(/^[0-9a-f]{40}$/)});
		expect(after.api.sha).not.toBe(before.api.sha);
		expect(after.worker.branch).toBe('main');
	});

	it.each([
		['a name too short', {name: 'ab'}],
		['a name too long', {name: 'a'.repeat(40)}],
		['a name starting with a digit', {name: '1abc'}],
		['a name with a double space', {name: 'ab  cd'}],
		['a description over 200 characters', {description: 'x'.repeat(201)}],
		['arguments that are not an object', {arguments: [1]}],
		['overrides for a ref the flow does not have', {overrides: {nope: {branch: 'dev'}}}],
		['overrides that are not objects', {overrides: {api: 'dev'}}],
		['releaseNodeOverrides that are not an object', {releaseNodeOverrides: 3}],
	])('refuses %s with 400', async (_, body) => {
		const {sim} = await startTestSim();
		const {status, body: answer} = await call(sim, 'northflank', `${FLOW}/runs`, {method: 'POST', body});
		expect(status).toBe(400);
		expect(answer.error).toMatchObject({status: 400, message: expect.any(String), id: expect.any(String)});
	});

	it('aborts (answering the whole run): aborting at once, aborted a few seconds later; a concluded run cannot be aborted', async () => {
		const {sim, clock} = await startTestSim();
		const added = sim.world.addRun('shop-release', {outcome: 'success', durationSec: 120});
		clock.advance(20 * SECOND);
		const abort = await call(sim, 'northflank', `${FLOW}/runs/${added.id}/abort`, {method: 'POST', body: {}});
		expect(abort.status).toBe(200);
		expect(abort.body.data).toMatchObject({apiVersion: 'v1.2', id: added.id, status: 'aborting', concluded: false, spec: expect.any(Object), refs: expect.any(Object)});
		const during = (await call(sim, 'northflank', `${FLOW}/runs/${added.id}`)).body.data;
		const running: string[] = [];
		walkNodes(during.spec, (node) => running.push(node.response.status));
		expect(running).toContain('aborting');
		clock.advance(5 * SECOND);
		const after = (await call(sim, 'northflank', `${FLOW}/runs/${added.id}`)).body.data;
		expect(after).toMatchObject({status: 'aborted', concluded: true, concludedAt: expect.any(String)});
		const again = await call(sim, 'northflank', `${FLOW}/runs/${added.id}/abort`, {method: 'POST', body: {}});
		expect(again.status).toBe(409);
		expect(again.body.error.status).toBe(409);
	});
});

describe('Northflank: rate limit', () => {
	it('reports 1000 per hour per token, counting down on every answer', async () => {
		const {sim} = await startTestSim();
		const remaining: number[] = [];
		for (let index = 0; index < 3; index++) {
			const {headers} = await call(sim, 'northflank', `${FLOW}/runs?per_page=1`);
			expect(headers.get('x-ratelimit-limit')).toBe('1000');
			expect(Number(headers.get('x-ratelimit-reset'))).toBeGreaterThan(3500);
			remaining.push(Number(headers.get('x-ratelimit-remaining')));
		}
		expect(remaining).toEqual([999, 998, 997]);
		const missing = await call(sim, 'northflank', '/v1/nope');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('x-ratelimit-remaining')).toBe('996');
	});

	it('answers 429 with Retry-After past the limit, and opens a new window an hour later', async () => {
		const {sim, clock} = await startTestSim({rateLimitPerHour: 5});
		for (let index = 0; index < 5; index++) expect((await call(sim, 'northflank', '/v1/login')).status).toBe(200);
		const limited = await call(sim, 'northflank', '/v1/login');
		expect(limited.status).toBe(429);
		expect(limited.body.error.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
		clock.advance(60 * 60 * SECOND);
		const fresh = await call(sim, 'northflank', '/v1/login');
		expect(fresh.status).toBe(200);
		expect(fresh.headers.get('x-ratelimit-remaining')).toBe('4');
	});
});
