import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {estimateRun, expectedFor} from '../../source/model/estimate.js';
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
});
