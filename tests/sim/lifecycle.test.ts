import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {MINUTE, SECOND, call, startTestSim} from './helpers.js';

const SC_RUNS = '/repos/acme/api/cicd/runs';
const NF_RUNS = '/v1/projects/shop/pipelines/main/release-flows/release/runs';
const WK_RUNS = '/api/v3/runs?pipelineId=5751377e7e1bd5f17f050bc3';

describe('worlds over time', () => {
	it('starts with the asked history, most of it concluded and something still running', async () => {
		const {sim} = await startTestSim({historySize: 40});
		for (const source of sim.world.sources.filter((name) => name !== 'shop')) {
			const runs = sim.world.runs(source);
			expect(runs, source).toHaveLength(40);
			expect(runs.filter((run) => run.concluded).length, source).toBeGreaterThan(30);
		}
		const active = sim.world.sources.flatMap((name) => sim.world.runs(name)).filter((run) => !run.concluded);
		expect(active.length).toBeGreaterThan(0);
		const outcomes = new Set(sim.world.runs('acme/api').map((run) => run.status));
		expect([...outcomes]).toEqual(expect.arrayContaining(['success', 'failed', 'canceled']));
	});

	it('brings new runs as time passes, and runs conclude', async () => {
		const {sim, clock} = await startTestSim({arrivalEverySec: 30});
		const before = sim.world.runs('acme/web');
		const running = before.filter((run) => !run.concluded).map((run) => run.id);
		clock.advance(10 * MINUTE);
		const after = sim.world.runs('acme/web');
		expect(after.length - before.length).toBeGreaterThanOrEqual(18);
		expect(after.length - before.length).toBeLessThanOrEqual(22);
		for (const id of running) expect(sim.world.run('acme/web', id)?.concluded).toBe(true);
		const listed = (await call(sim, 'sourcecraft', '/repos/acme/web/cicd/runs?page_size=1')).body.runs[0];
		expect(listed.slug).toBe(after[0]!.id);
	});

	it('runs move queued → running → concluded, with speed dividing their length', async () => {
		const {sim, clock} = await startTestSim({speed: 20});
		const run = sim.world.addRun('deploy', {outcome: 'failed'});
		expect(run.status).toBe('queued');
		clock.advance(SECOND);
		expect(sim.world.run('deploy', run.id)?.status).toBe('running');
		clock.advance(10 * SECOND);
		expect(sim.world.run('deploy', run.id)).toMatchObject({status: 'failed', concluded: true});
	});

	it('can end a run on demand for a test', async () => {
		const {sim} = await startTestSim();
		const run = sim.world.addRun('shop-staging', {durationSec: 300});
		const ended = sim.world.concludeRun('shop-staging', run.id, 'failed');
		expect(ended).toMatchObject({concluded: true, status: 'failed'});
		expect(() => sim.world.concludeRun('shop-staging', run.id, 'success')).toThrow(/concluded/);
		expect(() => sim.world.addRun('nope')).toThrow(/no simulated source/);
	});
});

describe('determinism and restarts', () => {
	async function snapshot(seed: number, clock: ManualClock) {
		const {sim} = await startTestSim({seed, clock});
		const answers = [
			(await call(sim, 'sourcecraft', `${SC_RUNS}?page_size=10`)).text,
			(await call(sim, 'wercker', WK_RUNS)).text,
			(await call(sim, 'northflank', NF_RUNS)).text,
		];
		await sim.stop();
		return answers.map((text) => text.replaceAll(sim.url, 'URL'));
	}

	it('gives the same answers for the same seed and clock, and others for another seed', async () => {
		const start = Date.UTC(2026, 5, 15, 9, 30);
		const one = await snapshot(7, new ManualClock(start));
		const two = await snapshot(7, new ManualClock(start));
		const other = await snapshot(8, new ManualClock(start));
		expect(two).toEqual(one);
		for (const [index, text] of other.entries()) expect(text).not.toEqual(one[index]);
	});

	it('restarts on the same port with the same runs', async () => {
		const clock = new ManualClock();
		const first = await startTestSim({clock});
		const port = first.sim.port;
		const before = (await call(first.sim, 'northflank', NF_RUNS)).body;
		await first.sim.stop();
		await expect(fetch(`${first.sim.url}/_sim/state`)).rejects.toThrow();
		clock.advance(5 * SECOND);
		const second = await startTestSim({clock, port});
		expect(second.sim.port).toBe(port);
		const after = (await call(second.sim, 'northflank', NF_RUNS)).body;
		const ids = (body: any) => body.data.runs.map((run: any) => run.id);
		expect(ids(after).slice(0, 10)).toEqual(ids(before).slice(0, 10));
	});

	it('stop() returns promptly with a keep-alive connection open', async () => {
		const {sim} = await startTestSim();
		await call(sim, 'wercker', WK_RUNS);
		const started = Date.now();
		await sim.stop();
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('scale', () => {
	// Generous bounds: they catch work that grows with the whole world per page, not a slow machine.
	it('lists a world of 10,000 runs page by page without planning them all', async () => {
		const {sim} = await startTestSim({historySize: 10_000});
		let started = performance.now();
		const first = await call(sim, 'sourcecraft', `${SC_RUNS}?page_size=100`);
		expect(first.status).toBe(200);
		expect(first.body.next_page_token).toEqual(expect.any(String));
		expect(performance.now() - started).toBeLessThan(1500);
		started = performance.now();
		const last = await call(sim, 'northflank', `${NF_RUNS}?per_page=100&page=100`);
		expect(last.body.data.runs).toHaveLength(100);
		expect(last.body.pagination.hasNextPage).toBe(false);
		expect(performance.now() - started).toBeLessThan(1500);
		started = performance.now();
		const filtered = await call(sim, 'wercker', `${WK_RUNS}&result=passed&skip=5000`);
		expect(filtered.status).toBe(200);
		expect(filtered.body.length).toBeGreaterThan(0);
		expect(performance.now() - started).toBeLessThan(8000);
	});
});
