import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {SimRun} from '../../source/sim/index.js';
import {createSourceClient} from '../../source/providers/index.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore} from '../../source/store/index.js';
import {Session} from '../bench/session.js';
import {JUNK, foreignControls} from './escapes.js';
import {DRILL_CLIENT, DRILL_SETTINGS} from './live.js';
import {DrillSim} from './sim.js';

/**
 * Hostile data from the simulator's oddities (escape sequences in names, messages and logs,
 * 10,000-character names, nulls, unknown statuses, every date format) through citop's full
 * screen exactly as `citop` draws it (runTui on a terminal that keeps every byte). The screen
 * must stay whole, no byte of server text may act on the terminal, unknown values show as unknown.
 */

const SOURCES = ['acme/api', 'build', 'shop-release'] as const;
const COLUMNS = 120;
const ROWS = 40;
const ESC = '\u001b';

let drill: DrillSim;
let store: LiveStore;
let session: Session;

beforeAll(async () => {
	// Ten times Northflank's documented hourly budget, so opening its runs does not wait on it.
	drill = await DrillSim.start({seed: 41, historySize: 40, oddities: true, arrivalEverySec: 3_600, rateLimitPerHour: 10_000});
	store = createStore({
		sources: drill.specs(SOURCES),
		clientFactory: (spec, options) => createSourceClient(spec, {...DRILL_CLIENT, ...options}),
		settings: {...DRILL_SETTINGS, fastIntervalMs: 1_000, slowIntervalMs: 2_000, maxBackoffMs: 2_000},
	});
	store.start();
	session = new Session(store, {columns: COLUMNS, rows: ROWS, color: true});
	await session.waitForScreen((screen) => SOURCES.every((name) => screen.split('\n')[0]?.includes(`${name} ok`)), 'every source loaded', 20_000);
});

afterAll(async () => {
	if (session && !session.exited) await session.quit();
	await store?.stop();
	await drill?.stop();
});

/** Header on top, rule and key bar at the foot, one row left free: the layout a person relies on. */
function expectIntact(screen: string): void {
	const lines = screen.split('\n');
	expect(lines).toHaveLength(ROWS);
	expect(lines[0]).toMatch(/^ ?citop /);
	expect(lines[ROWS - 4]).toMatch(/^─{20,}/);
	expect(lines[ROWS - 2]).toMatch(/q quit$/);
	expect(lines[ROWS - 1]).toBe('');
	expect(screen).not.toContain('pwned');
	expect(screen).not.toMatch(JUNK);
	expect(screen).not.toContain(ESC);
}

const header = (screen: string, row: number) => screen.split('\n')[row] ?? '';
// The run list's tabs: under the header and the summary line.
const TABS = 2;

/** Presses a key and waits until the screen shows what it should. */
async function press(keys: string, check: (screen: string) => boolean, what: string): Promise<string> {
	session.terminal.type(keys);
	return session.waitForScreen(check, what);
}

/** Filters the list down to one run and opens it. */
async function open(run: SimRun): Promise<string> {
	// A SourceCraft id is a bare number that other ids contain: its label "#N" is unique within its
	// source (a title elsewhere may say "#706"), and every word of a filter must match.
	const text = run.provider === 'sourcecraft' ? `${run.source} #${run.id}` : run.id;
	// Each key waits for its frame: a key read before the frame of the one before it would be
	// taken by the list, not the filter (see the report on keys in separate reads).
	await press('/', (screen) => header(screen, TABS).includes('filter /_'), 'the filter open');
	await press(text, (screen) => header(screen, TABS).includes(`filter /${text}_`), `the filter text ${text}`);
	await press('\r', (screen) => header(screen, TABS).includes(`filter /${text} `) && / 1\/1$/.test(header(screen, TABS)), `the list filtered to ${run.source} ${text}`);
	return press('\r', (screen) => /esc back$/.test(header(screen, 1)) && !screen.includes('loading the run'), `${run.source} ${text} open`);
}

/** Back to the whole list: Esc leaves the log, the run, then the filter. */
async function backToList(): Promise<void> {
	for (let step = 0; step < 5; step++) {
		const screen = session.screen();
		if (/\bSTATUS\b/.test(header(screen, TABS + 1)) && !/ 1\/1$/.test(header(screen, TABS))) return;
		await press(ESC, (next) => next !== screen, 'Esc to go back');
	}
	throw new Error(`Esc did not lead back to the whole list:\n${session.screen()}`);
}

/** Cycles the status filter until the list shows `word`. */
async function statusFilter(word: string): Promise<void> {
	for (let step = 0; step < 6 && !header(session.screen(), TABS).includes(`status ${word}`); step++) {
		const shown = /status (\w+)/.exec(header(session.screen(), TABS))?.[1];
		await press('f', (screen) => /status (\w+)/.exec(header(screen, TABS))?.[1] !== shown, 'the next status filter');
	}
	expect(header(session.screen(), TABS)).toContain(`status ${word}`);
}

function oddRuns(source: string, count: number): SimRun[] {
	return drill.sim.world
		.runs(source)
		.filter((run) => run.odd && run.concluded)
		.slice(0, count);
}

describe('hostile data on the full screen', () => {
	beforeEach(async () => {
		await backToList();
	});

	it('lists every run with clean names, readable dates and unknown statuses as unknown', async () => {
		const unknown = store.getSnapshot().runs.filter((run) => run.status === 'unknown');
		expect(unknown.length, 'the oddities include runs with statuses citop does not know').toBeGreaterThan(0);
		expectIntact(session.screen());
		// The status filter's last stop, "other", keeps the unknown and skipped runs.
		await statusFilter('other');
		const screen = session.screen();
		expectIntact(screen);
		const rows = screen.split('\n').slice(TABS + 2, ROWS - 4).filter((line) => line.trim() !== '');
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toMatch(/\? unknown .*\([^)]+\)/);
		await statusFilter('any');
	});

	it('shows a log full of escape sequences as plain text', async () => {
		const [run] = oddRuns('build', 1);
		if (!run) throw new Error('no odd concluded run of build');
		await open(run);
		await press('l', (screen) => /· log /.test(header(screen, 1)), 'the log of the first step');
		// The escape lines come early in the log: go to its top.
		const screen = await press('g', (text) => text.includes('setting the terminal title'), 'the log with its escape lines');
		expectIntact(screen);
		for (const text of ['cleared your screen', 'moved the cursor', 'ring the bell', 'red via an 8-bit CSI']) expect(screen).toContain(text);
		await backToList();
	});

	it.each(SOURCES)('opens odd runs of %s without breaking the screen', async (source) => {
		const runs = oddRuns(source, 3);
		expect(runs.length).toBeGreaterThan(1);
		for (const run of runs) {
			expectIntact(await open(run));
			await backToList();
			expectIntact(session.screen());
		}
	});

	it('wrote nothing but its own sequences, never set the title, rang no bell, never scrolled', async () => {
		expect(await session.quit()).toBe(0);
		const {vt} = session.terminal;
		expect(foreignControls(session.terminal.bytes)).toEqual([]);
		expect(vt.title).toBeNull();
		expect(vt.bells).toBe(0);
		expect(vt.scrolls).toBe(0);
		expect(session.terminal.bytes).not.toContain('pwned');
		// Back on the main screen, as it was before.
		expect(vt.text().trim()).toBe('');
	});
});
