import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {ManualClock} from '../../source/model/clock.js';
import {layoutColumns} from '../../source/ui/logic/columns.js';
import type {ColumnId} from '../../source/ui/logic/columns.js';
import {painter} from '../../source/ui/logic/paint.js';
import {contentWidths, headerRow, progressText, refText, runRow} from '../../source/ui/logic/run-row.js';
import {symbolsFor} from '../../source/ui/logic/symbols.js';
import {clamp, findIndex, indexByKey, moveIndex, resolveCursor, scrollTop} from '../../source/ui/logic/window.js';
import {endTop, logWindow} from '../../source/ui/logic/log-window.js';
import {makeRun} from './fake-store.js';

const now = new ManualClock().now();
const content = {source: 12, run: 6, ref: 14, event: 9, user: 6};
const ids = (width: number, showSource = true): ColumnId[] => layoutColumns(width, content, {showSource}).columns.map((column) => column.id);

describe('column layout', () => {
	it('shows every column at 100 columns', () => {
		expect(ids(100)).toEqual(['marks', 'status', 'source', 'run', 'ref', 'event', 'user', 'progress', 'started', 'time']);
	});

	it('drops event, then user, then shrinks progress to a percent as the width narrows', () => {
		expect(ids(95)).not.toContain('event');
		expect(ids(88)).not.toContain('user');
		const at80 = layoutColumns(80, content, {showSource: true});
		expect(at80.compactProgress).toBe(true);
		expect(at80.columns.map((column) => column.id)).toEqual(['marks', 'status', 'source', 'run', 'ref', 'progress', 'started', 'time']);
	});

	it('keeps status, run and time down to the smallest screen', () => {
		for (let width = 60; width <= 200; width++) {
			const layout = layoutColumns(width, {source: 16, run: 20, ref: 30, event: 9, user: 12}, {showSource: true});
			const used = layout.columns.reduce((sum, column) => sum + column.width, 0) + layout.gap * (layout.columns.length - 2);
			expect(used).toBeLessThanOrEqual(width);
			expect(layout.columns.map((column) => column.id)).toEqual(expect.arrayContaining(['status', 'run', 'time']));
		}
	});

	it('keeps the source of each run in the all-sources view as long as the ref shows, and longer', () => {
		for (const widths of [content, {source: 16, run: 20, ref: 30, event: 9, user: 12}, {source: 12, run: 8, ref: 22, event: 9, user: 5}]) {
			for (let width = 60; width <= 200; width++) {
				const shown = layoutColumns(width, widths, {showSource: true}).columns.map((column) => column.id);
				if (shown.includes('ref')) expect(shown, `at ${width} columns`).toContain('source');
			}
			expect(layoutColumns(60, widths, {showSource: true}).columns.map((column) => column.id)).toContain('source');
		}
	});

	it('gives a wide screen a title column and wider gaps', () => {
		const layout = layoutColumns(200, content, {showSource: true});
		expect(layout.gap).toBe(2);
		expect(layout.columns.at(-1)?.id).toBe('title');
	});

	it('leaves out the source column when one source is shown', () => {
		expect(ids(100, false)).not.toContain('source');
	});
});

describe('run rows', () => {
	const context = {width: 100, now, frame: 2, ascii: false, paint: painter(false), symbols: symbolsFor(false)};
	const run = makeRun('deploy', '5751', 2, now, {status: 'running', progress: 0.52, label: '#5751', branch: 'master', user: 'tonnu'});

	it('draws a run on exactly one screen width, with glyph, word, bar and ticking time', () => {
		const layout = layoutColumns(100, contentWidths([run]), {showSource: true});
		const row = runRow(run, layout, context, {selected: false, changed: false, watched: false});
		expect(stringWidth(row)).toBe(100);
		expect(row).toContain('⠹ running');
		expect(row).toContain('master cd74a99');
		expect(row).toContain('██████░░░░░  52%');
		expect(row).toContain('2:00');
		expect(stringWidth(headerRow(layout, context))).toBe(100);
	});

	it('marks a changed and a watched run without colour, and lights the cursor row', () => {
		const layout = layoutColumns(100, contentWidths([run]), {showSource: true});
		const row = runRow(run, layout, context, {selected: true, changed: true, watched: true});
		expect(row.startsWith('\u001b[7m\u001b[1m»●')).toBe(true);
		expect(stringWidth(row)).toBe(100);
	});

	it('falls back to ASCII glyphs and bars', () => {
		const ascii = {...context, ascii: true, symbols: symbolsFor(true)};
		const layout = layoutColumns(100, contentWidths([run]), {showSource: true});
		const row = runRow(run, layout, ascii, {selected: false, changed: true, watched: true});
		expect(row).toContain('* running');
		expect(row).toContain('######.....  52%');
		expect(row.startsWith('\u001b[1m!@')).toBe(true);
		expect(/[^\x00-\x7f]/.test(row)).toBe(false);
	});

	it('names the ref and shows the raw word of an unknown status', () => {
		expect(refText(makeRun('a', '1', 1, now, {branch: null, tag: 'v2.3.1', commit: null}))).toBe('v2.3.1');
		expect(refText(makeRun('a', '1', 1, now, {branch: null, pullRequest: '12'}))).toBe('PR 12 cd74a99');
		expect(progressText({status: 'unknown', progress: null, providerStatus: 'mystery'}, false, false)).toBe('(mystery)');
		expect(progressText({status: 'running', progress: 1, providerStatus: null}, false, true)).toBe('100%');
	});
});

describe('cursor and window', () => {
	it('moves within the list', () => {
		expect(moveIndex(0, 10, 'up', 5)).toBe(0);
		expect(moveIndex(9, 10, 'down', 5)).toBe(9);
		expect(moveIndex(2, 10, 'pageDown', 5)).toBe(7);
		expect(moveIndex(7, 10, 'pageDown', 5)).toBe(9);
		expect(moveIndex(3, 10, 'top', 5)).toBe(0);
		expect(moveIndex(3, 10, 'bottom', 5)).toBe(9);
		expect(moveIndex(0, 0, 'down', 5)).toBe(-1);
	});

	it('scrolls as little as it must and fills the screen', () => {
		expect(scrollTop(0, 4, 100, 10)).toBe(0);
		expect(scrollTop(0, 10, 100, 10)).toBe(1);
		expect(scrollTop(50, 45, 100, 10)).toBe(45);
		expect(scrollTop(95, 99, 100, 10)).toBe(90);
		expect(scrollTop(30, 2, 5, 10)).toBe(0);
	});

	it('finds the cursor by key, or stays at the same height when its item is gone', () => {
		const index = indexByKey(['a', 'b', 'c'], (item) => item);
		const find = (key: string) => index.get(key);
		expect(resolveCursor(find, 'c', 0, 3)).toBe(2);
		expect(resolveCursor(find, 'gone', 1, 3)).toBe(1);
		expect(resolveCursor(find, 'gone', 7, 3)).toBe(2);
		expect(resolveCursor(() => undefined, null, 0, 0)).toBe(-1);
		expect(clamp(5, 0, 3)).toBe(3);
	});

	it('finds a run by key where it was, or anywhere else in the list', () => {
		const runs = [{key: 'a'}, {key: 'b'}, {key: 'c'}];
		expect(findIndex(runs, 'b', 1)).toBe(1);
		expect(findIndex(runs, 'c', 0)).toBe(2);
		expect(findIndex(runs, 'a', 9)).toBe(0);
		expect(findIndex(runs, 'gone', 1)).toBeUndefined();
	});
});

describe('log window', () => {
	const lines = Array.from({length: 50}, (_, index) => `line ${index}`);

	it('follows the end, or shows from a line, wrapping long lines', () => {
		expect(logWindow(lines, null, 5, 40).rows).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
		expect(logWindow(lines, 10, 3, 40).rows).toEqual(['line 10', 'line 11', 'line 12']);
		expect(logWindow(['x'.repeat(25), 'end'], null, 5, 10).rows).toEqual(['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx', 'end']);
	});

	it('never scrolls past the end', () => {
		expect(endTop(lines, 5, 40)).toBe(45);
		expect(logWindow(lines, 48, 5, 40).top).toBe(45);
		expect(endTop(['a', 'b'], 5, 40)).toBe(0);
	});
});
