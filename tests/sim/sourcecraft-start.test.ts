import {describe, expect, it} from 'vitest';
import {SECOND, call, startTestSim} from './helpers.js';

const RUNS = '/repos/acme/api/cicd/runs';

describe('SourceCraft: starting runs', () => {
	it('starts a run that appears first in the list and runs to its end', async () => {
		const {sim, clock} = await startTestSim();
		const started = await call(sim, 'sourcecraft', RUNS, {method: 'POST', body: {head: {branch: 'main'}, workflows: [{name: 'build', values: [{name: 'env', value: 'ci'}]}]}});
		expect(started.status).toBe(200);
		expect(started.body.status).toBe('created');
		expect(started.body.event_type).toBe('manual');
		const slug = started.body.slug;
		expect((await call(sim, 'sourcecraft', RUNS)).body.runs[0].slug).toBe(slug);

		const seen = new Set<string>();
		for (let step = 0; step < 200; step++) {
			const run = (await call(sim, 'sourcecraft', `${RUNS}/${slug}`)).body;
			seen.add(run.status);
			if (['success', 'failed', 'timeout', 'canceled'].includes(run.status)) break;
			clock.advance(run.status === 'processing' ? 10 * SECOND : SECOND / 2);
		}
		expect([...seen].slice(0, 3)).toEqual(['created', 'prepared', 'processing']);
		expect(seen.size).toBe(4);
		const run = (await call(sim, 'sourcecraft', `${RUNS}/${slug}`)).body;
		expect(run.workflows.map((workflow: any) => workflow.slug)).toEqual(['build']);
		expect(run.dates.finished_at).toEqual(expect.any(String));
	});

	it('answers every other start with a run already past prepared', async () => {
		const {sim} = await startTestSim();
		const first = await call(sim, 'sourcecraft', RUNS, {method: 'POST', body: {}});
		const second = await call(sim, 'sourcecraft', RUNS, {method: 'POST', body: {}});
		expect(first.body.status).toBe('created');
		expect(first.body.workflows).toEqual([]);
		expect(second.body.status).toBe('processing');
		expect(second.body.workflows.length).toBeGreaterThan(0);
		expect(Number(second.body.slug)).toBe(Number(first.body.slug) + 1);
	});

	it('takes a tag or a commit as config_revision, and input values per workflow', async () => {
		const {sim} = await startTestSim();
		for (const config of [{tag: 'v1.2.0'}, {commit: 'cd74a99'}, {branch: 'main'}]) {
			const body = {head: {tag: 'v1.2.0'}, config_revision: config, workflows: [{name: 'build', values: [{name: 'a', value: 'b'}]}, {name: 'deploy', values: []}], shared: false};
			expect((await call(sim, 'sourcecraft', RUNS, {method: 'POST', body})).status, JSON.stringify(config)).toBe(200);
		}
	});

	it('starts by repository id too', async () => {
		const {sim} = await startTestSim();
		const started = await call(sim, 'sourcecraft', '/repos/id:c4a9e1f2-6b3d-4e85-a0f7-d2b8c6e13a59/cicd/runs', {method: 'POST', body: {head: {tag: 'v1.2.0'}}});
		expect(started.status).toBe(200);
		expect((await call(sim, 'sourcecraft', '/repos/acme/infra/cicd/runs')).body.runs[0].slug).toBe(started.body.slug);
	});

	it.each([
		['two revisions in head', {head: {branch: 'main', commit: 'abc'}}],
		['two revisions in config_revision', {config_revision: {branch: 'main', tag: 'v1'}}],
		['an unknown workflow', {workflows: [{name: 'nope'}]}],
		['a non-boolean shared', {shared: 'yes'}],
		['values that are not pairs', {workflows: [{name: 'build', values: [42]}]}],
		['a body that is not JSON', '{not json'],
		['an unknown field in the body', {head: {branch: 'main'}, ref: 'main'}],
		['an unknown field in a revision', {config_revision: {sha: 'abc'}}],
		['an unknown field in a workflow', {workflows: [{name: 'build', inputs: [{name: 'a', value: 'b'}]}]}],
		['an unknown field in an input value', {workflows: [{name: 'build', values: [{name: 'a', value: 'b', secret: true}]}]}],
	])('refuses %s with 400 and the error body', async (_, body) => {
		const {sim} = await startTestSim();
		const before = sim.world.runs('acme/api').length;
		const {status, body: answer} = await call(sim, 'sourcecraft', RUNS, {method: 'POST', body});
		expect(status).toBe(400);
		expect(answer).toEqual({error_code: 'INVALID_ARGUMENT', message: expect.any(String), request_id: expect.any(String), details: {}});
		expect(sim.world.runs('acme/api').length).toBe(before);
	});

	it('keeps the deprecated trigger, by slug and by id', async () => {
		const {sim} = await startTestSim();
		const bySlug = await call(sim, 'sourcecraft', '/acme/api/ci_workflows/build/trigger', {method: 'POST', body: {revision: 'feat/login', input: {values: [{name: 'a', value: 'b'}]}}});
		expect(bySlug.status).toBe(200);
		expect(bySlug.body).toEqual({flux_id: expect.any(String), flux_public_id: expect.any(String), trigger_status: 'created'});
		const byId = await call(sim, 'sourcecraft', '/repos/id:0b7c5a8e-3f21-4d0a-9c5e-2a71f0e4b9d3/ci_workflows/deploy/trigger', {method: 'POST', body: {}});
		expect(byId.status).toBe(200);
		const runs = (await call(sim, 'sourcecraft', RUNS)).body.runs;
		expect(runs[0].slug).toBe(byId.body.flux_public_id);
		expect(runs[0].workflows.map((workflow: any) => workflow.slug)).toEqual(['deploy']);
		expect(runs[1].slug).toBe(bySlug.body.flux_public_id);
		expect((await call(sim, 'sourcecraft', '/acme/api/ci_workflows/nope/trigger', {method: 'POST', body: {}})).status).toBe(404);
	});
});
