import {afterEach, describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {ManualClock} from '../../source/model/clock.js';
import {FakeStore, makeRun} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';
import {KEY, plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

const MINUTE = 60_000;

/** `deploy`: one run going for 12 minutes, main red since #5750; `api`: all green. */
function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {lastSuccessAt: now}), makeSource('api', {lastSuccessAt: now})],
		runs: [
			makeRun('deploy', '5752', 12, now, {status: 'running'}),
			makeRun('deploy', '5753', 1, now, {status: 'queued'}),
			makeRun('deploy', '5751', 20, now, {status: 'failed'}),
			makeRun('deploy', '5750', 30, now, {status: 'failed'}),
			makeRun('deploy', '5749', 40, now, {finishedAt: now - 37 * MINUTE}),
			makeRun('deploy', '5748', 50, now, {finishedAt: now - 40 * MINUTE}),
			makeRun('api', '88', 3, now, {status: 'running'}),
			makeRun('api', '87', 10, now),
			makeRun('api', '86', 100, now, {status: 'failed', branch: 'feature'}),
		],
	});
	return {clock, store, now};
}

const lines = (frame: string) => plain(frame).split('\n');

describe('the summary line', () => {
	it('sums up every source under the header at 120 columns', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120, rows: 24});
		const shown = lines(app.frame());
		expect(shown[1]).toBe('2 running · 1 queued · 2 failed in 1h · 50% ok of 6 · p50 1:00 · p90 10:00 · deploy main red since #5750 (29m)');
		expect(shown[2]).toContain('[all]');
		// Without a red branch there is room for the run going longest, named with its source.
		await app.push({runs: store.getSnapshot().runs.filter((run) => run.status !== 'failed')});
		expect(lines(app.frame())[1]).toBe('2 running · 1 queued · 0 failed in 1h · 100% ok of 3 · p50 3:00 · p90 10:00 · longest deploy #5752 12:00');
	});

	it('fits 80 columns by dropping figures from the right, keeping the red branch', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 80, rows: 24});
		const shown = lines(app.frame());
		expect(shown[1]).toBe('2 running · 1 queued · 2 failed in 1h · deploy main red since #5750 (29m)');
		for (const line of shown) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		expect(shown).toHaveLength(23);
		// The red branch stands out without colour too.
		expect(app.frame().split('\n')[1]).toContain('\u001b[1mdeploy main red since #5750');
	});

	it('sums up the selected tab only, and moves with the clock without a new poll', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120, rows: 24});
		await app.press(KEY.tab, (frame) => plain(frame).includes('[deploy]'));
		expect(lines(app.frame())[1]).toBe('1 running · 1 queued · 2 failed in 1h · 50% ok of 4 · p50 1:00 · p90 10:00 · main red since #5750 (29m)');
		await app.press(KEY.tab, (frame) => plain(frame).includes('[api]'));
		expect(lines(app.frame())[1]).toBe('1 running · 0 queued · 0 failed in 1h · 50% ok of 2 · p50 1:00 · p90 1:00 · longest #88 3:00');
		await app.advance(2 * MINUTE);
		await app.waitFor((frame) => plain(frame).includes('longest #88 5:00'), 'the longest run two minutes on');
	});

	it('gives way on the smallest screen, so the list keeps its rows', async () => {
		const {clock, store} = setup();
		const runRows = () => lines(app.frame()).filter((line) => /(deploy|api) +#\d+/.test(line)).length;
		const app = await renderApp(store, clock, {columns: 60, rows: 12});
		expect(app.text()).not.toContain('1 queued');
		expect(runRows()).toBe(5);
		await app.resize({columns: 60, rows: 13});
		await app.waitFor((frame) => plain(frame).includes('1 queued'), 'the summary one row up');
		expect(runRows()).toBe(5);
		expect(lines(app.frame())).toHaveLength(12);
	});
});
