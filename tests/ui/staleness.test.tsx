import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import {TICK_MS} from '../../source/ui/hooks/tick.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';
import {KEY, plain, renderApp, rowWith, unmountApps} from './helpers.js';

afterEach(unmountApps);

const MINUTE = 60_000;
const ERROR = {kind: 'network' as const, message: 'deploy: could not connect'};

/** Two sources, each with a run that started two minutes ago: `deploy` answered last 11 minutes ago. */
function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [
			makeSource('build', {lastSuccessAt: now, nextPollAt: now + 3_000}),
			makeSource('deploy', {health: 'stale', lastSuccessAt: now - 11 * MINUTE, nextPollAt: now + 20_000, lastError: ERROR}),
		],
		runs: [
			makeRun('build', '81', 2, now, {status: 'running'}),
			makeRun('deploy', '5751', 2, now, {
				status: 'running',
				children: [makeNode('ship', {kind: 'workflow', status: 'running', startedAt: now - 2 * MINUTE})],
			}),
		],
	});
	return {clock, store, now};
}

describe('a stale source', () => {
	it('shows its rows stale in the list: a stale mark, the spinner stopped, the duration frozen at the last answer', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		const live = () => plain(rowWith(app.frame(), '#81'));
		const stale = () => plain(rowWith(app.frame(), '#5751'));
		expect(live()).toMatch(/^ {2}⠋ running .* 2:00 *$/);
		// Its run started two minutes ago, but the data is eleven minutes old: nothing is known of it since.
		expect(stale()).toMatch(/^≈ ▷ running .* 0:00 *$/);
		await app.advance(1_000);
		await app.waitFor((frame) => plain(rowWith(frame, '#81')).includes('2:01'), 'the live row to tick');
		expect(stale()).toMatch(/^≈ ▷ running .* 0:00 *$/);
	});

	it('freezes a fresh source’s rows once it turns stale, and lets them move again when it recovers', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock);
		await app.push({sources: [makeSource('build', {health: 'stale', lastSuccessAt: now - 30_000, lastError: ERROR}), store.getSnapshot().sources[1]!]});
		await app.waitFor((frame) => plain(rowWith(frame, '#81')).startsWith('≈'), 'the stale mark');
		expect(plain(rowWith(app.frame(), '#81'))).toMatch(/^≈ ▷ running .* 1:30 *$/);
		await app.push({sources: [makeSource('build', {lastSuccessAt: now}), store.getSnapshot().sources[1]!]});
		await app.waitFor((frame) => /^ {2}⠋ running .* 2:00 *$/.test(plain(rowWith(frame, '#81'))), 'the row live again');
	});

	it('shows the open run stale when its tree cannot be fetched: title marked, spinners and clocks stopped', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		const run = store.getSnapshot().runs.find((item) => item.source === 'build')!;
		await app.press(KEY.enter, 'esc back');
		await app.push({
			detail: {runKey: runKey('build', '81'), run: {...run, children: [makeNode('compile', {kind: 'workflow', status: 'running', startedAt: now - MINUTE})]}, loading: false, error: null, fetchedAt: now},
		});
		await app.waitFor((frame) => plain(frame).includes('compile'), 'the tree');
		expect(plain(rowWith(app.frame(), 'compile'))).toMatch(/^ {3}⠋ compile +running +1:00/);
		await app.advance(MINUTE);
		await app.push({detail: {...store.getSnapshot().detail!, error: ERROR}});
		await app.waitFor((frame) => plain(frame).includes('STALE 1m'), 'the title marked stale');
		const title = rowWith(plain(app.frame()), 'esc back');
		expect(title).toMatch(/▷ running 2:00 · ≈ STALE 1m/);
		expect(plain(rowWith(app.frame(), 'compile'))).toMatch(/^≈ {2}▷ compile +running +1:00/);
		await app.advance(TICK_MS * 3);
		expect(plain(rowWith(app.frame(), 'compile'))).toMatch(/^≈ {2}▷ compile +running +1:00/);
	});

	it('takes the run tree as stale from its source until the tree has been fetched', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		await app.press('j');
		await app.press(KEY.enter, 'esc back');
		expect(rowWith(plain(app.frame()), 'esc back')).toMatch(/deploy #5751 .*▷ running 0:00 · ≈ STALE 11m/);
		expect(plain(rowWith(app.frame(), 'ship'))).toMatch(/^≈ {2}▷ ship +running +0:00/);
	});
});
