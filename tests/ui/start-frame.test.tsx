import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import type {StoreSnapshot} from '../../source/store/types.js';
import {themeOf} from '../../source/ui/logic/theme.js';
import {rowCells} from '../../source/ui/terminal/cells.js';
import {startFrameLines} from '../../source/ui/start-frame.js';
import {makeSource, NORTHFLANK_CAPABILITIES} from '../fixtures/sources.js';
import {FakeStore, makeRun} from './fake-store.js';
import {plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

/** Two sources as the cache leaves them on start: stale since they were saved, runs of every kind. */
function cachedStore(clock: ManualClock): FakeStore {
	const now = clock.now();
	const snapshot: Partial<StoreSnapshot> = {
		sources: [
			makeSource('deploy', {health: 'stale', lastSuccessAt: now - 90_000, runCount: 40}),
			makeSource('prod-release', {provider: 'northflank', capabilities: NORTHFLANK_CAPABILITIES, health: 'stale', lastSuccessAt: now - 30 * 60_000, runCount: 2}),
			makeSource('empty', {health: 'loading'}),
		],
		runs: [
			makeRun('deploy', '5751', 2, now, {status: 'running', progress: 0.52, branch: 'master', user: 'ann'}),
			makeRun('prod-release', '77', 1, now, {status: 'queued', label: 'Release 77'}),
			makeRun('deploy', '5750', 14, now, {status: 'failed', branch: 'feat/search-界面'}),
			makeRun('prod-release', '76', 40, now, {status: 'success', label: 'Release 76'}),
			...Array.from({length: 36}, (_, index) => makeRun('deploy', String(5700 - index), 20 + index * 7, now, {status: index % 5 === 0 ? 'failed' : 'success'})),
		],
	};
	return new FakeStore(clock, snapshot);
}

describe('the start frame', () => {
	for (const [columns, rows] of [
		[120, 40],
		[80, 24],
		[60, 12],
	] as const) {
		for (const [color, ascii] of [
			[true, false],
			[false, true],
		] as const) {
			it(`is the frame the live view draws first, row for row, at ${columns}×${rows}${color ? ' in colour' : ''}${ascii ? ' in ASCII' : ''}`, async () => {
				const clock = new ManualClock();
				const store = cachedStore(clock);
				const app = await renderApp(store, clock, {columns, rows, color, ascii});
				const drawn = app.frame().split('\n');
				const early = startFrameLines(store.getSnapshot(), {columns, rows}, themeOf(color, ascii));
				expect(early).not.toBeNull();
				expect(plain(early!.join('\n'))).toContain('#5751');
				// Cell by cell, as the terminal shows them (Ink writes the same styles in other sequences).
				const cells = (lines: readonly string[]) => Array.from({length: rows - 1}, (_, row) => rowCells(lines[row] ?? '', columns));
				expect(cells(early!)).toEqual(cells(drawn));
			});
		}
	}

	it('is none on a terminal too small for the list (the screen says so instead)', () => {
		const clock = new ManualClock();
		expect(startFrameLines(cachedStore(clock).getSnapshot(), {columns: 59, rows: 30}, themeOf(false, false))).toBeNull();
		expect(startFrameLines(cachedStore(clock).getSnapshot(), {columns: 100, rows: 11}, themeOf(false, false))).toBeNull();
	});
});
