import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {FakeStore, makeRun} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';
import {KEY, isSummaryLine, plain, renderApp, selectedRow, unmountApps} from './helpers.js';

afterEach(unmountApps);

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {lastSuccessAt: now}), makeSource('acme/api', {lastSuccessAt: now}), makeSource('prod-release', {lastSuccessAt: now})],
		runs: [
			makeRun('acme/api', '1284', 2, now, {status: 'running', title: 'Fix login', user: 'ann'}),
			makeRun('prod-release', '77', 1, now, {status: 'queued', label: 'release-77'}),
			makeRun('acme/api', '1283', 14, now, {status: 'failed', branch: 'feat/x', user: 'carl'}),
			makeRun('deploy', '5751', 60, now, {branch: 'renovate/zod', title: 'Bump zod'}),
			makeRun('deploy', '5750', 70, now, {status: 'canceled'}),
		],
	});
	return {clock, store};
}

/** The run labels in the order the list shows them. */
function labels(frame: string): string[] {
	return plain(frame)
		.split('\n')
		.filter((line) => !isSummaryLine(line))
		.map((line) => /(#\d+|release-\d+)/.exec(line)?.[1])
		.filter((label): label is string => label !== undefined);
}

describe('filters, sorts and source tabs', () => {
	it('filters by text as you type; Esc clears it, Enter keeps it and gives the keys back', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('/', (frame) => frame.includes('filter /'));
		await app.press('zo', (frame) => labels(frame).length === 1);
		expect(labels(app.frame())).toEqual(['#5751']);
		await app.press(KEY.escape, (frame) => labels(frame).length === 5);
		expect(app.text()).not.toContain('filter /');
		await app.press('/', (frame) => frame.includes('filter /'));
		await app.press('main', (frame) => labels(frame).length === 3);
		await app.press(KEY.enter, (frame) => frame.includes('filter /main ·'));
		expect(labels(app.frame())).toEqual(['#1284', 'release-77', '#5750']);
		await app.press('j', (frame) => selectedRow(frame).includes('release-77'));
		await app.press(KEY.escape, (frame) => labels(frame).length === 5);
	});

	it('applies keys typed faster than the screen redraws to the state the keys before them left', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		// Three reads in one go, no frame between them: "/" opens the filter, "zo" is its text (not
		// commands to the list), Enter keeps it.
		app.stdin.write('/');
		app.stdin.write('zo');
		app.stdin.write(KEY.enter);
		const frame = await app.waitFor((next) => next.includes('filter /zo ·'));
		expect(labels(frame)).toEqual(['#5751']);
		expect(store.callsOf('openRun')).toEqual([]);
	});

	it('takes a pasted filter with Enter at its end', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('/', (frame) => frame.includes('filter /'));
		await app.press('login\r', (frame) => frame.includes('filter /login ·'));
		expect(labels(app.frame())).toEqual(['#1284']);
	});

	it('cycles sorts with s and status filters with f', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		expect(labels(app.frame())).toEqual(['#1284', 'release-77', '#1283', '#5751', '#5750']);
		await app.press('s', (frame) => frame.includes('sort newest'));
		expect(labels(app.frame())).toEqual(['release-77', '#1284', '#1283', '#5751', '#5750']);
		await app.press('ss', (frame) => frame.includes('sort source'));
		expect(labels(app.frame())).toEqual(['#1284', '#1283', '#5751', '#5750', 'release-77']);
		await app.press('f', (frame) => frame.includes('status active'));
		expect(labels(app.frame())).toEqual(['#1284', 'release-77']);
		await app.press('f', (frame) => frame.includes('status failed'));
		expect(labels(app.frame())).toEqual(['#1283']);
		await app.press('fff', (frame) => frame.includes('status other'));
		expect(app.text()).toContain('no runs match the filter');
	});

	it('shows one source at a time with Tab and Shift+Tab, all first', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		expect(app.text()).toContain('[all]');
		await app.press(KEY.tab, (frame) => frame.includes('[deploy]'));
		expect(labels(app.frame())).toEqual(['#5751', '#5750']);
		expect(app.text()).not.toContain('SOURCE');
		await app.press(KEY.tab, (frame) => frame.includes('[acme/api]'));
		expect(labels(app.frame())).toEqual(['#1284', '#1283']);
		await app.press(KEY.shiftTab, (frame) => frame.includes('[deploy]'));
		await app.press(KEY.shiftTab, (frame) => frame.includes('[all]'));
		await app.press(KEY.shiftTab, (frame) => frame.includes('[prod-release]'));
		expect(labels(app.frame())).toEqual(['release-77']);
	});
});
