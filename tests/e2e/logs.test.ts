import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runCli, setUpSimulator} from '../cli/helpers.js';
import type {SimSetup} from '../cli/helpers.js';
import {TmuxPane} from './tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A terminal as a user has it: CI's FORCE_COLOR=0 (or a NO_COLOR) would rightly turn the bold off.
const {FORCE_COLOR: _forced, NO_COLOR: _none, ...inherited} = process.env;
const env = {...inherited, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'};

let setup: SimSetup;
let panes: TmuxPane[] = [];

beforeAll(async () => {
	if (!existsSync(`${root}/dist/cli.js`)) throw new Error('dist/cli.js is missing: run "npm run build" first');
	setup = await setUpSimulator({arrivalEverySec: 1_000_000});
});

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await setup.stop();
});

/** tmux writes bold as `ESC[1m` or within a list such as `ESC[0;1m`. */
function bold(line: string): boolean {
	return [...line.matchAll(/\u001b\[([0-9;]*)m/g)].some((match) => (match[1] ?? '').split(';').includes('1'));
}

describe('citop logs on a terminal', () => {
	it('prints the log as readable lines, each node under a bold header, and leaves the terminal as it was', async () => {
		const run = setup.sim.world.runs('acme/api').find((candidate) => candidate.concluded && candidate.status === 'success');
		if (!run) throw new Error('the simulator has no run of acme/api that succeeded');
		const args = ['--config', setup.config, 'logs', `#${run.number}`, '--source', 'acme/api', '--node', 'build/compile'];
		const piped = await runCli(args, setup.dir);
		expect(piped.code).toBe(0);
		const expected = piped.stdout.trimEnd().split('\n');
		expect(expected.length).toBeLessThan(38);

		const pane = new TmuxPane(`cd '${setup.dir}' && HOME='${setup.dir}' node '${root}/dist/cli.js' ${args.map((arg) => `'${arg}'`).join(' ')}; echo "EXITED $?"; exec sleep 600`, {columns: 120, rows: 40}, env);
		panes.push(pane);
		const screen = await pane.waitForText(/^EXITED \d+$/);
		expect(screen).toContain('EXITED 0');
		// What a person reads is what a script reads: the same lines, row by row, nothing drawn over.
		expect(screen.slice(0, expected.length)).toEqual(expected);
		expect(screen[0]).toBe('==> build/compile/tsc (success) <==');
		const styled = pane.styled();
		const headers = styled.filter((line) => line.replace(/\u001b\[[0-9;]*m/g, '').startsWith('==> '));
		expect(headers).toHaveLength(2);
		for (const header of headers) expect(bold(header)).toBe(true);
		// The style ends with the header: the log's lines are not drawn bold.
		expect(bold(styled[1] ?? '')).toBe(false);
		expect(pane.show('#{alternate_on}')).toBe('0');
		expect(pane.show('#{cursor_flag}')).toBe('1');
	});
});
