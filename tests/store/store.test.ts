import {afterEach, describe, expect, it} from 'vitest';
import {FakeClient, flush, makeRun, providerError} from './fake.js';
import {started, stopStores} from './harness.js';

afterEach(stopStores);

describe('snapshots', () => {
	it('gives one object until something changes, and keeps unchanged runs and the run list', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '2', 'running'), makeRun('api', '1', 'success')];
		const {clock, snapshot} = await started([client]);
		const first = snapshot();
		expect(snapshot()).toBe(first);
		expect(first.runs.map((run) => run.id)).toEqual(['2', '1']);
		expect(first.now).toBe(clock.now());

		await clock.advanceAsync(3_000);
		expect(snapshot()).not.toBe(first);
		expect(snapshot().runs).toBe(first.runs);

		client.runs = [makeRun('api', '2', 'success'), makeRun('api', '1', 'success')];
		await clock.advanceAsync(3_000);
		expect(snapshot().runs[0]?.status).toBe('success');
		expect(snapshot().runs[1]).toBe(first.runs[1]);
	});

	it('lists every source, in order, with its state', async () => {
		const a = new FakeClient('a');
		const b = new FakeClient('b', 'wercker');
		a.runs = [makeRun('a', '1', 'success')];
		b.runs = [makeRun('b', 'x', 'running'), makeRun('b', 'y', 'failed')];
		const {snapshot} = await started([a, b]);
		expect(snapshot().runs.map((run) => run.key)).toEqual([a.runs[0]!.key, b.runs[0]!.key, b.runs[1]!.key]);
		expect(snapshot().sources.map((source) => [source.name, source.provider, source.runCount, source.health])).toEqual([
			['a', 'sourcecraft', 1, 'ok'],
			['b', 'wercker', 2, 'ok'],
		]);
	});

	it('tells subscribers when something changed', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store} = await started([client]);
		let heard = 0;
		const unsubscribe = store.subscribe(() => heard++);
		await clock.advanceAsync(3_000);
		expect(heard).toBeGreaterThan(0);
		unsubscribe();
		const before = heard;
		await clock.advanceAsync(3_000);
		expect(heard).toBe(before);
	});
});

describe('highlights and events', () => {
	it('lights nothing on the first load, then lights changes and logs them', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, snapshot} = await started([client]);
		expect(snapshot().highlights.size).toBe(0);
		expect(snapshot().events).toEqual([]);

		client.runs = [makeRun('api', '2', 'queued'), makeRun('api', '1', 'failed')];
		await clock.advanceAsync(3_000);
		const [added, failed] = client.runs;
		expect(snapshot().highlights.get(added!.key)).toMatchObject({kind: 'added', to: 'queued', until: clock.now() + 6_000});
		expect(snapshot().highlights.get(failed!.key)).toMatchObject({kind: 'status', from: 'running', to: 'failed'});
		expect(snapshot().events.map((event) => [event.kind, event.runLabel, event.from, event.to])).toEqual([
			['added', '#2', null, 'queued'],
			['status', '#1', 'running', 'failed'],
		]);
	});

	it('lets highlights fade on time without a poll', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store, snapshot} = await started([client], {slowIntervalMs: 600_000});
		client.runs = [makeRun('api', '1', 'success')];
		await clock.advanceAsync(3_000);
		expect(snapshot().highlights.size).toBe(1);
		const lists = client.lists;
		let heard = 0;
		store.subscribe(() => heard++);
		await clock.advanceAsync(5_999);
		expect(snapshot().highlights.size).toBe(1);
		await clock.advanceAsync(1);
		expect(snapshot().highlights.size).toBe(0);
		expect(heard).toBe(1);
		expect(client.lists).toBe(lists);
	});

	it('bounds the event log', async () => {
		const client = new FakeClient('api');
		const {clock, snapshot} = await started([client], {eventLimit: 5});
		for (let i = 1; i <= 8; i++) {
			client.runs = [makeRun('api', String(i), 'queued'), ...client.runs];
			await clock.advanceAsync(30_000);
		}
		expect(snapshot().events.map((event) => event.runLabel)).toEqual(['#4', '#5', '#6', '#7', '#8']);
	});
});

describe('actions', () => {
	it('triggers a run and polls its source at once so the run shows up', async () => {
		const client = new FakeClient('api');
		const {store, snapshot} = await started([client], {slowIntervalMs: 600_000});
		const run = await store.trigger('api', {branch: 'main'});
		await flush();
		expect(client.triggered).toEqual([{branch: 'main'}]);
		expect(snapshot().runs.map((shown) => shown.key)).toEqual([run.key]);
		expect(snapshot().highlights.get(run.key)?.kind).toBe('added');
	});

	it('aborts a run and polls again; errors reject and polling goes on', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store} = await started([client]);
		await store.abort(client.runs[0]!.key);
		expect(client.abortedRuns).toEqual(['1']);
		expect(client.lists).toBe(2);

		client.failWith = providerError('forbidden');
		await expect(store.abort(client.runs[0]!.key)).rejects.toMatchObject({kind: 'forbidden'});
		client.failWith = null;
		await clock.advanceAsync(3_000);
		expect(client.lists).toBe(3);
	});

	it('refuses what the source cannot do, with its reason', async () => {
		const client = new FakeClient('flow', 'northflank', 'k', {abort: false, reasons: {abort: 'No abort here.'}});
		const {store} = await started([client]);
		await expect(store.abort('flow\u001f1')).rejects.toMatchObject({kind: 'unsupported', message: 'No abort here.'});
		await expect(store.trigger('nope', {})).rejects.toMatchObject({kind: 'invalid_request'});
	});
});
