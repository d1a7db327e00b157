import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {SimRun} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, waitForBuild} from './cli.js';
import {JUNK, foreignControls} from './escapes.js';
import {REFUSED_TOKEN, USER_TOKENS, deadOrigin, leaks, tokenEnv, userConfigYaml} from './secrets.js';
import {DrillSim} from './sim.js';
import {DrillPane} from './tmux.js';

/**
 * The real binary (`node dist/cli.js`) in tmux, against a simulator with its oddities on and the
 * user's tokens: hostile server text must not reach the terminal (the pane's title stays, no bell,
 * the layout holds), and no token may show on screen, in any byte citop writes or in its files,
 * on the succeeding path and when the token is refused, the server fails or cannot be reached.
 */

const COLUMNS = 120;
const ROWS = 40;
const SOURCES = ['acme/api', 'build', 'shop-release'];

let drill: DrillSim;
let home: Home;
let good: string;
let dead: string;
let panes: DrillPane[] = [];

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 41, historySize: 30, arrivalEverySec: 3_600, oddities: true, tokens: USER_TOKENS});
	home = await makeHome();
	const werckerCommand = `cat '${await home.write('wercker.token', USER_TOKENS.wercker)}'`;
	good = await home.write('good.yaml', userConfigYaml(drill.sim, {werckerCommand}));
	dead = await home.write('dead.yaml', userConfigYaml(drill.sim, {werckerCommand, origin: await deadOrigin()}));
}, 90_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	for (const pane of panes) pane.kill();
	await drill?.stop();
	await home?.remove();
});

function open(args: string, env: NodeJS.ProcessEnv = tokenEnv()): DrillPane {
	const pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' ${args}`, {
		columns: COLUMNS,
		rows: ROWS,
		dir: home.dir,
		env: {...home.env, ...env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
	});
	panes.push(pane);
	return pane;
}

const header = (screen: string[]) => screen[0] ?? '';

function expectIntact(screen: string[]): void {
	expect(screen).toHaveLength(ROWS);
	expect(header(screen)).toMatch(/^ ?citop /);
	expect(screen[ROWS - 4]).toMatch(/^─{20,}/);
	expect(screen[ROWS - 2]).toMatch(/q quit\s*$/);
	const text = screen.join('\n');
	expect(text).not.toContain('pwned');
	expect(text).not.toMatch(JUNK);
}

/** Filters the list to one run and opens it, a key at a time. */
async function openRun(pane: DrillPane, run: SimRun): Promise<void> {
	const text = run.provider === 'sourcecraft' ? `#${run.id}` : run.id;
	pane.send('/');
	await pane.waitFor((screen) => (screen[2] ?? '').includes('filter /_'), 'the filter open');
	pane.send(text, true);
	await pane.waitFor((screen) => (screen[2] ?? '').includes(`filter /${text}_`), `the filter ${text}`);
	pane.send('Enter');
	await pane.waitFor((screen) => (screen[2] ?? '').includes(`filter /${text} `) && / 1\/1\s*$/.test(screen[2] ?? ''), `the list filtered to ${text}`);
	pane.send('Enter');
	await pane.waitFor((screen) => /esc back\s*$/.test(screen[1] ?? '') && !screen.join('\n').includes('loading the run'), `${run.source} ${text} open`);
}

describe('citop in tmux', () => {
	it('can tell when a program sets the pane title (the check below can fail)', async () => {
		const pane = open(`--version; printf '\\033]0;pwned\\007'`);
		const before = pane.show('#{pane_title}');
		pane.go();
		await pane.waitFor((screen) => screen.some((line) => line.startsWith('EXITED')), 'the command to end');
		expect(before).not.toBe('pwned');
		expect(pane.show('#{pane_title}')).toBe('pwned');
	});

	it('keeps hostile server text off the terminal: title, bell, layout and bytes intact', async () => {
		const pane = open(`--config '${good}'`);
		const title = pane.show('#{pane_title}');
		pane.go();
		await pane.waitFor((screen) => SOURCES.every((name) => header(screen).includes(`${name} ok`)), 'every source loaded', 30_000);
		expect(pane.show('#{alternate_on}')).toBe('1');
		expectIntact(pane.screen());

		const run = drill.sim.world.runs('build').find((candidate) => candidate.odd && candidate.concluded);
		if (!run) throw new Error('no odd concluded run of build');
		await openRun(pane, run);
		expectIntact(pane.screen());
		pane.send('l');
		await pane.waitFor((screen) => /· log /.test(screen[1] ?? ''), 'the log of the first step');
		pane.send('g');
		const screen = await pane.waitFor((lines) => lines.join('\n').includes('setting the terminal title'), 'the log with its escape lines');
		expectIntact(screen);
		for (const text of ['cleared your screen', 'moved the cursor', 'ring the bell', 'red via an 8-bit CSI']) expect(screen.join('\n')).toContain(text);
		expect(pane.show('#{pane_title}')).toBe(title);
		expect(pane.show('#{window_bell_flag}')).toBe('0');

		expect(await pane.quit()).toBe(0);
		expect(pane.show('#{alternate_on}')).toBe('0');
		expect(pane.show('#{pane_title}')).toBe(title);
		expect(foreignControls(pane.output())).toEqual([]);
		expect(pane.output()).not.toContain('pwned');
	}, 60_000);
});

describe('the token search in the live view', () => {
	const cases = [
		{name: 'succeeding, a run and its log opened, its URL copied', args: () => `--debug --config '${good}'`, env: () => tokenEnv(), shows: / acme\/api ok /},
		{name: 'the token refused', args: () => `--config '${good}'`, env: () => tokenEnv(REFUSED_TOKEN), shows: /acme\/api auth refused/},
		{name: 'the server failing with 500s', args: () => `--debug --config '${good}'`, env: () => tokenEnv(), shows: /server error 500|failed \(500\)/, fault: true},
		{name: 'the server unreachable', args: () => `--config '${dead}'`, env: () => tokenEnv(), shows: /: (unreachable|could not reach)/},
	];

	it.each(cases)('finds no token with $name', async ({name, args, env, shows, fault}) => {
		if (fault) drill.setFault({kind: 'status', status: 500});
		try {
			const pane = open(args(), env());
			pane.go();
			await pane.waitFor((screen) => shows.test(screen.join('\n')), `the screen to match ${String(shows)}`, 30_000);
			if (name.startsWith('succeeding')) {
				const run = drill.sim.world.runs('build').find((candidate) => candidate.concluded && !candidate.odd);
				if (!run) throw new Error('no concluded run of build');
				await openRun(pane, run);
				pane.send('y');
				await pane.waitFor((screen) => screen.join('\n').includes('sent the URL'), 'the copy confirmed');
				pane.send('l');
				await pane.waitFor((screen) => /· log /.test(screen[1] ?? ''), 'the log');
			}
			expect(leaks(pane.screen().join('\n'))).toEqual([]);
			expect(await pane.quit()).toBe(0);
			expect(pane.output().length).toBeGreaterThan(1_000);
			if (name.startsWith('succeeding')) expect(pane.output(), 'the copy (OSC 52) was written').toContain(']52;');
			expect(leaks(pane.output())).toEqual([]);
		} finally {
			drill.setFault(null);
		}
	}, 60_000);

	it('finds no token in any file citop wrote', async () => {
		const files = await home.filesWritten();
		// The recordings of the panes are among them: the bytes citop wrote to its terminal.
		expect(files.some((file) => file.path.endsWith('.bytes'))).toBe(true);
		for (const file of files) expect(leaks(file.content), file.path).toEqual([]);
	});
});
