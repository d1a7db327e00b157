import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {FakeStore, makeRun, makeSource} from './fake-store.js';
import type {Harness} from './helpers.js';
import {KEY, plain, renderApp, selectedRow} from './helpers.js';

let app: Harness | null = null;
afterEach(async () => {
	await app?.unmount();
	app = null;
});

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
		.map((line) => /(#\d+|release-\d+)/.exec(line)?.[1])
		.filter((label): label is string => label !== undefined);
}

describe('filters, sorts and source tabs', () => {
	it('filters by text as you type; Esc clears it, Enter keeps it and gives the keys back', async () => {
		const {clock, store} = setup();
		app = await renderApp(store, clock);
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

	it('takes a pasted filter with Enter at its end', async () => {
		const {clock, store} = setup();
		app = await renderApp(store, clock);
		await app.press('/', (frame) => frame.includes('filter /'));
		await app.press('login\r', (frame) => frame.includes('filter /login ·'));
		expect(labels(app.frame())).toEqual(['#1284']);
	});

	it('cycles sorts with s and status filters with f', async () => {
		const {clock, store} = setup();
		app = await renderApp(store, clock);
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
		app = await renderApp(store, clock);
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
