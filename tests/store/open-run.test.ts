import {afterEach, describe, expect, it} from 'vitest';
import {nodeKey} from '../../source/model/run.js';
import type {Run} from '../../source/model/run.js';
import {MAX_LOG_LINES, appendLines} from '../../source/store/log.js';
import {FakeClient, flush, makeNode, makeRun, providerError} from './fake.js';
import {started, stopStores} from './harness.js';

afterEach(stopStores);

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

	it('has not caught up with a running step while a read stops at its own limit: it reads on at once', async () => {
		const client = new FakeClient('api');
		const going = makeRun('api', '2', 'running', {children: [makeNode('unit', 'running', {log: {path: ['2', 'unit']}})]});
		client.runs = [going];
		client.logs = [
			{lines: ['a', 'b'], partial: '', cursor: null, done: false, more: true},
			{lines: ['c'], partial: 'd', cursor: null, done: false},
		];
		const {clock, store, snapshot} = await started([client]);
		const heard: string[] = [];
		const seen: Array<boolean | undefined> = [];
		store.subscribe(() => seen.push(snapshot().log?.caughtUp));
		store.openRun(going.key);
		store.openLog(going.key, 'unit', (lines) => heard.push(...lines));
		await flush();
		await clock.advanceAsync(1_000);
		expect(heard).toEqual(['a', 'b', 'c']);
		expect(seen).toContain(false);
		expect(snapshot().log).toMatchObject({done: false, caughtUp: true, partial: 'd'});
	});

	it('hands a reader every line of a finished step, more than the view keeps, and says when it has caught up', async () => {
		const client = new FakeClient('api');
		const done = makeRun('api', '1', 'failed', {children: [makeNode('unit', 'failed', {log: {path: ['1', 'unit']}})]});
		client.runs = [done];
		const many = Array.from({length: MAX_LOG_LINES + 10}, (_, index) => `line ${index}`);
		client.logs = [
			{lines: many, partial: '', cursor: null, done: false},
			{lines: ['last'], partial: '', cursor: null, done: true},
		];
		const {clock, store, snapshot} = await started([client]);
		const heard: string[] = [];
		const seen: Array<boolean | undefined> = [];
		store.subscribe(() => seen.push(snapshot().log?.caughtUp));
		store.openRun(done.key);
		store.openLog(done.key, 'unit', (lines) => heard.push(...lines));
		await flush();
		// Read again at once, as soon as the budget lets it go (a few reads a second).
		await clock.advanceAsync(1_000);
		expect(heard).toEqual([...many, 'last']);
		expect(snapshot().log).toMatchObject({done: true, caughtUp: true});
		expect(snapshot().log?.lines).toHaveLength(MAX_LOG_LINES);
		expect(snapshot().log?.lines[0]).toBe('line 11');
		expect(snapshot().log?.dropped).toBe(11);
		// The first read of a finished step brought lines: the next comes at once, it had not caught up.
		expect(seen).toContain(false);
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

describe('the kept lines of a log', () => {
	it('counts the lines dropped from the front, so a line keeps its place in the log', () => {
		let kept = appendLines({lines: [], dropped: 0}, ['a', 'b', 'c'], 4);
		expect(kept).toEqual({lines: ['a', 'b', 'c'], dropped: 0});
		kept = appendLines(kept, ['d', 'e', 'f'], 4);
		expect(kept).toEqual({lines: ['c', 'd', 'e', 'f'], dropped: 2});
		kept = appendLines(kept, [], 4);
		expect(kept.dropped).toBe(2);
		kept = appendLines(kept, ['g'], 4);
		expect(kept).toEqual({lines: ['d', 'e', 'f', 'g'], dropped: 3});
	});
});
