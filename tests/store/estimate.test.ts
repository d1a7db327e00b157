import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {estimateRun, expectedByNode, expectedFor} from '../../source/model/estimate.js';
import {runKey} from '../../source/model/run.js';
import {startSimulator} from '../../source/sim/index.js';
import {createStore} from '../../source/store/index.js';

const SECOND = 1_000;
const SOURCE = 'shop-release';

let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const stop of cleanup.reverse()) await stop();
	cleanup = [];
});

describe('the estimate of a release flow against the simulator', () => {
	it('appears once two runs have succeeded and settles on their usual time as more conclude', async () => {
		const clock = new ManualClock();
		// No history and no runs of its own: only the runs this test starts.
		const sim = await startSimulator({port: 0, seed: 7, clock, historySize: 0, arrivalEverySec: 1_000_000});
		cleanup.push(() => sim.stop());
		// Polled as often idle as busy, so a run started between polls is seen within seconds.
		const settings = {slowIntervalMs: 3 * SECOND};
		const store = createStore({sources: sim.sources.filter((spec) => spec.name === SOURCE), clock, settings, random: () => 0.5, clientOptions: {retries: 0}});
		cleanup.push(() => store.stop());
		const advance = (ms: number) => clock.advanceAsync(ms, () => store.settled());
		store.start();
		await store.settled();

		/** Starts a run, lets it run about `seconds` (after its time in the queue), and ends it with success before it would end itself. */
		const succeed = async (seconds: number) => {
			const run = sim.world.addRun(SOURCE);
			await advance(6 * SECOND);
			await advance(seconds * SECOND);
			sim.world.concludeRun(SOURCE, run.id, 'success');
			await advance(10 * SECOND);
		};
		/** What the store's runs say of a run started now, once it runs. */
		const estimateNow = async () => {
			const started = sim.world.addRun(SOURCE);
			await advance(10 * SECOND);
			const {runs} = store.getSnapshot();
			const run = runs.find((item) => item.id === started.id);
			expect(run?.status).toBe('running');
			const expected = run ? expectedFor(run, runs) : null;
			sim.world.concludeRun(SOURCE, started.id, 'canceled');
			await advance(10 * SECOND);
			return {expected, estimate: run ? estimateRun(run, expected, clock.now()) : null};
		};

		await succeed(90);
		const one = await estimateNow();
		expect(one.expected).toBeNull();
		expect(one.estimate?.progressFrom).toBeNull();

		await succeed(10);
		const two = await estimateNow();
		expect(two.expected?.runs).toBe(2);
		expect(two.estimate?.progressFrom).toBe('history');
		const error = (ms: number) => Math.abs(ms - 40 * SECOND);

		for (const seconds of [40, 40, 45, 35, 40]) await succeed(seconds);
		const seven = await estimateNow();
		// Canceled runs are no history: seven successes, centred on their usual 40 seconds, the spread narrowed.
		expect(seven.expected?.runs).toBe(7);
		expect(error(seven.expected?.ms ?? 0)).toBeLessThan(error(two.expected?.ms ?? 0));
		expect(error(seven.expected?.ms ?? 0)).toBeLessThanOrEqual(6 * SECOND);
		const spread = (value: typeof seven.expected) => (value ? value.highMs - value.lowMs : Infinity);
		expect(spread(seven.expected)).toBeLessThan(spread(two.expected));
	}, 60_000);

	it("estimates a running run's nodes from the trees of its concluded runs citop opened, which later polls keep", async () => {
		const clock = new ManualClock();
		const sim = await startSimulator({port: 0, seed: 7, clock, historySize: 0, arrivalEverySec: 1_000_000});
		cleanup.push(() => sim.stop());
		const store = createStore({sources: sim.sources.filter((spec) => spec.name === SOURCE), clock, settings: {slowIntervalMs: 3 * SECOND}, random: () => 0.5, clientOptions: {retries: 0}});
		cleanup.push(() => store.stop());
		const advance = (ms: number) => clock.advanceAsync(ms, () => store.settled());
		store.start();
		await store.settled();

		/** The open run's tree, once fetched (Northflank's hourly budget spaces the requests out). */
		const fetched = async (status: string) => {
			for (let waited = 0; waited < 60 && store.getSnapshot().detail?.run === null; waited++) await advance(SECOND);
			const run = store.getSnapshot().detail?.run;
			expect(run?.status).toBe(status);
			expect(run?.children?.length).toBeGreaterThan(0);
			return run;
		};

		// Two successful runs, each opened (its tree fetched) once it has concluded, then closed.
		for (let turn = 0; turn < 2; turn++) {
			const run = sim.world.addRun(SOURCE, {outcome: 'success', durationSec: 60});
			await advance(80 * SECOND);
			expect(sim.world.run(SOURCE, run.id)?.status).toBe('success');
			store.openRun(runKey(SOURCE, run.id));
			await fetched('success');
			store.openRun(null);
		}
		// Polls go on: the list answers carry no trees, and the ones fetched stay.
		await advance(30 * SECOND);
		const listed = store.getSnapshot().runs;
		expect(listed.filter((run) => run.children !== null)).toHaveLength(2);

		const running = sim.world.addRun(SOURCE, {outcome: 'success', durationSec: 60});
		await advance(10 * SECOND);
		store.openRun(runKey(SOURCE, running.id));
		const open = await fetched('running');
		const expected = open ? expectedByNode(open, store.getSnapshot().runs) : new Map();
		expect(expected.get('promote-images')?.runs).toBe(2);
		expect(expected.get('deploy/deploy-api')?.runs).toBe(2);
	}, 60_000);
});
