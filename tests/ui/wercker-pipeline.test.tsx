import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {WERCKER_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {KEY, plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('shop', {provider: 'wercker', capabilities: WERCKER_CAPABILITIES, lastSuccessAt: now})],
		runs: [
			makeRun('shop', '800afb1', 1, now, {label: '800afb1', pipeline: 'initial-build', children: [makeNode('get code')]}),
			makeRun('shop', '800afb0', 2, now, {label: '800afb0', pipeline: 'build'}),
		],
	});
	return {clock, store};
}

describe('the runs of a Wercker application', () => {
	it('name their pipeline in the list and above the run tree', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		const rows = plain(app.frame()).split('\n');
		expect(rows.find((row) => row.includes('800afb1'))).toMatch(/800afb1 initial-build/);
		expect(rows.find((row) => row.includes('800afb0'))).toMatch(/800afb0 build\b/);
		await app.press(KEY.enter, 'esc back');
		expect(plain(app.frame()).split('\n').find((row) => row.includes('esc back'))).toMatch(/shop 800afb1 · pipeline initial-build ·/);
	});
});
