import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import type {LogView} from '../../source/store/types.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {SOURCECRAFT_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import type {Harness} from './helpers.js';
import {INVERSE, KEY, plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

const KEY_7 = runKey('acme/api', '7');
const ROWS = 20;
/** The log view's rows under its head: 20 rows less the header, the log head and the footer. */
const LOG_ROWS = ROWS - 1 - 1 - 1 - 3;

/** Lines `from` to `to` of a log with an error every 10 lines from line 5 (5, 15, 25 …), one of them upper case. */
function logText(from: number, to: number): string[] {
	return Array.from({length: to - from + 1}, (_, index) => {
		const number = from + index;
		if (number % 10 !== 5) return `line ${number} fine`;
		return number === 35 ? `line ${number} ERROR: disk full` : `line ${number} error: retrying`;
	});
}

/** 60 lines: errors on lines 5, 15 … 55. */
const LINES = logText(1, 60);

function log(lines: readonly string[] = LINES, dropped = 0): LogView {
	return {runKey: KEY_7, nodeId: 'unit', lines, dropped, partial: '', done: true, loading: false, caughtUp: true, error: null};
}

async function openLog(options: {color?: boolean} = {}): Promise<Harness> {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('acme/api', {provider: 'sourcecraft', capabilities: SOURCECRAFT_CAPABILITIES, lastSuccessAt: now})],
		runs: [makeRun('acme/api', '7', 2, now, {status: 'failed', children: [makeNode('unit', {kind: 'cube', status: 'failed', log: {path: ['7', 'unit']}})]})],
	});
	const app = await renderApp(store, clock, {rows: ROWS, ...(options.color === undefined ? {} : {color: options.color})});
	await app.press(KEY.enter, 'esc back');
	await app.press('l', 'following');
	await app.push({log: log()});
	await app.waitFor((frame) => plain(frame).includes('line 60 fine'), 'the log');
	return app;
}

/** The log rows on screen, styles dropped. */
function logRows(app: Harness): string[] {
	return app.text().split('\n').slice(2, 2 + LOG_ROWS);
}

const footer = (app: Harness) => app.text().split('\n').slice(-2).join('\n');

describe('search in the log view', () => {
	it('/ opens a search line, Enter keeps it and goes to the first match from the top of the view', async () => {
		const app = await openLog();
		// Scrolled to the top: the first match from there is line 5.
		await app.press('g', 'line 1 of 60');
		await app.press('/', '/_');
		expect(footer(app)).toMatch(/⏎ find {2}esc clear/);
		await app.press('error', '/error_');
		await app.press(KEY.enter, 'match 1/6');
		expect(logRows(app)[0]).toBe('line 5 error: retrying');
		expect(app.text()).toContain('/error');
		expect(app.text()).not.toContain('/error_');
		// Back in the log view: its own keys in the footer again.
		expect(footer(app)).toMatch(/\/ search {2}n\/N match/);
	});

	it('n and N go to the next and previous match, round both ends, saying which', async () => {
		const app = await openLog();
		await app.press('g', 'line 1 of 60');
		await app.press('/error\r', 'match 1/6');
		await app.press('n', 'match 2/6');
		expect(logRows(app)[0]).toBe('line 15 error: retrying');
		await app.press('N', 'match 1/6');
		await app.press('N', 'match 6/6, from the end');
		// The last match: the view cannot scroll past the end, but the match is on screen.
		expect(logRows(app)).toContain('line 55 error: retrying');
		await app.press('n', 'match 1/6, from the top');
		expect(logRows(app)[0]).toBe('line 5 error: retrying');
	});

	it('matches either case, unless the query has an upper-case letter', async () => {
		const app = await openLog();
		await app.press('g', 'line 1 of 60');
		await app.press('/ERROR\r', 'match 1/1');
		expect(logRows(app)[0]).toBe('line 35 ERROR: disk full');
		await app.press('/disk\r', 'match 1/1');
	});

	it('says when nothing matches, and Esc clears the search before it goes back', async () => {
		const app = await openLog();
		await app.press('/nope\r', 'no match for "nope"');
		expect(app.text()).toContain('/nope');
		await app.press(KEY.escape, (frame) => !plain(frame).includes('/nope'));
		// Still in the log view; the next Esc goes back to the run.
		expect(app.text()).toContain('following');
		await app.press('/abc', '/abc_');
		await app.press(KEY.escape, (frame) => !plain(frame).includes('/abc'));
		expect(app.text()).toContain('following');
		await app.press(KEY.escape, 'l log');
	});

	it('starts from the top of the view while following: the first match on screen', async () => {
		const app = await openLog();
		// Following the end: the top row is line 60 - LOG_ROWS + 1.
		const top = 60 - LOG_ROWS + 1;
		expect(logRows(app)[0]).toBe(`line ${top} fine`);
		await app.press('/error\r', 'match');
		const first = [5, 15, 25, 35, 45, 55].find((line) => line >= top)!;
		expect(app.text()).toContain(`match ${[5, 15, 25, 35, 45, 55].indexOf(first) + 1}/6`);
		expect(logRows(app)).toContain(`line ${first} error: retrying`);
	});

	it('shows matches inverse, without colour too, and the match gone to in bold as well', async () => {
		const app = await openLog({color: false});
		await app.press('g', 'line 1 of 60');
		await app.press('/error\r', 'match 1/6');
		const rows = app.frame().split('\n');
		const current = rows.find((row) => plain(row).startsWith('line 5 error'))!;
		expect(current).toContain(`\u001b[1m${INVERSE}error\u001b[27m\u001b[22m`);
		const other = rows.find((row) => plain(row).startsWith('line 15 error'))!;
		expect(other).toContain(`${INVERSE}error\u001b[27m`);
		expect(other).not.toContain('\u001b[1m');
		// Lines without a match are drawn as they are.
		expect(rows.find((row) => plain(row).startsWith('line 6 fine'))).toBe('line 6 fine');
		// Keys typed in one burst land in order: a new search, then a step.
		await app.burst(['/', 'r', 'e', 't', 'r', 'y', '\r', 'n'], 'match 2/5');
	});

	it('holds its place and its match while a long log drops its oldest lines', async () => {
		const app = await openLog();
		await app.press('g', 'line 1 of 60');
		await app.press('jjjjjjjjjj', 'line 11 of 60');
		await app.press('/error\r', 'match 2/6');
		expect(logRows(app)[0]).toBe('line 15 error: retrying');
		// Ten new lines came and the ten oldest went: the screen stays on the same line.
		await app.push({log: log(logText(11, 70), 10)});
		await app.waitFor((frame) => plain(frame).includes('line 15 of 70'), 'the longer log');
		expect(logRows(app)[0]).toBe('line 15 error: retrying');
		// n goes on from the match gone to: 15, 25 … 65 are left, and 15 was the first.
		await app.press('n', 'match 2/6');
		expect(logRows(app)[0]).toBe('line 25 error: retrying');
		// The line on top went too: the view starts at the first line kept.
		await app.push({log: log(logText(31, 80), 30)});
		await app.waitFor((frame) => plain(frame).includes('line 31 of 80'), 'the log without the line on top');
		expect(logRows(app)[0]).toBe('line 31 fine');
		await app.press('n', 'match 1/5');
		expect(logRows(app)[0]).toBe('line 35 ERROR: disk full');
	});
});
