import {describe, expect, it} from 'vitest';
import {ChangeFeed, formatChangeLine, isIdle} from '../../source/output/events.js';
import {runKey} from '../../source/model/run.js';
import type {Run} from '../../source/model/run.js';
import type {SourceHealth, SourceState, StoreSnapshot, TransitionEvent} from '../../source/store/types.js';

const AT = Date.UTC(2026, 11, 2, 12, 0, 0);

function source(name: string, health: SourceHealth): SourceState {
	return {name, provider: 'sourcecraft', capabilities: {} as SourceState['capabilities'], health, lastSuccessAt: health === 'loading' || health === 'error' ? null : AT, lastError: null, nextPollAt: null, rate: null, wait: null, runCount: 0, cut: null};
}

function event(id: string, from: TransitionEvent['from'], to: TransitionEvent['to']): TransitionEvent {
	return {at: AT, runKey: runKey('acme/api', id), source: 'acme/api', runLabel: `#${id}`, nodeId: null, nodeTitle: null, kind: from === null ? 'added' : 'status', from, to};
}

function snapshot(sources: SourceState[], events: TransitionEvent[], runs: Partial<Run>[] = []): StoreSnapshot {
	return {now: AT, paused: false, sources, runs: runs as Run[], highlights: new Map(), events, watched: new Set(), detail: null, log: null};
}

describe('the change feed of citop events', () => {
	it('tells each run change once, names what concluded, and counts the failures', () => {
		const feed = new ChangeFeed();
		const added = event('7', null, 'queued');
		const running = event('7', 'queued', 'running');
		expect(feed.next(snapshot([source('acme/api', 'ok')], [added]))).toEqual([expect.objectContaining({kind: 'added', run: '7', label: '#7', to: 'queued'})]);
		expect(feed.next(snapshot([source('acme/api', 'ok')], [added, running]))).toEqual([expect.objectContaining({kind: 'status', from: 'queued', to: 'running'})]);
		expect(feed.next(snapshot([source('acme/api', 'ok')], [added, running]))).toEqual([]);
		const failed = event('7', 'running', 'failed');
		// The store's log is bounded: entries seen before may be gone.
		expect(feed.next(snapshot([source('acme/api', 'ok')], [failed]))).toEqual([expect.objectContaining({kind: 'concluded', to: 'failed'})]);
		expect(feed.failures).toBe(1);
	});

	it('leaves out steps of an open run: only runs are told', () => {
		const feed = new ChangeFeed();
		expect(feed.next(snapshot([source('acme/api', 'ok')], [{...event('7', 'queued', 'running'), nodeId: 'build'}]))).toEqual([]);
	});

	it('says when a source goes stale and when it recovers, not when it first answers', () => {
		const feed = new ChangeFeed();
		expect(feed.next(snapshot([source('acme/api', 'loading')], []))).toEqual([]);
		expect(feed.next(snapshot([source('acme/api', 'ok')], []))).toEqual([]);
		expect(feed.next(snapshot([source('acme/api', 'stale')], []))).toEqual([expect.objectContaining({kind: 'stale', source: 'acme/api', run: null, from: 'ok', to: 'stale'})]);
		expect(feed.next(snapshot([source('acme/api', 'stale')], []))).toEqual([]);
		const [recovered] = feed.next(snapshot([source('acme/api', 'ok')], []));
		expect(recovered).toMatchObject({kind: 'recovered', from: 'stale', to: 'ok'});
		expect(formatChangeLine(recovered!)).toBe('2026-12-02T12:00:00Z  acme/api  stale → ok');
	});

	it('writes a line a person reads at a glance', () => {
		expect(formatChangeLine({at: AT, source: 'acme/api', run: '7', label: '#7', from: null, to: 'queued', kind: 'added'})).toBe('2026-12-02T12:00:00Z  acme/api #7  new, queued');
		expect(formatChangeLine({at: AT, source: 'acme/api', run: '7', label: '#7', from: 'running', to: 'success', kind: 'concluded'})).toBe('2026-12-02T12:00:00Z  acme/api #7  running → success');
	});

	it('is idle once every source has answered and nothing runs or waits', () => {
		expect(isIdle(snapshot([source('a', 'ok'), source('b', 'loading')], []))).toBe(false);
		expect(isIdle(snapshot([source('a', 'ok')], [], [{status: 'queued'}]))).toBe(false);
		expect(isIdle(snapshot([source('a', 'ok'), source('b', 'stale')], [], [{status: 'success'}, {status: 'failed'}]))).toBe(true);
	});
});
