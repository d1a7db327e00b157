import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {sanitizeLine} from '../../source/model/sanitize.js';
import {renderRunTree} from '../../source/output/watch.js';
import {makeSource} from '../fixtures/sources.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {KEY, plain, renderApp, unmountApps} from './helpers.js';

afterEach(unmountApps);

/**
 * Names a server may send that a terminal can draw at another width than citop counts: a ZWJ
 * family (one wide cell, or three), flags, emoji with presentation selectors and skin tones, and
 * line or paragraph separators (a new line, a cell, or nothing). Every provider maps a name
 * through sanitizeLine, as here.
 */
const ODD_NAME = sanitizeLine('ship 👨\u200d👩\u200d👧 to 🇩🇪 ❤\ufe0f 👍\u{1f3fd}\u2028now\u2029ok');
const COLUMNS = 160;

/** The cells a terminal takes for a line when it draws each character alone. */
const drawnWidth = (line: string): number => [...line].reduce((sum, char) => sum + stringWidth(char), 0);

/** Every row takes on the terminal exactly the cells the layout gave it, within the screen. */
function expectEvenRows(lines: readonly string[], columns: number): void {
	for (const line of lines) {
		expect(line).not.toMatch(/[\u2028\u2029]/);
		expect(drawnWidth(line)).toBe(stringWidth(line));
		expect(drawnWidth(line)).toBeLessThanOrEqual(columns);
	}
}

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const steps = [makeNode('s1', {title: ODD_NAME, status: 'running', startedAt: now - 30_000})];
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {lastSuccessAt: now})],
		runs: [makeRun('deploy', '5751', 2, now, {status: 'running', label: ODD_NAME, title: ODD_NAME, branch: ODD_NAME, children: steps}), makeRun('deploy', '5750', 9, now, {status: 'failed'})],
	});
	return {clock, store, now};
}

describe('names with emoji sequences, flags and separators', () => {
	it('take the cells the list gives them, in the list and the run header', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: COLUMNS, rows: 20});
		await app.waitFor((frame) => plain(frame).includes('#5750'), 'the runs listed');
		expectEvenRows(app.text().split('\n'), COLUMNS);
		await app.press(KEY.enter, 'esc back');
		expectEvenRows(app.text().split('\n'), COLUMNS);
	});

	it('take the cells citop counts in the live tree of citop watch', () => {
		const {now, store} = setup();
		const run = store.getSnapshot().runs[0];
		if (!run) throw new Error('no run');
		const lines = renderRunTree(run, {now, ascii: false, width: 60, height: 10});
		expect(lines.join('\n')).toContain('ship');
		expectEvenRows(lines, 60);
	});
});
