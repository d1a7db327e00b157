import {describe, expect, it} from 'vitest';
import {MINUTE, SECOND, call, startTestSim} from './helpers.js';

const RUNS = '/repos/acme/api/cicd/runs';
const STATUSES = ['created', 'prepared', 'processing', 'success', 'failed', 'canceled', 'timeout'];

function expectErrorBody(body: any, code: string): void {
	expect(body).toEqual({error_code: code, message: expect.any(String), request_id: expect.stringMatching(/\S/), details: expect.any(Object)});
}

describe('SourceCraft: listing runs', () => {
	it('answers the documented shape, newest first', async () => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'sourcecraft', RUNS);
		expect(status).toBe(200);
		expect(body.runs.length).toBeGreaterThan(0);
		const slugs = body.runs.map((run: any) => Number(run.slug));
		expect(slugs).toEqual([...slugs].sort((a, b) => b - a));
		for (const run of body.runs) {
			expect(STATUSES).toContain(run.status);
			expect(['push', 'pr_update', 'manual', 'restart']).toContain(run.event_type);
			expect(run.dates.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
			expect(run.user).toEqual({id: expect.any(String), slug: expect.any(String)});
			if (run.event_type === 'pr_update') expect(run.pull).toEqual({id: expect.any(String), slug: expect.any(String)});
			if (run.status !== 'created') expect(run.workflows.length).toBeGreaterThan(0);
			for (const workflow of run.workflows) {
				expect(workflow.progress.percent).toBeGreaterThanOrEqual(0);
				expect(workflow.progress.percent).toBeLessThanOrEqual(1);
				for (const task of workflow.tasks) {
					expect(task.relations.needs).toEqual(expect.any(Array));
					for (const cube of task.cubes) expect(STATUSES).toContain(cube.status);
				}
			}
		}
	});

	it('walks every page to the end with no run lost or repeated, even as new runs arrive', async () => {
		const {sim, clock} = await startTestSim({historySize: 250});
		const seen: number[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const query = `?page_size=30${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;
			const {status, body} = await call(sim, 'sourcecraft', RUNS + query);
			expect(status).toBe(200);
			expect(body.runs.length).toBeLessThanOrEqual(30);
			seen.push(...body.runs.map((run: any) => Number(run.slug)));
			token = body.next_page_token;
			pages++;
			clock.advance(2 * MINUTE);
		} while (token && pages < 100);
		expect(pages).toBeGreaterThan(8);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBe(250);
		expect(seen[seen.length - 1]! - seen[0]!).toBe(-249);
	});

	it('reaches the same runs by repository id', async () => {
		const {sim} = await startTestSim();
		const byId = await call(sim, 'sourcecraft', '/repos/id:c4a9e1f2-6b3d-4e85-a0f7-d2b8c6e13a59/cicd/runs');
		const bySlug = await call(sim, 'sourcecraft', '/repos/acme/infra/cicd/runs');
		expect(byId.status).toBe(200);
		expect(byId.body).toEqual(bySlug.body);
		// The colon is literal: an encoded one is another path.
		const encoded = await call(sim, 'sourcecraft', '/repos/id%3Ac4a9e1f2-6b3d-4e85-a0f7-d2b8c6e13a59/cicd/runs');
		expect(encoded.status).toBe(404);
	});

	it.each(['abc', '-1', '1.5', '18446744073709551616'])('refuses page_size=%s with the error body', async (size) => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'sourcecraft', `${RUNS}?page_size=${encodeURIComponent(size)}`);
		expect(status).toBe(400);
		expectErrorBody(body, 'INVALID_ARGUMENT');
	});

	it('refuses a page token used with other parameters or another repository', async () => {
		const {sim} = await startTestSim();
		const first = await call(sim, 'sourcecraft', `${RUNS}?page_size=5`);
		const token = encodeURIComponent(first.body.next_page_token);
		expect((await call(sim, 'sourcecraft', `${RUNS}?page_size=5&page_token=${token}`)).status).toBe(200);
		expect((await call(sim, 'sourcecraft', `${RUNS}?page_size=6&page_token=${token}`)).status).toBe(400);
		expect((await call(sim, 'sourcecraft', `/repos/acme/web/cicd/runs?page_size=5&page_token=${token}`)).status).toBe(400);
		expect((await call(sim, 'sourcecraft', `${RUNS}?page_token=garbage`)).status).toBe(400);
	});
});

describe('SourceCraft: one run', () => {
	it('serves a run, its workflows, and 404s for what does not exist', async () => {
		const {sim} = await startTestSim();
		const list = await call(sim, 'sourcecraft', RUNS);
		const listed = list.body.runs.find((run: any) => run.workflows.length > 0);
		const run = await call(sim, 'sourcecraft', `${RUNS}/${listed.slug}`);
		expect(run.status).toBe(200);
		expect(run.body.slug).toBe(listed.slug);
		const workflow = await call(sim, 'sourcecraft', `${RUNS}/${listed.slug}/${listed.workflows[0].slug}`);
		expect(workflow.status).toBe(200);
		expect(workflow.body.slug).toBe(listed.workflows[0].slug);
		expect(workflow.body.tasks.length).toBeGreaterThan(0);
		for (const path of [`${RUNS}/999999999`, `${RUNS}/x`, `${RUNS}/${listed.slug}/nope`, '/repos/acme/nope/cicd/runs', '/repos/acme/api/cicd/cancel']) {
			const missing = await call(sim, 'sourcecraft', path);
			expect(missing.status, path).toBe(404);
			expectErrorBody(missing.body, 'NOT_FOUND');
		}
	});

	it('has no cancel endpoint and no prefix-less run paths', async () => {
		const {sim} = await startTestSim();
		const slug = (await call(sim, 'sourcecraft', RUNS)).body.runs[0].slug;
		expect((await call(sim, 'sourcecraft', `${RUNS}/${slug}/cancel`, {method: 'POST', body: {}})).status).toBe(404);
		expect((await call(sim, 'sourcecraft', `/acme/api/cicd/runs/${slug}`)).status).toBe(404);
	});

	it('asks for the token: 401 with the error body when missing or wrong', async () => {
		const {sim} = await startTestSim();
		for (const token of [null, 'sc-wrong']) {
			const {status, body, text} = await call(sim, 'sourcecraft', RUNS, {token});
			expect(status).toBe(401);
			expectErrorBody(body, 'UNAUTHENTICATED');
			expect(text).not.toContain(sim.tokens.sourcecraft);
		}
	});
});

describe('SourceCraft: cube logs and artifacts', () => {
	it('pages logs in order: the next page is 404 while one is incomplete; done marks the last page', async () => {
		const {sim, clock} = await startTestSim();
		const run = sim.world.addRun('acme/web', {outcome: 'success', durationSec: 120});
		const path = `/repos/acme/web/cicd/logs/${run.id}/ci/install/npm-ci`;
		const before = await call(sim, 'sourcecraft', `${path}?page=1`);
		expect(before.body).toEqual({logs: '', page_complete: false, done: false});
		expect((await call(sim, 'sourcecraft', `${path}?page=2`)).status).toBe(404);

		let page = 1;
		let text = '';
		let sawIncomplete = false;
		for (let step = 0; step < 400; step++) {
			const {status, body} = await call(sim, 'sourcecraft', `${path}?page=${page}`);
			expect(status).toBe(200);
			if (!body.page_complete) {
				sawIncomplete = true;
				expect((await call(sim, 'sourcecraft', `${path}?page=${page + 1}`)).status).toBe(404);
				clock.advance(SECOND);
				continue;
			}
			text += body.logs;
			if (body.done) break;
			page++;
		}
		expect(sawIncomplete).toBe(true);
		expect(page).toBeGreaterThan(1);
		expect(text.endsWith('done, exit code 0\n')).toBe(true);
		expect((await call(sim, 'sourcecraft', `${path}?page=${page + 1}`)).status).toBe(404);
		expect((await call(sim, 'sourcecraft', `${path}?page=0`)).status).toBe(400);
	});

	it('lists artifacts with a download URL that works and then expires', async () => {
		const {sim, clock} = await startTestSim();
		const run = sim.world.addRun('acme/api', {outcome: 'success', durationSec: 60});
		const path = `/repos/acme/api/cicd/artifacts/${run.id}/build/compile/tsc`;
		expect((await call(sim, 'sourcecraft', path)).body).toEqual({artifacts: []});
		clock.advance(5 * MINUTE);
		const {body} = await call(sim, 'sourcecraft', path);
		expect(body.artifacts).toEqual([
			{id: expect.any(String), local_path: 'dist/app.tgz', dates: expect.objectContaining({registered_at: expect.any(String)}), status: 'success', download_url: expect.any(String)},
		]);
		const url = body.artifacts[0].download_url as string;
		expect(url.startsWith(sim.baseUrls.sourcecraft)).toBe(true);
		expect((await fetch(url)).status).toBe(200);
		clock.advance(10 * MINUTE);
		expect((await fetch(url)).status).toBe(403);
	});
});
