import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {configYaml} from '../../source/sim/sources.js';
import {setUpSimulator} from '../cli/helpers.js';
import type {SimSetup} from '../cli/helpers.js';
import {TmuxPane} from './tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'};
const SOURCE = 'acme/api';
const TOKEN_VARIABLE = 'CITOP_START_TOKEN';

let setup: SimSetup;
let panes: TmuxPane[] = [];

beforeAll(async () => {
	setup = await setUpSimulator();
}, 60_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await setup.stop();
});

/** citop in a pane of its own, everything it writes kept in `record` (script(1) copies the terminal's output). */
function open(config: string, cacheHome: string, variables: string, record: string): TmuxPane {
	const citop = `${variables} XDG_CACHE_HOME='${join(setup.dir, cacheHome)}' node dist/cli.js --config '${config}'`;
	const command = `cd '${root}' && script -qfec "${citop}" '${record}'; echo "EXITED $?"; exec sleep 600`;
	const pane = new TmuxPane(command, {columns: 120, rows: 30}, env);
	panes.push(pane);
	return pane;
}

/** A config whose token comes from an environment variable, so a start can find it unset. */
async function tokenFromEnvironment(): Promise<{config: string; token: string}> {
	const spec = setup.sim.sources.find((source) => source.name === SOURCE)!;
	const yaml = configYaml([spec]).replace(/token: .*/, `tokenEnv: ${TOKEN_VARIABLE}`);
	return {config: await setup.writeConfig('from-env.yaml', yaml), token: spec.token ?? ''};
}

/** Runs the live view until it has shown runs, then quits: what the next start of this config draws first. */
async function firstStart(config: string, cacheHome: string, variables: string): Promise<string[]> {
	const pane = open(config, cacheHome, variables, join(setup.dir, `${cacheHome}-first.log`));
	const screen = await pane.waitFor((lines) => (lines[0] ?? '').includes(`${SOURCE} ok`) && lines.some((line) => /#\d+/.test(line)), 'runs on screen');
	pane.send('q');
	await pane.waitForText('EXITED 0');
	return screen.flatMap((line) => line.match(/#\d+/g) ?? []);
}

describe('the start frame', () => {
	it('is the cached runs of the last start of the same config, and the live view goes on from it', async () => {
		const {config, token} = await tokenFromEnvironment();
		const labels = await firstStart(config, 'again', `${TOKEN_VARIABLE}=${token}`);
		expect(existsSync(join(setup.dir, 'again', 'citop', 'start.json'))).toBe(true);
		const record = join(setup.dir, 'again.log');
		const pane = open(config, 'again', `${TOKEN_VARIABLE}=${token}`, record);
		const screen = await pane.waitFor((lines) => (lines[0] ?? '').includes(`${SOURCE} ok`), 'fresh runs');
		expect(screen.join('\n')).toContain('1/');
		pane.send('j');
		await pane.waitFor((lines) => lines.some((line) => line.includes(' 2/')), 'the cursor on the second run');
		pane.send('q');
		await pane.waitForText('EXITED 0');
		expect(pane.show('#{alternate_on}')).toBe('0');
		expect(labels.length).toBeGreaterThan(0);
		// The live view drew on from the start frame: the screen was entered once and never cleared again.
		const written = readFileSync(record, 'utf8');
		expect(written.split('\u001b[?1049h')).toHaveLength(2);
		expect(written.split('\u001b[2J')).toHaveLength(3);
	}, 60_000);

	it('is drawn before the config is read: a config that no longer holds leaves it for one line on the shell screen, exit 2', async () => {
		const {config, token} = await tokenFromEnvironment();
		const labels = await firstStart(config, 'unset', `${TOKEN_VARIABLE}=${token}`);
		const record = join(setup.dir, 'unset.log');
		const pane = open(config, 'unset', '', record);
		const screen = await pane.waitForText('EXITED 2');
		const said = screen.filter((line) => line.startsWith('citop:'));
		expect(said).toEqual([expect.stringContaining(`${TOKEN_VARIABLE} is not set`)]);
		expect(pane.show('#{alternate_on}')).toBe('0');
		// The terminal got the cached runs first, then the shell's screen back, then the reason.
		const written = readFileSync(record, 'utf8');
		const drawn = written.indexOf(labels[0]!);
		expect(drawn).toBeGreaterThan(-1);
		expect(written.indexOf('\u001b[?1049l')).toBeGreaterThan(drawn);
		expect(written.indexOf(`${TOKEN_VARIABLE} is not set`)).toBeGreaterThan(written.indexOf('\u001b[?1049l'));
		expect(written).not.toContain(token);
	}, 60_000);

	it('is left out when where it would come from cannot be worked out: the live view says why in one line, no stack', async () => {
		const {config} = await tokenFromEnvironment();
		// A shell can stay in a directory that has been removed: the current directory cannot be read.
		const gone = join(setup.dir, 'gone');
		mkdirSync(gone);
		const citop = `XDG_CACHE_HOME='${join(setup.dir, 'gone-cache')}' node '${join(root, 'dist/cli.js')}' --config '${config}'`;
		// Wide enough for Node 24's longer message on one row.
		const pane = new TmuxPane(`cd '${gone}' && rmdir '${gone}' && ${citop}; echo "EXITED $?"; exec sleep 600`, {columns: 300, rows: 30}, env);
		panes.push(pane);
		const screen = (await pane.waitForText(/EXITED \d+/)).filter((line) => line.trim() !== '');
		expect(screen).toEqual([expect.stringMatching(/^citop: .*uv_cwd/), expect.stringMatching(/^EXITED [12]$/)]);
		expect(pane.show('#{alternate_on}')).toBe('0');
	}, 60_000);
});
