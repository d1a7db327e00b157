import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {nodeKey} from '../../source/model/run.js';
import type {Run} from '../../source/model/run.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore, StoreSettings} from '../../source/store/index.js';
import {FakeClient, flush, makeNode, makeRun, providerError} from './fake.js';

let stores: LiveStore[] = [];

afterEach(async () => {
	await Promise.all(stores.map((store) => store.stop()));
	stores = [];
});

async function started(clients: FakeClient[], settings: Partial<StoreSettings> = {}) {
	const clock = new ManualClock();
	const store = createStore({clients, clock, settings, random: () => 0.5});
	stores.push(store);
	store.start();
	await flush();
	return {clock, store, snapshot: () => store.getSnapshot()};
}

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
		const {clock, snapshot} = await started([client], {slowIntervalMs: 600_000});
		client.runs = [makeRun('api', '1', 'success')];
		await clock.advanceAsync(3_000);
		expect(snapshot().highlights.size).toBe(1);
		const lists = client.lists;
		let heard = 0;
		stores[0]!.subscribe(() => heard++);
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

describe('the open run', () => {
	function tree(id: string, status: Run['status'], unit: Run['status']): Run {
		return makeRun('flow', id, status, {
			children: [makeNode('build', status, {children: [makeNode('unit', unit, {log: {path: ['unit']}})]})],
		});
	}

	it('fetches the tree fast while the run runs, once more when it ends, then stops', async () => {
		const client = new FakeClient('flow');
		client.runs = [makeRun('flow', 'r1', 'running')];
		client.trees.set('r1', tree('r1', 'running', 'running'));
		const {clock, store, snapshot} = await started([client], {slowIntervalMs: 30_000});
		store.openRun(client.runs[0]!.key);
		expect(snapshot().detail).toMatchObject({runKey: client.runs[0]!.key, loading: true, run: null});
		await flush();
		expect(snapshot().detail).toMatchObject({loading: false, fetchedAt: clock.now(), error: null});
		expect(snapshot().detail?.run?.children?.[0]?.children?.[0]?.status).toBe('running');

		await clock.advanceAsync(9_000);
		expect(client.gets).toBe(4);

		client.trees.set('r1', tree('r1', 'failed', 'failed'));
		await clock.advanceAsync(3_000);
		expect(client.gets).toBe(5);
		const key = client.runs[0]!.key;
		expect(snapshot().highlights.get(nodeKey(key, 'unit'))).toMatchObject({kind: 'status', from: 'running', to: 'failed'});
		expect(snapshot().events.map((event) => [event.nodeTitle, event.to])).toEqual([
			[null, 'failed'],
			['build', 'failed'],
			['unit', 'failed'],
		]);

		await clock.advanceAsync(60_000);
		expect(client.gets).toBe(5);

		// The list tells the same story later: logged once, and the tree is fetched once more.
		client.runs = [makeRun('flow', 'r1', 'failed')];
		await clock.advanceAsync(60_000);
		expect(snapshot().events).toHaveLength(3);
		expect(client.gets).toBe(6);
		await clock.advanceAsync(60_000);
		expect(client.gets).toBe(6);
		store.openRun(null);
		expect(snapshot().detail).toBeNull();
	});

	it('shows the error of a failed fetch and keeps trying', async () => {
		const client = new FakeClient('flow');
		client.runs = [makeRun('flow', 'r1', 'running')];
		const {clock, store, snapshot} = await started([client]);
		client.failWith = providerError('server');
		store.openRun(client.runs[0]!.key);
		await flush();
		expect(snapshot().detail).toMatchObject({loading: false, run: null, error: {kind: 'server'}});
		client.failWith = null;
		await clock.advanceAsync(6_000);
		expect(snapshot().detail).toMatchObject({error: null, run: {id: 'r1'}});
	});

	it('says so when the run key names no configured source', async () => {
		const {store, snapshot} = await started([new FakeClient('api')]);
		store.openRun('nowhere\u001f1');
		expect(snapshot().detail).toMatchObject({loading: false, error: {kind: 'not_found'}});
	});
});

describe('the open log', () => {
	it('appends chunks from the cursor while the step runs, and stops when done', async () => {
		const client = new FakeClient('api');
		const live = makeRun('api', '1', 'running', {children: [makeNode('unit', 'running', {log: {path: ['1', 'unit']}})]});
		client.runs = [live];
		client.logs = [
			{lines: ['one', 'two'], partial: 'thr', cursor: null, done: false},
			{lines: ['three'], partial: '', cursor: null, done: false},
			{lines: ['four'], partial: '', cursor: null, done: true},
		];
		const {clock, store, snapshot} = await started([client]);
		store.openRun(live.key);
		store.openLog(live.key, 'unit');
		await flush();
		expect(snapshot().log).toMatchObject({lines: ['one', 'two'], partial: 'thr', done: false, loading: false});
		await clock.advanceAsync(3_000);
		expect(snapshot().log).toMatchObject({lines: ['one', 'two', 'three'], partial: ''});
		await clock.advanceAsync(3_000);
		expect(snapshot().log).toMatchObject({lines: ['one', 'two', 'three', 'four'], done: true});
		const reads = client.reads;
		await clock.advanceAsync(60_000);
		expect(client.reads).toBe(reads);
		store.closeLog();
		expect(snapshot().log).toBeNull();
	});

	it('says why when the source has no logs', async () => {
		const client = new FakeClient('flow', 'northflank', 'k', {logs: false, reasons: {logs: 'Release flows have no logs.'}});
		client.runs = [makeRun('flow', '1', 'running', {children: [makeNode('deploy', 'running')]})];
		const {store, snapshot} = await started([client]);
		store.openLog(client.runs[0]!.key, 'deploy');
		await flush();
		expect(snapshot().log).toMatchObject({loading: false, error: {kind: 'unsupported', message: 'Release flows have no logs.'}});
		expect(client.reads).toBe(0);
	});
});

describe('watched runs', () => {
	it('fires once when a watched run concludes, whether the list or the tree says it first', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running'), makeRun('api', '2', 'running')];
		const {clock, store, snapshot} = await started([client]);
		const heard: string[] = [];
		store.onWatchedConcluded((run) => heard.push(`${run.id} ${run.status}`));
		store.watch(client.runs[0]!.key);
		expect(snapshot().watched.has(client.runs[0]!.key)).toBe(true);

		client.runs = [makeRun('api', '1', 'success'), makeRun('api', '2', 'failed')];
		await clock.advanceAsync(3_000);
		await clock.advanceAsync(60_000);
		expect(heard).toEqual(['1 success']);
	});

	it('fires for a run that had already concluded when it is next reported', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'failed')];
		const {store} = await started([client]);
		const heard: string[] = [];
		store.onWatchedConcluded((run) => heard.push(run.status));
		store.watch(client.runs[0]!.key);
		await flush();
		expect(heard).toEqual(['failed']);
	});

	it('stops fetching the tree of a run no longer watched', async () => {
		const client = new FakeClient('api');
		client.runs = [makeRun('api', '1', 'running')];
		const {clock, store} = await started([client]);
		store.watch(client.runs[0]!.key);
		await clock.advanceAsync(3_000);
		const gets = client.gets;
		expect(gets).toBeGreaterThan(0);
		store.unwatch(client.runs[0]!.key);
		await clock.advanceAsync(30_000);
		expect(client.gets).toBe(gets);
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
