import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/sim/index.js';
import type {SimRun, SimulatorHandle} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import {DrillPane, tmuxWidths} from './tmux.js';

/**
 * Run names a terminal may draw at another width than citop counts, from a server, through the
 * real binary in tmux: emoji sequences (a ZWJ family, a flag, a skin tone), an emoji newer than
 * tmux's Unicode tables (U+1FAE8, Unicode 15.0, drawn in no cell), line and paragraph
 * separators, scripts whose letters join into one grapheme but take a cell each (Hindi, Thai,
 * Korean as separate jamo), invisible characters a terminal may give a cell (a soft hyphen, a
 * Hangul filler, Arabic's number sign), a code point Unicode has not assigned and half of a UTF-16
 * pair. Each row of the list keeps its columns, the open run's title row keeps its right edge, and
 * `citop watch` redraws its lines in place.
 */

const COLUMNS = 160;
const ROWS = 20;
const EMOJI = 'ship \u{1fae8} 👨\u200d👩\u200d👧 🇩🇪 👍\u{1f3fd}\u2028now\u2029ok';
const SCRIPTS = 'text हिन्दी กำ \u1100\u1161\u11a8 a\u00adb a\u3164b a\u0600b a\u0378b a\ud800b';
const WERCKER = 'deploy';

let sim: SimulatorHandle;
let hostile: HostileServer;
let home: Home;
let pane: DrillPane | null = null;

/** The name given to the run at `index` of a list: emoji, scripts, or its own. */
const nameAt = (index: number): string | null => [EMOJI, SCRIPTS, null][index % 3] ?? null;

beforeAll(async () => {
	await waitForBuild();
	// A run arrives every 20 s, so one is running for citop watch to follow.
	sim = await startSimulator({port: 0, seed: 9, historySize: 12, arrivalEverySec: 20});
	hostile = await HostileServer.start(sim, {
		rewrite: (path, body: unknown) => {
			if (path.includes('/api/v3/runs?') && Array.isArray(body)) {
				return body.map((run: Record<string, unknown>, index) => {
					const name = nameAt(index);
					return name === null ? run : {...run, branch: name, message: name};
				});
			}
			// One run asked for by id: its title long enough to fill a line several times over.
			if (/\/api\/v3\/runs\/[^/?]+$/.test(path)) return {...(body as object), message: SCRIPTS.repeat(4)};
			if (/\/api\/v3\/runs\/[^/?]+\/steps$/.test(path) && Array.isArray(body)) return body.map((step: object, index) => ({...step, step: `${index} ${SCRIPTS}`}));
			return body;
		},
	});
	home = await makeHome();
}, 60_000);

afterEach(() => {
	pane?.kill();
	pane = null;
});

afterAll(async () => {
	await hostile?.stop();
	await sim?.stop();
	await home?.remove();
});

function start(args: string, columns = COLUMNS): DrillPane {
	pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' ${args}`, {
		columns,
		rows: ROWS,
		dir: home.dir,
		env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
	});
	pane.go();
	return pane;
}

async function config(): Promise<string> {
	return home.write('wide.yaml', JSON.stringify({sources: hostile.specs([WERCKER]), poll: {fast: 1, slow: 2}}));
}

/** The cells tmux gives each line's text: a wide character takes two, one drawn in none joins the cell before it. */
async function cellCounter(lines: readonly string[]): Promise<(text: string) => number> {
	const chars = [...new Set(lines.flatMap((line) => [...line]))].filter((char) => !/^[\x20-\x7e]$/.test(char));
	const widths = await tmuxWidths(chars, {dir: home.dir, env: {...home.env, LC_ALL: 'C.UTF-8'}});
	return (text) => [...text].reduce((cells, char) => cells + (widths.get(char) ?? 1), 0);
}

describe('names a terminal may draw at another width, in tmux', () => {
	it('leave every row of the list in its columns', {timeout: 60_000}, async () => {
		const screen = await start(`--config '${await config()}'`).waitFor(
			(lines) => lines.some((line) => line.includes('ship')) && lines.some((line) => line.includes('text')) && lines.filter((line) => line.includes(' ago')).length >= 6,
			'the runs listed',
		);
		const rows = screen.filter((line) => / \d+[smhd] ago/.test(line));
		expect(rows.filter((line) => line.includes('ship')).length).toBeGreaterThan(0);
		expect(rows.filter((line) => line.includes('text')).length).toBeGreaterThan(0);
		expect(rows.filter((line) => !line.includes('ship') && !line.includes('text')).length).toBeGreaterThan(0);
		// A cell the terminal drew wider than citop counted pushes the rest of the row right.
		const cells = await cellCounter(rows);
		const startedAt = (line: string) => cells(line.slice(0, / \d+[smhd] ago/.exec(line)!.index));
		expect(rows.map(startedAt)).toEqual(rows.map(() => startedAt(rows[0]!)));
		expect(await pane!.quit()).toBe(0);
	});

	it("leave the open run's rows in their columns, and nothing behind them", {timeout: 60_000}, async () => {
		const run = sim.world.runs(WERCKER).find((candidate) => candidate.concluded)!;
		const live = start(`--config '${await config()}'`);
		await live.waitFor((lines) => (lines[0] ?? '').includes(`${WERCKER} ok`), 'the source loaded');
		live.send('/');
		await live.waitFor((lines) => (lines[2] ?? '').includes('filter /_'), 'the filter open');
		live.send(run.id.slice(-7), true);
		live.send('Enter');
		await live.waitFor((lines) => / 1\/1\s*$/.test(lines[2] ?? ''), `the list filtered to ${run.id}`);
		live.send('Enter');
		const screen = await live.waitFor((lines) => /esc back$/.test(lines[1] ?? '') && lines.some((line) => / l log$/.test(line)), 'the run open with its steps');
		const cells = await cellCounter(screen);
		const steps = screen.filter((line) => / l log$/.test(line));
		expect(steps.map(cells), steps.join('\n')).toEqual(steps.map(() => cells(steps[0]!)));
		// Between the last step and the rule above the footer, only blank rows: a title the terminal
		// drew wider than citop counted wraps, and leaves its end on them.
		const below = screen.slice(screen.lastIndexOf(steps.at(-1)!) + 1, screen.findIndex((line) => /^─{20,}/.test(line)));
		expect(below.filter((line) => line.trim() !== ''), screen.join('\n')).toEqual([]);
		expect(await live.quit()).toBe(0);
	});

	it('let citop watch redraw its lines in place', {timeout: 60_000}, async () => {
		// A run that goes on for a while yet, so every frame watched is a redraw.
		const running: SimRun | undefined = sim.world
			.runs(WERCKER)
			.filter((candidate) => !candidate.concluded && candidate.endsAt > Date.now() + 15_000)
			.sort((a, b) => b.endsAt - a.endsAt)[0];
		if (!running) throw new Error(`no run of ${WERCKER} running for 15 s more`);
		const watch = start(`--config '${await config()}' watch ${running.id} --source ${WERCKER} --interval 0.3`, 80);
		await watch.waitFor((lines) => lines.some((line) => line.includes('हिन्दी')), 'the run followed');
		// Each redraw moves up over the lines it wrote: a line the terminal wrapped leaves one behind.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		const screen = watch.screen().filter((line) => line.trim() !== '');
		expect(screen.filter((line) => line.includes(running.id.slice(-7))), screen.join('\n')).toHaveLength(1);
		expect(new Set(screen).size, screen.join('\n')).toBe(screen.length);
	});
});
