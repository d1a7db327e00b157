import {describe, expect, it} from 'vitest';
import {parseDate} from '../../source/model/dates.js';
import {MINUTE, SECOND, call, startTestSim} from './helpers.js';

const BUILD = '5751377e7e1bd5f17f050bc3';
const DEPLOY = '5751377e7e1bd5f17f050bc4';
const APPLICATION = '5751377e7e1bd5f17f050bb0';

describe('Wercker: listing runs', () => {
	it('answers a plain array of runs as documented, newest first, 20 by default', async () => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'wercker', `/api/v3/runs?pipelineId=${BUILD}`);
		expect(status).toBe(200);
		expect(Array.isArray(body)).toBe(true);
		expect(body).toHaveLength(20);
		const created = body.map((run: any) => Date.parse(run.createdAt));
		expect(created).toEqual([...created].sort((a, b) => b - a));
		for (const run of body) {
			expect(run.id).toMatch(/^[0-9a-f]{24}$/);
			expect(run.url).toBe(`${sim.baseUrls.wercker}/api/v3/runs/${run.id}`);
			expect(['notstarted', 'started', 'running', 'finished']).toContain(run.status);
			expect(['unknown', 'passed', 'failed', 'aborted']).toContain(run.result);
			expect(run.pipeline).toMatchObject({id: BUILD, permissions: 'private', type: 'git'});
			expect(run.user.meta.username).toEqual(expect.any(String));
			if (run.status !== 'finished') expect(run.finishedAt).toBeUndefined();
		}
	});

	it("gives each run of an application its pipeline as documented: the object's fields, named by the pipeline", async () => {
		const {sim} = await startTestSim();
		const {body} = await call(sim, 'wercker', `/api/v3/runs?applicationId=${APPLICATION}`);
		const documented = ['id', 'url', 'createdAt', 'name', 'permissions', 'pipelineName', 'setScmProviderStatus', 'type'];
		for (const run of body) expect(Object.keys(run.pipeline)).toEqual(documented);
		const names = new Map(body.map((run: any) => [run.pipeline.id, run.pipeline.name]));
		expect(names).toEqual(new Map([[BUILD, 'build'], [DEPLOY, 'initial-build']]));
		const one = await call(sim, 'wercker', `/api/v3/runs/${body[0].id}`);
		expect(one.body.pipeline).toEqual(body[0].pipeline);
	});

	it('walks skip/limit to the end in both sorts; filters narrow the list', async () => {
		const {sim} = await startTestSim({historySize: 70});
		const walk = async (query: string) => {
			const ids: string[] = [];
			for (let skip = 0; skip < 1000; skip += 20) {
				const {body} = await call(sim, 'wercker', `/api/v3/runs?pipelineId=${BUILD}&limit=20&skip=${skip}${query}`);
				ids.push(...body.map((run: any) => run.id));
				if (body.length < 20) break;
			}
			return ids;
		};
		const newest = await walk('');
		expect(newest).toHaveLength(70);
		expect(new Set(newest).size).toBe(70);
		expect(await walk('&sort=creationDateAsc')).toEqual([...newest].reverse());

		const all = sim.world.runs('build');
		for (const [query, keep] of [
			['&status=finished', (run: any) => run.providerStatus.startsWith('finished')],
			['&result=passed', (run: any) => run.providerStatus === 'finished/passed'],
			['&branch=master', (run: any) => run.branch === 'master'],
			[`&author=${all[0]!.user}`, (run: any) => run.user === all[0]!.user],
			[`&commit=${all[3]!.commit}`, (run: any) => run.commit === all[3]!.commit],
		] as const) {
			const ids = await walk(query);
			expect(ids, query).toEqual(all.filter(keep).map((run) => run.id));
			expect(ids.length, query).toBeLessThan(70);
		}
	});

	it('lists an application: the runs of its pipelines merged newest first', async () => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'wercker', `/api/v3/runs?applicationId=${APPLICATION}&limit=20`);
		expect(status).toBe(200);
		expect(new Set(body.map((run: any) => run.pipeline.id))).toEqual(new Set([BUILD, DEPLOY]));
		expect(body.map((run: any) => run.id)).toEqual(sim.world.runs('shop').slice(0, 20).map((run) => run.id));
		const pipelines = await call(sim, 'wercker', '/api/v3/applications/acme/shop/pipelines');
		expect(pipelines.body.map((pipeline: any) => pipeline.id)).toEqual([BUILD, DEPLOY]);
	});

	it.each([
		['limit above 20', `pipelineId=${BUILD}&limit=21`],
		['a negative skip', `pipelineId=${BUILD}&skip=-1`],
		['an unknown sort', `pipelineId=${BUILD}&sort=newest`],
		['an unknown status', `pipelineId=${BUILD}&status=done`],
		['neither pipeline nor application', 'limit=5'],
	])('refuses %s with 400 and the error body', async (_, query) => {
		const {sim} = await startTestSim();
		const {status, body} = await call(sim, 'wercker', `/api/v3/runs?${query}`);
		expect(status).toBe(400);
		expect(body).toEqual({statusCode: 400, error: 'Bad Request', message: expect.any(String)});
	});

	it('lets anyone read the public pipeline, but not with a wrong token, and guards the private one', async () => {
		const {sim} = await startTestSim();
		const open = await call(sim, 'wercker', `/api/v3/runs?pipelineId=${DEPLOY}`, {token: null});
		expect(open.status).toBe(200);
		const run = open.body[0];
		expect((await call(sim, 'wercker', `/api/v3/runs/${run.id}`, {token: null})).status).toBe(200);
		expect((await call(sim, 'wercker', `/api/v3/runs/${run.id}/steps`, {token: null})).status).toBe(200);
		const wrong = await call(sim, 'wercker', `/api/v3/runs?pipelineId=${DEPLOY}`, {token: 'wk-wrong'});
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({statusCode: 401, error: 'Unauthorized', message: expect.any(String)});
		expect((await call(sim, 'wercker', `/api/v3/runs?pipelineId=${BUILD}`, {token: null})).status).toBe(401);
		expect((await call(sim, 'wercker', `/api/v3/runs?applicationId=${APPLICATION}`, {token: null})).status).toBe(401);
		expect((await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', token: null, body: {pipelineId: DEPLOY}})).status).toBe(401);
	});
});

describe('Wercker: runs, steps and logs', () => {
	it('serves a run, its steps and step logs that grow while the step runs', async () => {
		const {sim, clock} = await startTestSim();
		const added = sim.world.addRun('build', {outcome: 'success', durationSec: 100});
		const steps = await call(sim, 'wercker', `/api/v3/runs/${added.id}/steps`);
		expect(steps.body.map((step: any) => step.step)).toEqual(['get code', 'setup environment', 'npm install', 'npm test', 'store']);
		expect(steps.body.map((step: any) => step.order)).toEqual([1, 2, 3, 4, 5]);
		const test = steps.body[3];
		expect(test).toMatchObject({status: 'notstarted', result: 'unknown', artifactsUrl: null, logUrl: `${sim.baseUrls.wercker}/api/v3/runsteps/${test.id}/log`});

		const sizes: number[] = [];
		for (let step = 0; step < 40; step++) {
			const log = await fetch(test.logUrl, {headers: {authorization: `Bearer ${sim.tokens.wercker}`}});
			expect(log.headers.get('content-type')).toMatch(/^text\/plain/);
			sizes.push((await log.text()).length);
			clock.advance(5 * SECOND);
		}
		expect(sizes[0]).toBe(0);
		expect(new Set(sizes).size).toBeGreaterThan(3);
		expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
		const run = (await call(sim, 'wercker', `/api/v3/runs/${added.id}`)).body;
		expect(run).toMatchObject({status: 'finished', result: 'passed', progress: 100, envVars: [], commits: []});
		expect((await call(sim, 'wercker', '/api/v3/runs/0123456789abcdef01234567')).status).toBe(404);
		expect((await call(sim, 'wercker', '/api/v3/runsteps/0123456789abcdef01234567/log')).status).toBe(404);
	});

	it('starts a run (ISO dates in the reply, as the documented example) and checks the body', async () => {
		const {sim, clock} = await startTestSim();
		const started = await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body: {pipelineId: BUILD, branch: 'feat/x', commitHash: 'a'.repeat(40), message: 'hello', envVars: [{key: 'K', value: 'V'}]}});
		expect(started.status).toBe(200);
		expect(started.body).toMatchObject({status: 'notstarted', result: 'unknown', progress: 0, branch: 'feat/x', message: 'hello', envVars: [{key: 'K', value: 'V'}]});
		expect(started.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(parseDate(started.body.createdAt)).toBe(clock.now());
		const listed = (await call(sim, 'wercker', `/api/v3/runs?pipelineId=${BUILD}&limit=1`)).body;
		expect(listed[0].id).toBe(started.body.id);
		clock.advance(10 * MINUTE);
		expect((await call(sim, 'wercker', `/api/v3/runs/${started.body.id}`)).body.status).toBe('finished');

		const chained = await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body: {pipelineId: DEPLOY, sourceRunId: started.body.id}});
		expect(chained.body.sourceRun).toBe(started.body.id);
		expect((await call(sim, 'wercker', `/api/v3/runs/${chained.body.id}`)).body.sourceRun).toBe(started.body.id);
		const bySource = (await call(sim, 'wercker', `/api/v3/runs?pipelineId=${DEPLOY}&sourceRun=${started.body.id}`)).body;
		expect(bySource.map((run: any) => run.id)).toEqual([chained.body.id]);

		for (const body of [{branch: 'main'}, {pipelineId: BUILD, commitHash: 'abc'}, {pipelineId: BUILD, envVars: 'x'}]) {
			const refused = await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body});
			expect(refused.status, JSON.stringify(body)).toBe(400);
			expect(refused.body.statusCode).toBe(400);
		}
		expect((await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body: {pipelineId: 'ffffffffffffffffffffffff'}})).status).toBe(404);
		const unknownSource = await call(sim, 'wercker', '/api/v3/runs', {method: 'POST', body: {pipelineId: DEPLOY, sourceRunId: 'ffffffffffffffffffffffff'}});
		expect(unknownSource).toMatchObject({status: 404, body: {statusCode: 404, message: 'Source run not found'}});
	});

	it('aborts a running run, and refuses to abort a finished one', async () => {
		const {sim, clock} = await startTestSim();
		const added = sim.world.addRun('deploy', {outcome: 'success', durationSec: 60});
		clock.advance(20 * SECOND);
		const aborted = await call(sim, 'wercker', `/api/v3/runs/${added.id}/abort`, {method: 'PUT', body: {}});
		expect(aborted.status).toBe(200);
		expect(aborted.body).toMatchObject({id: added.id, status: 'finished', result: 'aborted'});
		expect(aborted.body.progress).toBeLessThan(100);
		const steps = (await call(sim, 'wercker', `/api/v3/runs/${added.id}/steps`)).body;
		expect(steps.every((step: any) => step.status === 'finished')).toBe(true);
		expect(steps.some((step: any) => step.result === 'aborted')).toBe(true);
		const again = await call(sim, 'wercker', `/api/v3/runs/${added.id}/abort`, {method: 'PUT', body: {}});
		expect(again.status).toBe(409);
		expect(again.body).toEqual({statusCode: 409, error: 'Conflict', message: expect.any(String)});
	});
});
