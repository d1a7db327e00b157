import {afterEach, describe, expect, it} from 'vitest';
import {TICK_MS} from '../../source/ui/hooks/tick.js';
import {formatClock} from '../../source/ui/logic/time.js';
import stringWidth from 'string-width';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import type {Run} from '../../source/model/run.js';
import {FakeStore, makeRun} from './fake-store.js';
import {makeSource} from '../fixtures/sources.js';
import {INVERSE, KEY, isSummaryLine, plain, renderApp, rowWith, selectedRow, unmountApps} from './helpers.js';

afterEach(unmountApps);

function setup(runs?: (now: number) => Run[]) {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [
			makeSource('deploy', {lastSuccessAt: now, nextPollAt: now + 3_000}),
			makeSource('prod-release', {
				provider: 'northflank',
				health: 'stale',
				lastSuccessAt: now - 120_000,
				lastError: {kind: 'rate_limited', status: 429, message: 'prod-release: rate limited (429) on GET /runs (request id nf-7) — citop waits before asking again', requestId: 'nf-7'},
				rate: {limit: 1000, remaining: 0, resetAt: null, retryAfterMs: 40_000, observedAt: now},
				nextPollAt: now + 40_000,
				wait: {reason: 'rate limited', until: now + 40_000},
			}),
		],
		runs: runs?.(now) ?? [
			makeRun('deploy', '5751', 2, now, {status: 'running', progress: 0.52}),
			makeRun('prod-release', '77', 1, now, {status: 'queued', label: 'release-77'}),
			makeRun('deploy', '5750', 14, now, {status: 'failed'}),
			makeRun('deploy', '5749', 60, now, {status: 'canceled'}),
			makeRun('deploy', '5748', 70, now, {status: 'skipped'}),
			makeRun('deploy', '5747', 80, now, {status: 'unknown', providerStatus: 'weird'}),
			makeRun('deploy', '5746', 90, now),
		],
	});
	return {clock, store, now};
}

const COLOR = /\u001b\[(?:3[0-9]|9[0-7]|4[0-9]|10[0-7])(?:;[0-9]+)*m/;

describe('the screen', () => {
	it('says how fresh each source is: health, rate limit, data age, next poll, last error with request id', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock, {columns: 240});
		const text = app.text();
		const [header = '', , tabs = ''] = text.split('\n');
		const wait = `rate limited, next poll ${formatClock(now + 40_000)}`;
		expect(header).toContain('citop');
		expect(header).toContain('deploy ok');
		expect(header).toContain(`prod-release STALE 2m (${wait})`);
		expect(tabs).toContain(`prod-release (${wait})`);
		expect(text).toContain('prod-release data 2m old');
		expect(text).toContain('deploy next poll 3s');
		// The footer: the error says why (in the words of citop runs), and the source says until when.
		expect(text).toContain(`prod-release next poll ${formatClock(now + 40_000)}`);
		expect(text).toContain('prod-release: rate_limited: rate limited (429) on GET /runs (request id nf-7) — citop waits before asking again');
		expect(text).toMatch(/\d\d:\d\d:\d\d/);
	});

	it('says until when a failing source waits beside its error, though another source waits too (their token is one)', async () => {
		const clock = new ManualClock();
		const now = clock.now();
		const rate = {limit: 1000, remaining: 0, resetAt: null, retryAfterMs: 60_000, observedAt: now};
		const error = {
			kind: 'rate_limited' as const,
			status: 429,
			source: 'shop-staging',
			message: 'shop-staging: rate limited (429) on GET /v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs, retry in 60s — citop waits before asking again',
		};
		const store = new FakeStore(clock, {
			sources: [
				makeSource('shop-release', {provider: 'northflank', lastSuccessAt: now - 20_000, nextPollAt: now + 50_000, rate, wait: {reason: 'rate limited', until: now + 50_000}}),
				makeSource('shop-staging', {provider: 'northflank', health: 'stale', lastSuccessAt: now - 30_000, nextPollAt: now + 60_000, lastError: error, rate, wait: {reason: 'rate limited', until: now + 60_000}}),
			],
			runs: [makeRun('shop-staging', '77', 1, now, {status: 'running', label: 'Release 77'})],
		});
		const app = await renderApp(store, clock, {columns: 120});
		const lines = app.text().split('\n');
		const footer = lines[lines.findIndex((line) => /^─{20,}/.test(line)) + 1] ?? '';
		expect(footer).toContain(`shop-staging next poll ${formatClock(now + 60_000)} · shop-staging: rate_limited: rate limited (429)`);
	});

	it('keeps the whole wait of the selected tab at 80 and 60 columns: the sort and the position give way', async () => {
		const {clock, store, now} = setup();
		const wait = `[prod-release (rate limited, next poll ${formatClock(now + 40_000)})]`;
		for (const columns of [80, 60]) {
			const app = await renderApp(store, clock, {columns, rows: 24});
			const frame = await app.press(KEY.shiftTab, '[prod-release');
			const tabs = plain(frame).split('\n')[2] ?? '';
			expect(tabs).toContain(wait);
			expect(stringWidth(tabs)).toBeLessThanOrEqual(columns);
			await app.unmount();
		}
	});

	it('lights a run that just changed, with a marker, until its highlight ends', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock);
		const mark = {kind: 'status' as const, at: now, until: now + 6_000, from: 'running' as const, to: 'failed' as const};
		await app.push({highlights: new Map([[runKey('deploy', '5750'), mark]])});
		const lit = await app.waitFor((frame) => plain(rowWith(frame, '#5750')).startsWith('»'), 'the marker');
		expect(rowWith(lit, '#5750')).toContain('\u001b[1m');
		await app.advance(3_000);
		expect(plain(rowWith(app.frame(), '#5750')).startsWith('»')).toBe(true);
		await app.advance(3_000);
		await app.waitFor((frame) => !plain(frame).includes('»'), 'the highlight to fade');
		await app.push({highlights: new Map()});
		expect(app.text()).not.toContain('»');
	});

	it('turns the spinner and the durations with one shared clock', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		expect(rowWith(app.frame(), '#5751')).toContain('⠋ running');
		expect(rowWith(app.frame(), '#5751')).toContain('2:00');
		await app.advance(TICK_MS);
		await app.waitFor((frame) => rowWith(frame, '#5751').includes('⠙ running') && rowWith(frame, '#5751').includes('2:01'), 'the spinner to turn and the duration to tick');
		// One timer for the whole screen, however many rows spin.
		expect(clock.pending).toBe(1);
	});

	it('is readable without colour: glyph and word for every status, inverse cursor, no colour codes', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {color: false});
		const frame = app.frame();
		expect(COLOR.test(frame)).toBe(false);
		for (const shown of ['⠋ running', '○ queued', '✗ failed', '⊘ canceled', '↷ skipped', '? unknown', '✓ success']) {
			expect(plain(frame)).toContain(shown);
		}
		expect(plain(frame)).toContain('(weird)');
		expect(rowWith(frame, '#5751')).toContain(INVERSE);
		await app.press('j', (next) => selectedRow(next).includes('release-77'));
		expect(COLOR.test(app.frame())).toBe(false);
	});

	it('adds colour as a second channel when asked', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {color: true});
		expect(COLOR.test(app.frame())).toBe(true);
		expect(rowWith(app.frame(), '#5750')).toContain('\u001b[31m✗ failed');
	});

	it('falls back to ASCII glyphs and bars', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {ascii: true});
		const text = app.text();
		expect(/[^\x00-\x7f]/.test(text)).toBe(false);
		for (const shown of ['* running', '. queued', 'x failed', '- canceled', '> skipped', '? unknown', '+ success', '######.....']) {
			expect(text).toContain(shown);
		}
	});

	it('fits 80 columns, dropping columns in order, and no row is wider than the screen', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 80, rows: 24});
		const lines = app.text().split('\n');
		expect(lines).toHaveLength(23);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		expect(app.text()).not.toContain('EVENT');
		expect(app.text()).not.toContain('USER');
		expect(app.text()).toContain('TIME');
		expect(rowWith(app.frame(), '#5751')).toContain(' 52%');
		expect(rowWith(app.frame(), '#5751')).not.toContain('█');
	});

	it('says the terminal is too small below 60×12 instead of a broken layout', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 59, rows: 20});
		expect(app.text()).toContain('terminal too small (need 60×12)');
		await app.resize({columns: 60, rows: 11});
		expect(app.text()).toContain('now 60×11');
		await app.resize({columns: 60, rows: 12});
		await app.waitFor((frame) => frame.includes('STATUS'), 'the list at 60×12');
		expect(app.frame().split('\n')).toHaveLength(11);
		for (const line of app.text().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(60);
	});

	it('counts the sources that do not fit in the header and the tabs, and keeps the selected tab in view', async () => {
		const clock = new ManualClock();
		const now = clock.now();
		const names = ['acme/api', 'acme/web', 'acme/infra', 'build', 'deploy', 'shop', 'shop-release', 'shop-staging'];
		const store = new FakeStore(clock, {
			sources: names.map((name) => makeSource(name, {lastSuccessAt: now})),
			runs: names.map((name, index) => makeRun(name, String(100 + index), index, now)),
		});
		// Each source named on the line or counted in a "+N" mark; the tabs have "all" as well.
		const shownOrCounted = (line: string, tabs = false) => {
			const marks = [...line.matchAll(/\+(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
			const shown = (tabs ? ['all', ...names] : names).filter((name) => new RegExp(`(^|[ [])${name.replace('/', '\\/')}[\\] ]`).test(`${line} `));
			return marks + shown.length - (tabs ? 1 : 0);
		};
		for (const columns of [120, 80]) {
			const app = await renderApp(store, clock, {columns, rows: 24});
			let [header = '', , tabs = ''] = app.text().split('\n');
			expect(header).toMatch(/\+\d+/);
			expect(shownOrCounted(header)).toBe(names.length);
			if (columns === 80) expect(tabs).toMatch(/\+\d+/);
			expect(shownOrCounted(tabs, true)).toBe(names.length);
			await app.press(KEY.shiftTab, '[shop-staging]');
			[, , tabs = ''] = app.text().split('\n');
			expect(shownOrCounted(tabs, true)).toBe(names.length);
			await app.press(KEY.shiftTab, '[shop-release]');
			await app.press(KEY.shiftTab, '[shop]');
			[, , tabs = ''] = app.text().split('\n');
			// The tabs next to the selected one stay beside it: no gap in the middle of the strip.
			const shown = names.map((name, index) => (new RegExp(`[ []${name.replace('/', '\\/')}[\\] ]`).test(`${tabs} `) ? index : -1)).filter((index) => index >= 0);
			expect(shown).toEqual(Array.from({length: shown.length}, (_, step) => (shown[0] ?? 0) + step));
			expect(shownOrCounted(tabs, true)).toBe(names.length);
			await app.unmount();
		}
	});

	it('ignores keys while the terminal is too small, except q', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 50, rows: 10});
		expect(app.text()).toContain('terminal too small');
		await app.press('j');
		await app.press(KEY.enter);
		await app.press('w');
		await app.press('/x');
		await app.resize({columns: 100, rows: 30});
		const frame = await app.waitFor((shown) => shown.includes('STATUS'), 'the list again');
		expect(selectedRow(frame)).toContain('#5751');
		expect(plain(frame)).not.toContain('esc back');
		expect(plain(frame)).not.toContain('/x');
		expect(store.callsOf('openRun')).toEqual([]);
		expect(store.callsOf('watch')).toEqual([]);
		await app.resize({columns: 50, rows: 10});
		await app.press('q');
		expect(app.quits()).toBe(1);
	});

	it('lays out again at once when the terminal is resized', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {terminalSize: true});
		const stdout = app.stdout as unknown as {columns: number; rows?: number; emit(event: string): void};
		Object.defineProperty(stdout, 'columns', {value: 80, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 16, configurable: true});
		await app.act(() => stdout.emit('resize'));
		await app.waitFor((frame) => frame.split('\n').length === 15, 'the 16-row layout');
		expect(app.text()).not.toContain('EVENT');
		Object.defineProperty(stdout, 'columns', {value: 100, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 30, configurable: true});
		await app.act(() => stdout.emit('resize'));
		await app.waitFor((frame) => frame.split('\n').length === 29, 'the 30-row layout');
		expect(app.text()).toContain('EVENT');
	});

	it('renders only the visible rows of 10,000 runs, wherever the cursor moves', async () => {
		const {clock, store} = setup((now) =>
			Array.from({length: 10_000}, (_, index) =>
				makeRun(index % 3 === 0 ? 'deploy' : 'prod-release', String(index), index % 600, now, {status: index % 50 === 0 ? 'running' : 'success'}),
			),
		);
		const app = await renderApp(store, clock, {rows: 30});
		const lines = app.frame().split('\n');
		expect(lines).toHaveLength(29);
		const runRows = (shown: readonly string[]) => shown.filter((line) => !isSummaryLine(line) && /#\d+/.test(plain(line)));
		expect(runRows(lines)).toHaveLength(22);
		for (let index = 0; index < 20; index++) await app.press('j');
		await app.press(KEY.pageDown, '43/10000');
		// Still only the visible rows, wherever the cursor is (the bench measures the time per key).
		expect(runRows(app.frame().split('\n'))).toHaveLength(22);
		await app.press('G', '10000/10000');
	});
});
