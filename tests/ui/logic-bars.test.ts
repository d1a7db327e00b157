import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {describeEvent, footerParts, headerParts, healthText, rateText} from '../../source/ui/logic/bars.js';
import {formatSpan, runningTime} from '../../source/output/time.js';
import {formatClock, formatUntil} from '../../source/ui/logic/time.js';
import {symbolsFor} from '../../source/ui/logic/symbols.js';
import {FakeStore} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';

const clock = new ManualClock();
const now = clock.now();
const symbols = symbolsFor(false);

describe('time words', () => {
	it('says spans briefly and rounds waits up', () => {
		expect(formatSpan(2_400)).toBe('2s');
		expect(formatSpan(125_000)).toBe('2m');
		expect(formatSpan(3 * 3_600_000)).toBe('3h');
		expect(formatSpan(50 * 3_600_000)).toBe('2d');
		expect(formatUntil(now + 300, now)).toBe('1s');
		expect(formatUntil(now - 5000, now)).toBe('0s');
		expect(formatClock(Date.UTC(2026, 0, 1, 0, 0, 0))).toMatch(/^\d\d:\d\d:\d\d$/);
	});

	it('measures running work to now and concluded work to its end', () => {
		expect(runningTime({status: 'running', startedAt: now - 5000, finishedAt: null, updatedAt: null}, now)).toBe(5000);
		expect(runningTime({status: 'success', startedAt: now - 5000, finishedAt: now - 1000, updatedAt: null}, now)).toBe(4000);
		expect(runningTime({status: 'success', startedAt: now - 5000, finishedAt: null, updatedAt: now - 2000}, now)).toBe(3000);
		expect(runningTime({status: 'failed', startedAt: now - 5000, finishedAt: null, updatedAt: null}, now)).toBeNull();
		expect(runningTime({status: 'queued', startedAt: null, finishedAt: null, updatedAt: null}, now)).toBeNull();
	});
});

describe('header', () => {
	it('says each source health in a word, staleness with its age', () => {
		expect(healthText(makeSource('a'), now)).toEqual({text: 'ok', tone: 'ok'});
		expect(healthText(makeSource('a', {health: 'stale', lastSuccessAt: now - 120_000}), now).text).toBe('STALE 2m');
		expect(healthText(makeSource('a', {health: 'auth'}), now).text).toBe('auth refused');
		expect(healthText(makeSource('a', {health: 'paused'}), now).text).toBe('paused');
	});

	it('shows the rate budget, or why the source waits and until when', () => {
		const rate = {limit: 1000, remaining: 812, resetAt: null, retryAfterMs: null, observedAt: now};
		expect(rateText(makeSource('nf', {rate}), now)).toBe('(812/1000)');
		const held = makeSource('nf', {rate, wait: {reason: 'budget spent', until: now + 40_000}});
		expect(rateText(held, now)).toBe(`(budget spent, next poll ${formatClock(now + 40_000)})`);
		expect(rateText(held, now + 50_000)).toBe('(812/1000)');
		expect(rateText(makeSource('w'), now)).toBe('');
	});

	it('keeps a source in trouble ahead of healthy ones when room is short', () => {
		const parts = headerParts([makeSource('a'), makeSource('b', {health: 'error'})], now);
		expect(parts.map((part) => part.text)).toEqual(['citop', 'a ok', 'b error']);
		expect(parts[2]!.priority).toBeGreaterThan(parts[1]!.priority!);
	});
});

describe('footer', () => {
	const error = {kind: 'server' as const, status: 502, message: 'deploy: the server failed (502) on GET /runs (request id req-42) — try again later', requestId: 'req-42'};

	it('tells the last change, data age, next poll and the last error with its request id', () => {
		const store = new FakeStore(clock, {
			sources: [makeSource('deploy', {health: 'stale', lastSuccessAt: now - 2_000, nextPollAt: now + 1_000, lastError: error})],
			events: [
				{at: now - 1000, runKey: 'k', source: 'deploy', runLabel: '#5751', nodeId: null, nodeTitle: null, kind: 'status', from: 'running', to: 'failed'},
			],
		});
		const texts = footerParts(store.getSnapshot(), null, null, now, symbols).map((part) => part.text);
		expect(texts[0]).toMatch(/^deploy #5751 running → failed \d\d:\d\d:\d\d$/);
		expect(texts.slice(1)).toEqual(['data 2s old', 'next poll 1s', 'deploy: server: the server failed (502) on GET /runs (request id req-42) — try again later']);
	});

	it('names the source each figure is about when several are in view', () => {
		const store = new FakeStore(clock, {
			sources: [
				makeSource('acme/api', {lastSuccessAt: now - 1_000, nextPollAt: now + 1_000}),
				makeSource('shop-release', {lastSuccessAt: now - 35_000, nextPollAt: now + 60_000, wait: {reason: 'rate limited', until: now + 60_000}}),
			],
		});
		const texts = footerParts(store.getSnapshot(), null, null, now, symbols).map((part) => part.text);
		expect(texts).toEqual(['shop-release data 35s old', 'acme/api next poll 1s', `shop-release (rate limited, next poll ${formatClock(now + 60_000)})`]);
		const one = footerParts(store.getSnapshot(), 'shop-release', null, now, symbols).map((part) => part.text);
		expect(one).toEqual(['data 35s old', 'next poll 1m', `shop-release (rate limited, next poll ${formatClock(now + 60_000)})`]);
	});

	it('shows the request budget closest to running out among the sources in view', () => {
		const rate = (remaining: number) => ({limit: 1000, remaining, resetAt: null, retryAfterMs: null, observedAt: now});
		const store = new FakeStore(clock, {
			sources: [makeSource('deploy', {lastSuccessAt: now}), makeSource('prod', {lastSuccessAt: now, rate: rate(812)}), makeSource('staging', {lastSuccessAt: now, rate: rate(40)})],
		});
		expect(footerParts(store.getSnapshot(), null, null, now, symbols).map((part) => part.text)).toContain('staging (40/1000)');
		expect(footerParts(store.getSnapshot(), 'prod', null, now, symbols).map((part) => part.text)).toContain('prod (812/1000)');
		expect(footerParts(store.getSnapshot(), 'deploy', null, now, symbols).map((part) => part.text).join(' ')).not.toContain('/1000');
	});

	it('keeps a warning about the setup in view, and says a dead source in the words of citop runs', () => {
		const network = {kind: 'network' as const, source: 'build', message: 'build: could not reach 127.0.0.1:9 (ECONNREFUSED) on GET /runs — check the network and baseUrl'};
		const store = new FakeStore(clock, {sources: [makeSource('build', {health: 'error', lastError: network})]});
		const texts = footerParts(store.getSnapshot(), null, null, now, symbols, ['~/c.yaml is readable by others and holds a token: chmod 600 ~/c.yaml']).map((part) => part.text);
		expect(texts).toContain('warning: ~/c.yaml is readable by others and holds a token: chmod 600 ~/c.yaml');
		expect(texts).toContain('build: network: could not reach 127.0.0.1:9 (ECONNREFUSED) on GET /runs — check the network and baseUrl');
		const ascii = footerParts(store.getSnapshot(), null, null, now, symbolsFor(true)).map((part) => part.text);
		expect(ascii).toContain('build: network: could not reach 127.0.0.1:9 (ECONNREFUSED) on GET /runs - check the network and baseUrl');
	});

	it('puts the message of an action first and says when polling is paused', () => {
		const store = new FakeStore(clock, {paused: true, sources: [makeSource('deploy', {lastSuccessAt: now})]});
		const parts = footerParts(store.getSnapshot(), 'deploy', {text: 'could not abort', error: true}, now, symbols);
		expect(parts.map((part) => part.text)).toEqual(['could not abort', 'data 0s old', 'polling paused']);
		expect(parts[0]).toMatchObject({tone: 'error'});
	});

	it('describes node changes and new runs', () => {
		const base = {at: now, runKey: 'k', source: 'acme/api', runLabel: '#1284', kind: 'status' as const, from: 'queued' as const, to: 'running' as const};
		expect(describeEvent({...base, nodeId: 'n', nodeTitle: 'unit'}, symbols)).toMatch(/^acme\/api #1284 unit queued → running/);
		expect(describeEvent({...base, nodeId: null, nodeTitle: null, kind: 'added', from: null, to: 'queued'}, symbols)).toMatch(/^acme\/api #1284 new, queued/);
	});
});
