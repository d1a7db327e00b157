import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {SOURCECRAFT_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import type {Harness} from './helpers.js';
import {KEY, plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {lastSuccessAt: now}), makeSource('acme/api', {provider: 'sourcecraft', capabilities: SOURCECRAFT_CAPABILITIES, lastSuccessAt: now})],
		runs: [makeRun('deploy', '5751', 3, now, {status: 'running', children: [makeNode('build', {kind: 'step', status: 'running', log: {path: ['build']}})]})],
	});
	return {clock, store};
}

/** The key bar: the last row of the screen. */
const keyBar = (app: Harness) => app.text().split('\n').at(-1) ?? '';

/** Waits until the key bar shows `hints` (two spaces apart, as it draws them). */
async function expectKeys(app: Harness, hints: readonly string[]): Promise<void> {
	const wanted = hints.join('  ');
	await app.waitFor((frame) => (plain(frame).split('\n').at(-1) ?? '').startsWith(wanted), `the key bar "${wanted}"`);
}

describe('the key bar shows the keys of the mode the keyboard is in', () => {
	it('in each view, and while typing a filter or a search, answering a confirmation or filling the trigger form', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 140});
		await expectKeys(app, ['↑↓ move', '⏎ open', '/ filter', 'f status', 's sort', 'tab source']);

		await app.press('/', 'filter /_');
		await expectKeys(app, ['⏎ keep', 'esc clear', '↑↓ move']);
		await app.press('dep', 'filter /dep_');
		await app.press(KEY.enter, (frame) => !plain(frame).includes('/dep_'));
		await expectKeys(app, ['↑↓ move', '⏎ open', '/ filter']);
		await app.press(KEY.escape, (frame) => !plain(frame).includes('filter /dep'));

		await app.press('t', 'which source?');
		await expectKeys(app, ['↑↓ pick', '⏎ next', 'esc cancel']);
		await app.press(KEY.escape, 'trigger canceled');
		await expectKeys(app, ['↑↓ move', '⏎ open']);

		await app.press('x', 'Abort deploy #5751? y/N');
		await expectKeys(app, ['y yes', 'n/esc no']);
		await app.press('n', 'deploy #5751 keeps running');
		await expectKeys(app, ['↑↓ move', '⏎ open']);

		await app.press(KEY.enter, 'esc back');
		await expectKeys(app, ['↑↓ move', '←→ fold', 'l log', 't trigger', 'R rerun', 'x abort']);
		await app.press('l', 'loading the log');
		await expectKeys(app, ['↑↓ move', '/ search', 'n/N match', 'F follow', 'G end']);
		expect(keyBar(app)).toContain('esc back');
		await app.press('/', '/_');
		await expectKeys(app, ['⏎ find', 'esc clear']);
		await app.press(KEY.escape, (frame) => !plain(frame).includes('/_'));
		await expectKeys(app, ['↑↓ move', '/ search']);
	});

	it('in ASCII too', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 140, ascii: true});
		await app.press('/', 'filter /_');
		await expectKeys(app, ['enter keep', 'esc clear', 'up/down move']);
	});

	it('and the help screen lists the same keys, the typed and answered modes under their own headings', async () => {
		const {clock, store} = setup();
		// One column: each key beside what it does.
		const app = await renderApp(store, clock, {columns: 90, rows: 100});
		await app.press(KEY.enter, 'esc back');
		await app.press('l', 'loading the log');
		await app.press('?', 'Keys in the log view');
		const help = app.text();
		expect(help).toMatch(/^\/ +search the log; an upper-case letter makes it match case/m);
		expect(help).toMatch(/^n +next match/m);
		expect(help).toMatch(/^N +previous match/m);
		for (const heading of ['while typing a filter', 'while typing a search', 'in the trigger form', 'when citop asks first']) expect(help).toContain(heading);
		expect(help).toMatch(/^n esc +no \(so does any other key\)$/m);
		expect(help).toMatch(/^ctrl-u +delete all that is typed$/m);
	});
});
