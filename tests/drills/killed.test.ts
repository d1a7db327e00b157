import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import {DrillSim, until} from './sim.js';
import {DrillPane} from './tmux.js';

/**
 * A citop that cannot restore its terminal (killed with `kill -9`, or aborted as V8 aborts when
 * memory runs out) still leaves the pane as it found it: the main screen, the cursor shown, lines
 * wrapping. One that ends itself restores it once, and nothing more is written after it.
 */

const LEAVE = '\u001b[?1049l';
const SOURCE = 'build';

let drill: DrillSim;
let hostile: HostileServer;
let home: Home;
let config: string;
let panes: DrillPane[] = [];

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 13, historySize: 6, arrivalEverySec: 20});
	hostile = await HostileServer.start(drill.sim);
	home = await makeHome();
	config = await home.write('config.yaml', simulatorConfigYaml({sources: hostile.specs([SOURCE])}));
}, 60_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await hostile?.stop();
	await drill?.stop();
	await home?.remove();
});

function open(args: string): DrillPane {
	const pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' --config '${config}' ${args}`, {
		columns: 120,
		rows: 30,
		dir: home.dir,
		env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
	});
	panes.push(pane);
	pane.go();
	return pane;
}

/** Ends citop (node, started by the pane's shell) with `signal`, and waits until it has gone. */
async function kill(pane: DrillPane, signal: NodeJS.Signals): Promise<void> {
	// Node 24 names its main thread, and so the process, MainThread.
	const citop = pane.children().find((child) => child.name === 'node' || child.name === 'MainThread');
	if (!citop) throw new Error('citop is not running in the pane');
	process.kill(citop.pid, signal);
	// Whether the shell's next line lands before the guard leaves the alternate screen is a race:
	// citop's end is told by its process, not by the screen.
	await until(() => !pane.children().some((child) => child.pid === citop.pid), `citop ended by ${signal}`);
}

describe('a citop that cannot restore the terminal', () => {
	it.each(['SIGKILL', 'SIGABRT'] as const)('the live view ended by %s gives the pane back its screen, cursor and wrapping', async (signal) => {
		const pane = open('');
		await pane.waitFor((screen) => (screen[0] ?? '').includes(`${SOURCE} ok`), 'the runs listed');
		expect([pane.show('#{alternate_on}'), pane.show('#{cursor_flag}'), pane.show('#{wrap_flag}')]).toEqual(['1', '0', '0']);
		await kill(pane, signal);
		await pane.waitFor(() => pane.show('#{alternate_on}') === '0', 'the main screen back');
		expect([pane.show('#{cursor_flag}'), pane.show('#{wrap_flag}')]).toEqual(['1', '1']);
	});

	it('citop watch ended by SIGKILL gives the cursor back', async () => {
		const run = drill.sim.world.runs(SOURCE).find((candidate) => !candidate.concluded && candidate.endsAt > Date.now() + 15_000);
		if (!run) throw new Error(`no run of ${SOURCE} running for 15 s more`);
		const pane = open(`watch ${run.id} --source ${SOURCE}`);
		await pane.waitFor((screen) => screen.some((line) => line.includes('running')), 'the run followed');
		expect(pane.show('#{cursor_flag}')).toBe('0');
		await kill(pane, 'SIGKILL');
		await pane.waitFor(() => pane.show('#{cursor_flag}') === '1', 'the cursor back');
	});
});

describe('a citop that ends itself', () => {
	it('restores the terminal once, and nothing is written after it', async () => {
		const pane = open('');
		await pane.waitFor((screen) => (screen[0] ?? '').includes(`${SOURCE} ok`), 'the runs listed');
		expect(await pane.quit()).toBe(0);
		// A second restore would put the cursor back where citop started, over the shell's output.
		await new Promise((resolve) => setTimeout(resolve, 500));
		const output = pane.output();
		expect(output.split(LEAVE)).toHaveLength(2);
		expect(output.slice(output.indexOf(LEAVE) + LEAVE.length)).toBe('');
	});
});
