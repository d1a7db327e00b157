import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import type {Run} from '../../source/model/run.js';
import {FakeStore, makeRun} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';
import {KEY, renderApp, selectedRow, unmountApps} from './helpers.js';

afterEach(unmountApps);

function setup(count = 40) {
	const clock = new ManualClock();
	const now = clock.now();
	const runs: Run[] = [];
	for (let index = 0; index < count; index++) {
		const id = String(5700 + index);
		runs.push(makeRun(index % 2 === 0 ? 'deploy' : 'acme/api', id, count - index, now));
	}
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {lastSuccessAt: now}), makeSource('acme/api', {lastSuccessAt: now})],
		runs,
	});
	return {clock, store, now};
}

describe('run list navigation', () => {
	it('starts on the newest run and moves with j/k, arrows, PgUp/PgDn, g/G and Home/End', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {rows: 30});
		expect(selectedRow(app.frame())).toContain('#5739');
		await app.press('j');
		expect(selectedRow(app.frame())).toContain('#5738');
		await app.press(KEY.down);
		expect(selectedRow(app.frame())).toContain('#5737');
		await app.press('k');
		await app.press(KEY.up);
		expect(selectedRow(app.frame())).toContain('#5739');
		// 30 rows: header, summary, tabs, column header, 3 footer rows and the spare last row leave 22 runs.
		await app.press(KEY.pageDown);
		expect(selectedRow(app.frame())).toContain('#5717');
		await app.press(KEY.pageUp);
		expect(selectedRow(app.frame())).toContain('#5739');
		await app.press('G');
		expect(selectedRow(app.frame())).toContain('#5700');
		expect(app.text()).toContain('40/40');
		await app.press('g');
		expect(selectedRow(app.frame())).toContain('#5739');
		await app.press(KEY.end);
		expect(selectedRow(app.frame())).toContain('#5700');
		await app.press(KEY.home);
		expect(selectedRow(app.frame())).toContain('#5739');
	});

	it('takes a burst of keys typed faster than a frame as one key each', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('jjj', (frame) => selectedRow(frame).includes('#5736'));
	});

	it('scrolls the window with the cursor and never draws more rows than fit', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {rows: 20});
		expect(app.frame().split('\n')).toHaveLength(19);
		await app.press('G');
		expect(app.text()).toContain('#5700');
		expect(app.text()).not.toContain('#5739');
		expect(app.frame().split('\n')).toHaveLength(19);
	});

	it('opens a run with Enter (asking the store for its tree) and comes back with Esc', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('j');
		await app.press(KEY.enter, (frame) => frame.includes('esc back'));
		await app.eventually(() => store.callsOf('openRun').length === 1, 'openRun');
		expect(store.callsOf('openRun')).toEqual([[runKey('deploy', '5738')]]);
		expect(app.text()).toContain('deploy #5738');
		await app.press(KEY.escape, (frame) => frame.includes('STATUS'));
		await app.eventually(() => store.callsOf('openRun').length === 2, 'openRun(null)');
		expect(store.callsOf('openRun')).toEqual([[runKey('deploy', '5738')], [null]]);
		expect(selectedRow(app.frame())).toContain('#5738');
		await app.press(KEY.right, (frame) => frame.includes('esc back'));
	});

	it('keeps the cursor on its run when a poll reorders the list and adds runs', async () => {
		const {clock, store, now} = setup(10);
		const app = await renderApp(store, clock);
		await app.press('jjj', (frame) => selectedRow(frame).includes('#5706'));
		const runs = store.getSnapshot().runs;
		// Two new runs arrive on top, one old run starts running again (moves up), the rest swap places.
		await app.push({
			runs: [
				makeRun('deploy', '5800', 0, now, {status: 'running'}),
				makeRun('acme/api', '5801', 0, now, {status: 'queued'}),
				...[...runs].reverse().map((run) => (run.id === '5703' ? {...run, status: 'running' as const, finishedAt: null} : run)),
			],
		});
		const frame = await app.waitFor((next) => next.includes('#5800'));
		expect(selectedRow(frame)).toContain('#5706');
		await app.press('j');
		expect(selectedRow(app.frame())).toContain('#5705');
	});

	it('stays on the top row, as top does, while nobody touches the keys; holds its run once moved', async () => {
		const {clock, store, now} = setup(10);
		const app = await renderApp(store, clock);
		const first = selectedRow(app.frame());
		expect(first).toContain('#5709');
		await app.push({runs: [makeRun('deploy', '5800', 0, now, {status: 'running'}), ...store.getSnapshot().runs]});
		let frame = await app.waitFor((next) => next.includes('#5800'));
		expect(selectedRow(frame)).toContain('#5800');
		expect(frame).toMatch(/ 1\/11\s*$/m);
		await app.press('j', (next) => selectedRow(next).includes('#5709'));
		await app.push({runs: [makeRun('deploy', '5801', 0, now, {status: 'running'}), ...store.getSnapshot().runs]});
		frame = await app.waitFor((next) => next.includes('#5801'));
		expect(selectedRow(frame)).toContain('#5709');
	});

	it('stays on the top row of a tab just chosen, where the run chosen before is not', async () => {
		const {clock, store, now} = setup(10);
		const app = await renderApp(store, clock);
		await app.press('jj', (frame) => selectedRow(frame).includes('#5707'));
		await app.press(KEY.tab, (frame) => selectedRow(frame).includes('#5708'));
		await app.push({runs: [makeRun('deploy', '5800', 0, now, {status: 'running'}), ...store.getSnapshot().runs]});
		const frame = await app.waitFor((next) => next.includes('#5800'));
		expect(selectedRow(frame)).toContain('#5800');
	});

	it('comes back from a run it opened to that run, though new runs came on top meanwhile', async () => {
		const {clock, store, now} = setup(10);
		const app = await renderApp(store, clock);
		await app.press(KEY.enter, 'esc back');
		await app.push({runs: [makeRun('deploy', '5800', 0, now, {status: 'running'}), ...store.getSnapshot().runs]});
		const frame = await app.press(KEY.escape, (next) => next.includes('#5800') && next.includes('STATUS'));
		expect(selectedRow(frame)).toContain('#5709');
	});

	it('moves to the same place when the run under the cursor goes away', async () => {
		const {clock, store} = setup(10);
		const app = await renderApp(store, clock);
		await app.press('jj', (frame) => selectedRow(frame).includes('#5707'));
		await app.push({runs: store.getSnapshot().runs.filter((run) => run.id !== '5707')});
		const frame = await app.waitFor((next) => !next.includes('#5707'));
		expect(selectedRow(frame)).toContain('#5706');
	});

	it('quits on q and on Ctrl+C', async () => {
		const {clock, store} = setup(3);
		const app = await renderApp(store, clock);
		app.stdin.write('q');
		await app.eventually(() => app?.quits() === 1, 'a quit');
		app.stdin.write(KEY.ctrlC);
		await app.eventually(() => app?.quits() === 2, 'a second quit');
		expect(app.quits()).toBe(2);
	});
});
