import {describe, expect, it, vi} from 'vitest';
import {nodeKey} from '../../source/model/run.js';
import {diffRuns} from '../../source/store/diff.js';
import {EventLog} from '../../source/store/events.js';
import {Highlights} from '../../source/store/highlights.js';
import {WatchList} from '../../source/store/watched.js';
import {makeNode, makeRun} from './fake.js';

function changesOf(before: ReturnType<typeof makeRun>[], after: ReturnType<typeof makeRun>[], at = 1_000) {
	return diffRuns(before, after, at).changes;
}

describe('Highlights', () => {
	it('lights a changed run with its kind and from/to, and its node by nodeKey', () => {
		const highlights = new Highlights(6_000);
		const before = [makeRun('s', '1', 'running', {children: [makeNode('build', 'running')]})];
		const after = [makeRun('s', '1', 'failed', {children: [makeNode('build', 'failed')]})];
		expect(highlights.mark(changesOf(before, after), 1_000)).toBe(true);
		const key = before[0]!.key;
		expect(highlights.current.get(key)).toEqual({kind: 'status', at: 1_000, until: 7_000, from: 'running', to: 'failed'});
		expect(highlights.current.get(nodeKey(key, 'build'))).toMatchObject({kind: 'status', from: 'running', to: 'failed'});
	});

	it('expires marks on time and hands out a new map each time, never mutating the old one', () => {
		const highlights = new Highlights(6_000);
		highlights.mark(changesOf([], [makeRun('s', '1', 'queued')]), 1_000);
		const lit = highlights.current;
		expect(highlights.nextExpiry()).toBe(7_000);
		expect(highlights.expire(6_999)).toBe(false);
		expect(highlights.current).toBe(lit);
		expect(highlights.expire(7_000)).toBe(true);
		expect(highlights.current.size).toBe(0);
		expect(lit.size).toBe(1);
		expect(highlights.nextExpiry()).toBeNull();
	});

	it('keeps a status mark when a progress change follows, and extends it', () => {
		const highlights = new Highlights(6_000);
		highlights.mark(changesOf([makeRun('s', '1', 'queued')], [makeRun('s', '1', 'running')]), 1_000);
		highlights.mark(changesOf([makeRun('s', '1', 'running', {progress: 0.1})], [makeRun('s', '1', 'running', {progress: 0.2})]), 3_000);
		expect(highlights.current.get(makeRun('s', '1', 'running').key)).toMatchObject({kind: 'status', to: 'running', until: 9_000});
	});

	it('does not light removed runs', () => {
		const highlights = new Highlights(6_000);
		expect(highlights.mark(changesOf([makeRun('s', '1', 'success')], []), 1_000)).toBe(false);
	});
});

describe('EventLog', () => {
	it('logs added runs and status changes of runs and nodes, not progress', () => {
		const log = new EventLog(500);
		log.record(changesOf([], [makeRun('s', '1', 'queued')]));
		log.record(changesOf([makeRun('s', '1', 'queued', {progress: 0})], [makeRun('s', '1', 'queued', {progress: 0.5})]));
		log.record(
			changesOf(
				[makeRun('s', '1', 'running', {children: [makeNode('unit', 'running', {title: 'unit tests'})]})],
				[makeRun('s', '1', 'failed', {children: [makeNode('unit', 'failed', {title: 'unit tests'})]})],
				2_000,
			),
		);
		expect(log.current.map((event) => [event.kind, event.runLabel, event.nodeTitle, event.from, event.to])).toEqual([
			['added', '#1', null, null, 'queued'],
			['status', '#1', null, 'running', 'failed'],
			['status', '#1', 'unit tests', 'running', 'failed'],
		]);
		expect(log.current[1]).toMatchObject({at: 2_000, source: 's', runKey: makeRun('s', '1', 'queued').key, nodeId: null});
	});

	it('keeps only the newest `limit` entries, newest last', () => {
		const log = new EventLog(3);
		for (let i = 0; i < 10; i++) log.record(changesOf([], [makeRun('s', String(i), 'queued')]));
		expect(log.current.map((event) => event.runLabel)).toEqual(['#7', '#8', '#9']);
	});

	it('logs one transition once when both the list and the tree report it', () => {
		const log = new EventLog(500);
		const before = makeRun('s', '1', 'running', {children: [makeNode('wf', 'running')]});
		const after = makeRun('s', '1', 'running', {children: [makeNode('wf', 'success')]});
		log.record(changesOf([before], [after]));
		log.record(changesOf([before], [after]));
		expect(log.current).toHaveLength(1);
	});
});

describe('WatchList', () => {
	it('announces a watched run once when it concludes, and never an unwatched one', () => {
		const watch = new WatchList();
		const heard: string[] = [];
		watch.onConcluded((run) => heard.push(`${run.id}:${run.status}`));
		watch.add(makeRun('s', '1', 'running').key);
		watch.report(makeRun('s', '1', 'running'));
		watch.report(makeRun('s', '2', 'success'));
		watch.report(makeRun('s', '1', 'failed'));
		watch.report(makeRun('s', '1', 'failed'));
		expect(heard).toEqual(['1:failed']);
	});

	it('tells the other listeners when one throws, and lets the error surface outside the store', () => {
		const deferred: (() => void)[] = [];
		vi.stubGlobal('queueMicrotask', (callback: () => void) => deferred.push(callback));
		try {
			const watch = new WatchList();
			const heard: string[] = [];
			watch.onConcluded(() => {
				throw new Error('listener bug');
			});
			watch.onConcluded((run) => heard.push(run.id));
			watch.add(makeRun('s', '1', 'success').key);
			watch.report(makeRun('s', '1', 'success'));
			expect(heard).toEqual(['1']);
			expect(deferred).toHaveLength(1);
			expect(() => deferred[0]!()).toThrow('listener bug');
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
