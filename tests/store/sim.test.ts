import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import type {ProviderName} from '../../source/model/run.js';
import type {SourceSpec} from '../../source/providers/types.js';
import {startSimulator} from '../../source/sim/index.js';
import type {SimulatorHandle, SimulatorOptions} from '../../source/sim/index.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore, StoreSettings} from '../../source/store/index.js';

const HOUR = 3_600_000;

let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const stop of cleanup.reverse()) await stop();
	cleanup = [];
});

interface Setup {
	clock: ManualClock;
	sim: SimulatorHandle;
	store: LiveStore;
	/** Moves the clock, letting every request the store sends finish before the next timer. */
	advance(ms: number): Promise<void>;
	source(name: string): ReturnType<LiveStore['getSnapshot']>['sources'][number];
}

async function setup(
	pick: (spec: SourceSpec) => boolean,
	options: {sim?: SimulatorOptions; settings?: Partial<StoreSettings>; specs?: (sim: SimulatorHandle) => SourceSpec[]} = {},
): Promise<Setup> {
	const clock = new ManualClock();
	const sim = await startSimulator({port: 0, seed: 7, clock, historySize: 8, ...options.sim});
	cleanup.push(() => sim.stop());
	const sources = options.specs ? options.specs(sim) : sim.sources.filter(pick);
	const store = createStore({sources, clock, settings: options.settings, random: () => 0.5, clientOptions: {retries: 0}});
	cleanup.push(() => store.stop());
	return {
		clock,
		sim,
		store,
		advance: (ms) => clock.advanceAsync(ms, () => store.settled()),
		source: (name) => {
			const found = store.getSnapshot().sources.find((source) => source.name === name);
			if (!found) throw new Error(`no source ${name}`);
			return found;
		},
	};
}

/** Waits (real time, bounded) until `condition` holds. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

const by = (provider: ProviderName) => (spec: SourceSpec) => spec.provider === provider;

describe('against the simulator', () => {
	it('keeps both Northflank flows and an open run under 1000 requests in a simulated hour', async () => {
		const {sim, store, advance, clock} = await setup(by('northflank'), {sim: {arrivalEverySec: 120}});
		expect(sim.sources.filter(by('northflank')).length).toBe(2);
		store.start();
		await store.settled();
		const running = store.getSnapshot().runs.find((run) => run.status === 'running') ?? store.getSnapshot().runs[0]!;
		store.openRun(running.key);
		const start = clock.now();
		await advance(HOUR);
		expect(clock.now() - start).toBe(HOUR);
		const total = sim.requestCount('northflank');
		expect(total).toBeLessThanOrEqual(1000);
		expect(total).toBeGreaterThan(500);
		for (const source of store.getSnapshot().sources) {
			expect(source.health).toBe('ok');
			expect(source.rate).toMatchObject({limit: 1000});
		}
	}, 120_000);

	it('switches between the fast and the slow interval as runs start and end', async () => {
		const {sim, store, advance, source, clock} = await setup((spec) => spec.name === 'build', {sim: {arrivalEverySec: 10_000_000}});
		const name = 'build';
		for (const run of sim.world.runs(name)) if (!run.concluded) sim.world.concludeRun(name, run.id, 'success');
		store.start();
		await store.settled();
		expect(source(name).health).toBe('ok');
		expect(source(name).nextPollAt! - clock.now()).toBe(30_000);

		const added = sim.world.addRun(name, {branch: 'main'});
		await advance(30_000);
		expect(store.getSnapshot().runs.find((run) => run.id === added.id)?.status).toMatch(/queued|running/);
		expect(source(name).nextPollAt! - clock.now()).toBe(3_000);

		sim.world.concludeRun(name, added.id, 'failed');
		await advance(3_000);
		expect(store.getSnapshot().runs.find((run) => run.id === added.id)?.status).toBe('failed');
		expect(store.getSnapshot().events.at(-1)).toMatchObject({kind: 'status', to: 'failed'});
		expect(source(name).nextPollAt! - clock.now()).toBe(30_000);
	});

	it('backs off on server errors, keeps the runs as stale, and comes back on the first success', async () => {
		const {sim, store, advance, source, clock} = await setup((spec) => spec.name === 'acme/api');
		store.start();
		await store.settled();
		const runs = store.getSnapshot().runs;
		expect(runs.length).toBeGreaterThan(0);

		sim.setFault('sourcecraft', {kind: 'status', status: 503});
		const waits: number[] = [];
		for (let i = 0; i < 3; i++) {
			await advance(source('acme/api').nextPollAt! - clock.now());
			waits.push(source('acme/api').nextPollAt! - clock.now());
		}
		expect(waits).toEqual([6_000, 12_000, 24_000]);
		expect(source('acme/api')).toMatchObject({health: 'stale', lastError: {kind: 'server', status: 503}});
		expect(store.getSnapshot().runs).toBe(runs);

		sim.setFault('sourcecraft', null);
		await advance(source('acme/api').nextPollAt! - clock.now());
		expect(source('acme/api')).toMatchObject({health: 'ok', lastError: null});
		expect([3_000, 30_000]).toContain(source('acme/api').nextPollAt! - clock.now());
	});

	it('stops polling a source whose token is refused until it is refreshed', async () => {
		const {sim, store, advance, source} = await setup(() => false, {
			specs: (handle) => handle.sources.filter((spec) => spec.name === 'build').map((spec) => ({...spec, token: 'wrong-token'})),
		});
		store.start();
		await store.settled();
		expect(source('build')).toMatchObject({health: 'auth', nextPollAt: null, lastError: {kind: 'auth', status: 401}});
		expect(JSON.stringify(store.getSnapshot().sources)).not.toContain('wrong-token');
		const asked = sim.requestCount('wercker');
		await advance(HOUR);
		expect(sim.requestCount('wercker')).toBe(asked);
		store.refresh('build');
		await store.settled();
		expect(sim.requestCount('wercker')).toBe(asked + 1);
		expect(source('build').health).toBe('auth');
	});

	it('aborts the request in flight on stop, and nothing is sent after', async () => {
		const {sim, store, clock} = await setup((spec) => spec.name === 'build');
		sim.setFault('wercker', {kind: 'latency', ms: 10_000});
		store.start();
		await until(() => sim.requestCount('wercker') === 1);
		const began = Date.now();
		await store.stop();
		expect(Date.now() - began).toBeLessThan(5_000);
		expect(clock.pending).toBe(0);
		await clock.advanceAsync(HOUR);
		expect(sim.requestCount('wercker')).toBe(1);
		expect(store.getSnapshot().sources[0]?.health).toBe('loading');
	});

	it('sends one list request at a time, however often a refresh is asked for', async () => {
		const {sim, store, source} = await setup((spec) => spec.name === 'build');
		sim.setFault('wercker', {kind: 'latency', ms: 300, count: 1});
		store.start();
		await until(() => sim.requestCount('wercker') === 1);
		for (let i = 0; i < 5; i++) store.refresh('build');
		await store.settled();
		// The slow answer, then the one refresh asked meanwhile.
		expect(sim.requestCount('wercker')).toBe(2);
		expect(source('build').health).toBe('ok');
	});

	it('pauses, resumes and refreshes by hand', async () => {
		const {sim, store, advance, source} = await setup((spec) => spec.name === 'acme/api');
		store.start();
		await store.settled();
		const asked = sim.requestCount('sourcecraft');
		store.pause();
		expect(source('acme/api').health).toBe('paused');
		await advance(10 * 60_000);
		expect(sim.requestCount('sourcecraft')).toBe(asked);
		store.resume();
		await store.settled();
		expect(sim.requestCount('sourcecraft')).toBe(asked + 1);
		expect(source('acme/api').health).toBe('ok');
		store.refresh();
		await store.settled();
		expect(sim.requestCount('sourcecraft')).toBe(asked + 2);
	});

	it('follows the tree and the log of an open SourceCraft run', async () => {
		const {sim, store, advance} = await setup((spec) => spec.name === 'acme/api', {sim: {arrivalEverySec: 10_000_000}});
		const added = sim.world.addRun('acme/api', {branch: 'main'});
		store.start();
		await store.settled();
		const run = store.getSnapshot().runs.find((candidate) => candidate.id === added.id)!;
		store.openRun(run.key);
		await store.settled();
		await advance(20_000);
		const detail = store.getSnapshot().detail!;
		expect(detail.run?.children?.length).toBeGreaterThan(0);
		const cube = detail.run?.children?.[0]?.children?.[0]?.children?.[0];
		expect(cube?.log).not.toBeNull();
		store.openLog(run.key, cube!.id);
		await store.settled();
		await advance(60_000);
		const log = store.getSnapshot().log!;
		expect(log.error).toBeNull();
		expect(log.lines.length).toBeGreaterThan(0);
		for (const line of log.lines) expect(line).not.toMatch(/[\u0000-\u0008\u001b]/);
	});
});

describe('a short 429 burst on Northflank', () => {
	it('waits what the answers say, then polls again and recovers; the sources say why they wait and until when', async () => {
		const {sim, store, advance, source, clock} = await setup(by('northflank'));
		store.start();
		await advance(10_000);
		const names = store.getSnapshot().sources.map((item) => item.name);
		sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: 60, count: 3});
		store.refresh();
		await store.settled();
		for (const name of names) {
			expect(source(name)).toMatchObject({health: 'stale', wait: {reason: 'rate limited', until: clock.now() + 60_000}});
			expect(source(name).nextPollAt).toBe(clock.now() + 60_000);
		}
		await advance(10 * 60_000);
		for (const name of names) expect(source(name)).toMatchObject({health: 'ok', lastError: null, wait: null});
		expect(source(names[0]!).rate?.remaining).toBeGreaterThan(900);
	});

	it('polls at once on refresh, one request per source, whatever the budget says', async () => {
		const {sim, store, source} = await setup((spec) => spec.provider === 'northflank' && spec.name === 'shop-release');
		store.start();
		await store.settled();
		sim.setFault('northflank', {kind: 'status', status: 429, retryAfterSec: 3_000});
		store.refresh();
		await store.settled();
		expect(source('shop-release').wait).toMatchObject({reason: 'rate limited'});
		sim.setFault('northflank', null);
		const asked = sim.requestCount('northflank');
		store.refresh();
		await store.settled();
		expect(sim.requestCount('northflank')).toBe(asked + 1);
		expect(source('shop-release')).toMatchObject({health: 'ok', wait: null});
	});
});
