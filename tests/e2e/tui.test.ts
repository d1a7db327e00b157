import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SOURCECRAFT_REPOS, WERCKER_PIPELINES} from '../../source/sim/worlds.js';
import {TmuxPane} from './tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A UTF-8 locale for the glyphs, and CI set on purpose: the screen must stay live even then.
const env = {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', CI: 'true', TERM: 'xterm-256color'};
const COMMAND = `cd '${root}' && node dist/cli.js demo; echo "EXITED $?"; exec sleep 600`;
const WERCKER = WERCKER_PIPELINES[0]!.name;
const SOURCECRAFT = SOURCECRAFT_REPOS.find((repo) => !repo.byId)!.name;

let panes: TmuxPane[] = [];

beforeAll(() => {
	// `npm test` builds first; a lone run of this folder builds once if there is nothing to run.
	if (!existsSync(`${root}/dist/cli.js`)) execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'inherit'});
}, 180_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(() => {
	for (const pane of panes) pane.kill();
});

function open(columns = 100, rows = 30): TmuxPane {
	const pane = new TmuxPane(COMMAND, {columns, rows}, env);
	panes.push(pane);
	return pane;
}

/** "12/340" at the end of the tabs row (under the header and the summary line): where the cursor is. */
function position(screen: string[]): {at: number; of: number} | null {
	const match = /(\d+)\/(\d+)\s*$/.exec(screen[2] ?? '');
	return match ? {at: Number(match[1]), of: Number(match[2])} : null;
}

/** tmux writes reverse video as `ESC[7m` or within a list such as `ESC[0;7m`. */
function inverse(line: string): boolean {
	return [...line.matchAll(/\u001b\[([0-9;]*)m/g)].some((match) => (match[1] ?? '').split(';').includes('7'));
}

function selected(pane: TmuxPane): string {
	return (pane.styled().find(inverse) ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}

/** Every source has answered once: runs are listed and the footer no longer waits for data. */
async function waitForRuns(pane: TmuxPane): Promise<void> {
	await pane.waitFor(
		(screen) => (position(screen)?.of ?? 0) > 0 && screen.some((line) => / (running|success|failed|queued) /.test(line)) && !screen.some((line) => line.includes('waiting for data')),
		'runs from every source',
		60_000,
	);
}

async function showTab(pane: TmuxPane, name: string): Promise<void> {
	for (let step = 0; step < 20 && !pane.screen()[2]?.includes(`[${name}]`); step++) {
		const before = pane.screen()[2];
		pane.send('Tab');
		await pane.waitFor((screen) => screen[2] !== before, 'the next tab');
	}
	expect(pane.screen()[2]).toContain(`[${name}]`);
}

describe('citop demo in tmux', () => {
	it('lives on the alternate screen, moves, unfolds, shows a log, triggers and aborts a run, resizes and quits cleanly', async () => {
		const pane = open();
		await waitForRuns(pane);
		expect(pane.show('#{alternate_on}')).toBe('1');
		let screen = pane.screen();
		expect(screen[0]).toMatch(/^citop/);
		expect(screen[28]).toContain('q quit');
		expect(screen[29]?.trim()).toBe('');

		// Pause polling so the list holds still while the cursor moves.
		pane.send('p');
		await pane.waitForText('polling paused');
		pane.send('g');
		// A frame may land in several writes: wait for the lit row too, not only the counter.
		await pane.waitFor((lines) => position(lines)?.at === 1 && selected(pane) !== '', 'the first run');
		const first = selected(pane);
		pane.send('j');
		await pane.waitFor((lines) => position(lines)?.at === 2 && selected(pane) !== '' && selected(pane) !== first, 'the second run, lit');
		pane.send('G');
		await pane.waitFor((lines) => {
			const where = position(lines);
			return where !== null && where.at === where.of;
		}, 'the last run');

		pane.send('p');
		await pane.waitForText('polling resumed');

		// A SourceCraft run: workflows fold and unfold.
		await showTab(pane, SOURCECRAFT);
		pane.send('Enter');
		screen = await pane.waitFor((lines) => /^ [▸▾] /.test(lines[3] ?? ''), 'the run tree');
		const folded = screen[3]!.startsWith(' ▸');
		const rows = screen.filter((line) => line.trim() !== '').length;
		pane.send('g');
		pane.send('Enter');
		screen = await pane.waitFor((lines) => lines[3]!.startsWith(folded ? ' ▾' : ' ▸'), 'the workflow to fold or unfold');
		expect(screen.filter((line) => line.trim() !== '').length).not.toBe(rows);
		pane.send(folded ? 'Left' : 'Right');
		await pane.waitFor((lines) => lines[3]!.startsWith(folded ? ' ▸' : ' ▾'), 'the arrow to undo it');
		pane.send('Escape');
		await pane.waitForText('STATUS');

		// A Wercker run: its steps have logs.
		await showTab(pane, WERCKER);
		pane.send('G');
		pane.send('Enter');
		await pane.waitFor((lines) => lines.slice(3, 26).some((line) => line.includes('l log')), 'steps with logs');
		pane.send('l');
		// "following" is the log view's own: a branch such as feat/login also says "log".
		screen = await pane.waitFor((lines) => lines[1]?.includes('following') === true && (lines[2] ?? '').trim() !== '', 'log lines');
		expect(screen[1]).toMatch(/complete|live|loading/);
		pane.send('Escape');
		// The run tree's own hint: the log view says "esc back" too, and a second Escape sent while
		// the first is still on its way arrives with it as one key (Esc Esc reads as Meta+Esc).
		await pane.waitForText('l log');
		pane.send('Escape');
		await pane.waitForText('STATUS');

		// Start a run and see it arrive, selected; then abort it.
		// Keys typed in the instant before the form takes input are dropped, not sent to the list:
		// type once the form shows, and start over if the first letters went missing.
		for (let attempt = 1; ; attempt++) {
			pane.send('t');
			await pane.waitForText(`Start a run on ${WERCKER}`);
			pane.send('e2e-branch', true);
			const typed = await pane.waitForText('e2e-branch', 3_000).then(
				() => true,
				() => false,
			);
			if (typed || attempt === 3) break;
			pane.send('Escape');
			await pane.waitForText('trigger canceled');
		}
		pane.send('Enter');
		await pane.waitForText('Commit');
		pane.send('Enter');
		await pane.waitForText('Message');
		pane.send('from the e2e test', true);
		pane.send('Enter');
		await pane.waitForText('Environment variables');
		pane.send('Enter');
		await pane.waitForText('Chain after a run?');
		pane.send('Enter');
		await pane.waitForText('Start this run?');
		// The confirmation names what will be sent (a frame may land in several writes: wait for it).
		await pane.waitForText('branch: e2e-branch');
		pane.send('Enter');
		await pane.waitForText(`started ${WERCKER}`);
		await pane.waitFor(() => selected(pane).includes('e2e-branch'), 'the new run, selected');
		pane.send('x');
		await pane.waitForText(/Abort .+\? y\/N/);
		pane.send('y');
		await pane.waitForText('abort requested');
		await pane.waitFor(() => / (canceled|canceling) /.test(selected(pane)), 'the run to be canceled', 30_000);

		// Resizes lay the screen out again at once, with nothing left over.
		pane.resize(80, 24);
		screen = await pane.waitFor((lines) => lines.length === 24 && (lines[22] ?? '').includes('q quit'), 'the 80×24 layout');
		expect(screen[0]).toMatch(/^citop/);
		expect(screen[3]).not.toContain('EVENT');
		expect(screen[23]?.trim()).toBe('');
		pane.resize(200, 60);
		screen = await pane.waitFor((lines) => lines.length === 60 && (lines[58] ?? '').includes('q quit'), 'the 200×60 layout');
		expect(screen[3]).toContain('TITLE');
		expect(screen[59]?.trim()).toBe('');
		expect(screen.slice(0, 59).filter((line) => line.includes('q quit'))).toHaveLength(1);
		pane.resize(50, 10);
		await pane.waitForText('terminal too small (need 60×12)');
		pane.resize(100, 30);
		screen = await pane.waitFor((lines) => lines.length === 30 && (lines[28] ?? '').includes('q quit'), 'the 100×30 layout');
		expect(screen.filter((line) => line.includes('too small'))).toHaveLength(0);

		pane.send('q');
		await pane.waitForText('EXITED 0');
		expect(pane.show('#{alternate_on}')).toBe('0');
		expect(pane.show('#{cursor_flag}')).toBe('1');
	}, 240_000);

	it('takes text typed faster than the screen redraws in full and in order, backspaces too', async () => {
		const pane = open(100, 30);
		await waitForRuns(pane);
		await showTab(pane, WERCKER);
		pane.send('t');
		await pane.waitForText(`Start a run on ${WERCKER}`);
		await pane.waitForText('Branch');
		// The whole string in one send-keys, as a fast typist over SSH delivers it.
		pane.send('release/2.4-hotfix', true);
		await pane.waitForText('▸ release/2.4-hotfix');
		pane.send(Array.from({length: 12}, () => 'BSpace'));
		await pane.waitFor((screen) => screen.some((line) => line.trimEnd() === '▸ releas'), 'six characters left after twelve backspaces');
		pane.send(['e/2.5', 'Left', 'Left', 'BSpace', '3', 'Enter', 'abc123', 'Enter', 'hot', 'Enter', 'Enter', 'Enter']);
		const screen = await pane.waitForText('Start this run?');
		await pane.waitForText('branch: release/3.5');
		expect(screen.join('\n')).not.toContain('releas/');
		pane.send('Escape');
		await pane.waitForText('trigger canceled');
	}, 120_000);

	it('refuses the full screen on TERM=dumb with one line naming what works there, exit 2', async () => {
		const pane = new TmuxPane(`cd '${root}' && TERM=dumb node dist/cli.js demo; echo "EXITED $?"; exec sleep 600`, {columns: 200, rows: 10}, env);
		panes.push(pane);
		const screen = await pane.waitForText('EXITED');
		expect(screen.filter((line) => line.trim() !== '')).toEqual([
			'citop: the live view needs a terminal that can draw a full screen, and TERM=dumb cannot; use "citop runs" for one listing or "citop watch RUN --source NAME" to follow a run',
			'EXITED 2',
		]);
	}, 60_000);

	it('quits on Ctrl+C and gives the terminal back', async () => {
		const pane = open(80, 24);
		await waitForRuns(pane);
		pane.send('C-c');
		await pane.waitForText('EXITED 0');
		expect(pane.show('#{alternate_on}')).toBe('0');
		expect(pane.show('#{cursor_flag}')).toBe('1');
	}, 120_000);

	it('ends at once when its pane is closed: by the hang-up, not lingering and not crashing', async () => {
		const status = join(mkdtempSync(join(tmpdir(), 'citop-e2e-')), 'status');
		// The shell outlives the hang-up to write down how citop ended (citop itself takes SIGHUP as usual).
		const pane = new TmuxPane(`sh -c 'trap "" HUP; cd "${root}" && node dist/cli.js demo; echo "$?" > "${status}"'`, {columns: 100, rows: 30}, env);
		panes.push(pane);
		await waitForRuns(pane);
		const closed = Date.now();
		pane.close();
		for (let wait = 0; wait < 100 && !existsSync(status); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(readFileSync(status, 'utf8').trim()).toBe('129');
		// Generous against a slow machine: what is caught here is citop running on after its terminal has gone.
		expect(Date.now() - closed).toBeLessThan(3_000);
	}, 120_000);
});
