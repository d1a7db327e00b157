import {afterEach, describe, expect, it} from 'vitest';
import type {StoreSettings} from '../../source/store/index.js';
import {FakeClient, flush, makeRun, providerError} from './fake.js';
import {makeStore, stopStores} from './harness.js';

afterEach(stopStores);

function setup(clients: FakeClient[], settings: Partial<StoreSettings> = {}, random = (): number => 0.5) {
	const {clock, store} = makeStore(clients, settings, random);
	const source = (index = 0) => store.getSnapshot().sources[index]!;
	/** Milliseconds from now to the source's next poll. */
	const nextIn = (index = 0): number | null => {
		const at = source(index).nextPollAt;
		return at === null ? null : at - clock.now();
	};
	return {clock, store, source, nextIn};
}

describe('adaptive interval', () => {
	it('polls fast while a run is queued or running, slowly once all have concluded', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '2', 'running'), makeRun('api', '1', 'success')];
		const {clock, store, source, nextIn} = setup([client]);
		expect(source().health).toBe('loading');
		store.start();
		await flush();
		expect(client.lists).toBe(1);
		expect(source().health).toBe('ok');
		expect(nextIn()).toBe(3_000);

		await clock.advanceAsync(3_000);
		expect(client.lists).toBe(2);

		client.runs = [makeRun('api', '2', 'success'), makeRun('api', '1', 'success')];
		await clock.advanceAsync(3_000);
		expect(client.lists).toBe(3);
		expect(nextIn()).toBe(30_000);
		await clock.advanceAsync(29_000);
		expect(client.lists).toBe(3);

		client.runs = [makeRun('api', '3', 'queued'), ...client.runs];
		await clock.advanceAsync(1_000);
		expect(client.lists).toBe(4);
		expect(nextIn()).toBe(3_000);
	});

	it('spreads polls by the jitter so sources do not fire together', async () => {
		const early = new FakeClient('a');
		const {store, nextIn} = setup([early], {}, () => 0);
		early.runs = [makeRun('a', '1', 'running')];
		store.start();
		await flush();
		expect(nextIn()).toBe(2_700);
	});
});

describe('errors', () => {
	it('backs off exponentially, keeps the last good runs as stale, and recovers on the first success', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store, source, nextIn} = setup([client]);
		store.start();
		await flush();
		const good = store.getSnapshot().runs;

		client.failWith = providerError('server');
		const waits: (number | null)[] = [];
		for (let i = 0; i < 4; i++) {
			await clock.advanceAsync(nextIn()!);
			waits.push(nextIn());
		}
		expect(waits).toEqual([6_000, 12_000, 24_000, 48_000]);
		expect(source().health).toBe('stale');
		expect(source().lastError).toMatchObject({kind: 'server', message: 'fake server', requestId: 'req-1', source: 'api'});
		expect(store.getSnapshot().runs).toBe(good);

		client.failWith = null;
		await clock.advanceAsync(nextIn()!);
		expect(source()).toMatchObject({health: 'ok', lastError: null, lastSuccessAt: clock.now()});
		expect(nextIn()).toBe(3_000);
	});

	it('caps the backoff', async () => {
		const client = new FakeClient('api');
		client.failWith = providerError('network');
		const {clock, store, source, nextIn} = setup([client], {maxBackoffMs: 20_000});
		store.start();
		await flush();
		for (let i = 0; i < 5; i++) await clock.advanceAsync(nextIn()!);
		expect(nextIn()).toBe(20_000);
		expect(source().health).toBe('error');
	});

	it("honours the server's Retry-After as the least wait", async () => {
		const client = new FakeClient('api');
		client.failWith = providerError('rate_limited', {retryAfterMs: 90_000});
		const {store, nextIn} = setup([client]);
		store.start();
		await flush();
		expect(nextIn()).toBe(90_000);
	});

	it.each(['auth', 'forbidden'] as const)('stops polling on %s until a refresh', async (kind) => {
		const client = new FakeClient('api');
		client.failWith = providerError(kind);
		const {clock, store, source} = setup([client]);
		store.start();
		await flush();
		expect(source()).toMatchObject({health: 'auth', nextPollAt: null, lastError: {kind}});
		await clock.advanceAsync(3_600_000);
		expect(client.lists).toBe(1);

		client.failWith = null;
		client.runs = [makeRun('api', '1', 'running')];
		store.refresh('api');
		await flush();
		expect(client.lists).toBe(2);
		expect(source().health).toBe('ok');
		await clock.advanceAsync(3_000);
		expect(client.lists).toBe(3);
	});

	it('keeps other sources polling while one fails', async () => {
		const bad = new FakeClient('bad');
		const good = new FakeClient('good');
		bad.failWith = providerError('auth');
		good.runs = [makeRun('good', '1', 'running')];
		const {clock, store, source} = setup([bad, good]);
		store.start();
		await clock.advanceAsync(30_000);
		expect(source(0).health).toBe('auth');
		expect(source(1).health).toBe('ok');
		expect(good.lists).toBe(11);
	});
});

describe('requests in flight', () => {
	it('never sends two list requests of one source at once; a refresh asked meanwhile goes right after', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		client.hold = true;
		const {clock, store} = setup([client]);
		store.start();
		store.refresh();
		store.refresh('api');
		await clock.advanceAsync(60_000);
		expect(client.lists).toBe(1);
		client.release();
		await flush();
		expect(client.lists).toBe(2);
		expect(client.maxInFlight).toBe(1);
	});

	it('aborts every request in flight on stop, and nothing fires after', async () => {
		const api = new FakeClient('api');
		const flow = new FakeClient('flow', 'northflank');
		api.hold = true;
		flow.runs = [makeRun('flow', '1', 'running')];
		const {clock, store} = setup([api, flow]);
		store.start();
		store.openRun(flow.runs[0]!.key);
		await flush();
		let heard = 0;
		store.subscribe(() => heard++);
		await store.stop();
		expect(api.aborted).toBe(1);
		expect(clock.pending).toBe(0);
		const counts = [api.lists, flow.lists, flow.gets];
		api.release();
		await clock.advanceAsync(3_600_000);
		expect([api.lists, flow.lists, flow.gets]).toEqual(counts);
		expect(heard).toBe(0);
	});
});

describe('pause, resume and refresh', () => {
	it('pauses all polling (health paused) and resumes with a poll at once', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store, source} = setup([client]);
		store.start();
		await flush();
		store.pause();
		expect(store.getSnapshot().paused).toBe(true);
		expect(source()).toMatchObject({health: 'paused', nextPollAt: null});
		await clock.advanceAsync(600_000);
		expect(client.lists).toBe(1);

		store.resume();
		await flush();
		expect(client.lists).toBe(2);
		expect(source().health).toBe('ok');
		expect(store.getSnapshot().paused).toBe(false);
	});

	it('aborts the request in flight on pause', async () => {
		const client = new FakeClient('api');
		client.hold = true;
		const {store} = setup([client]);
		store.start();
		store.pause();
		await flush();
		expect(client.aborted).toBe(1);
	});

	it('refreshes one source or all of them at once', async () => {
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const {store} = setup([a, b]);
		store.start();
		await flush();
		store.refresh('a');
		await flush();
		expect([a.lists, b.lists]).toEqual([2, 1]);
		store.refresh();
		await flush();
		expect([a.lists, b.lists]).toEqual([3, 2]);
	});
});

describe('rate budget', () => {
	it('keeps two Northflank flows on one token and an open run under 600 requests an hour', async () => {
		const one = new FakeClient('one', 'northflank', 'token');
		const two = new FakeClient('two', 'northflank', 'token');
		one.runs = [makeRun('one', 'r1', 'running')];
		two.runs = [makeRun('two', 'r2', 'running')];
		const {clock, store} = setup([one, two]);
		store.start();
		store.openRun(one.runs[0]!.key);
		await clock.advanceAsync(3_600_000);
		const total = one.lists + two.lists + one.gets;
		expect(total).toBeLessThanOrEqual(600);
		expect(total).toBeGreaterThan(450);
		expect(one.lists).toBeGreaterThan(120);
		expect(two.lists).toBeGreaterThan(120);
		expect(one.gets).toBeGreaterThan(120);
	});

	it('slows down to what the server says remains', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store, nextIn} = setup([client]);
		store.start();
		await flush();
		store.observeRateLimit('api', {limit: 100, remaining: 10, resetAt: clock.now() + 600_000, retryAfterMs: null, observedAt: clock.now()});
		await clock.advanceAsync(3_000);
		expect(client.lists).toBe(1);
		expect(nextIn()).toBeGreaterThan(60_000);
		expect(store.getSnapshot().sources[0]?.rate).toMatchObject({limit: 100, remaining: 10});
	});
});
