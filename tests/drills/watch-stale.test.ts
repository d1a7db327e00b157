import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, waitForBuild} from './cli.js';
import {DrillSim} from './sim.js';
import {DrillPane} from './tmux.js';

/**
 * `citop watch` on a terminal draws the run's tree in place. When the run can no longer be read,
 * the tree must not look live: its clocks stop at the last answer and the headline says STALE.
 */

let drill: DrillSim;
let home: Home;
let config: string;
let pane: DrillPane | null = null;

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 5, historySize: 4, arrivalEverySec: 3_600});
	home = await makeHome();
	config = await home.write('config.yaml', simulatorConfigYaml(drill.sim));
}, 90_000);

afterEach(() => {
	pane?.kill();
	pane = null;
	drill.setFault(null);
});

afterAll(async () => {
	await drill?.stop();
	await home?.remove();
});

const headline = (screen: string[]) => screen.find((line) => line.includes('acme/api #')) ?? '';

describe('citop watch on a terminal, when the run cannot be read', () => {
	it('stops the clocks at the last answer and marks the tree STALE, then goes live again', async () => {
		const run = drill.sim.world.addRun('acme/api', {durationSec: 900, outcome: 'success'});
		pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' --config '${config}' watch ${run.id} --source acme/api --interval 0.3 --give-up 600`, {
			columns: 120,
			rows: 30,
			dir: home.dir,
			env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
		});
		pane.go();
		await pane.waitFor((screen) => /running \d+:\d\d/.test(headline(screen)), 'the live tree');
		drill.setFault({kind: 'status', status: 503});
		const stale = await pane.waitFor((screen) => /· STALE \d+s/.test(headline(screen)), 'the headline marked STALE');
		const frozen = /running (\d+:\d\d)/.exec(headline(stale))?.[1];
		expect(frozen).toBeDefined();
		// Two seconds on, the clock still says what it said at the last answer.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const later = await pane.waitFor((screen) => /· STALE [2-9]\d*s/.test(headline(screen)), 'the stale age growing');
		expect(/running (\d+:\d\d)/.exec(headline(later))?.[1]).toBe(frozen);
		drill.setFault(null);
		await pane.waitFor((screen) => !headline(screen).includes('STALE') && /running \d+:\d\d/.test(headline(screen)), 'the tree live again');
	}, 60_000);
});

describe('citop watch on TERM=dumb, which the live view sends to it', () => {
	it('prints one line per change, without a cursor movement or any other escape sequence', async () => {
		const run = drill.sim.world.addRun('acme/api', {durationSec: 4, outcome: 'success'});
		pane = new DrillPane(`cd '${home.dir}' && TERM=dumb '${process.execPath}' '${CLI}' --config '${config}' watch ${run.id} --source acme/api --interval 0.3`, {
			columns: 120,
			rows: 30,
			dir: home.dir,
			env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
		});
		pane.go();
		await pane.waitFor((screen) => screen.some((line) => line.startsWith('EXITED')), 'watch to end', 30_000);
		expect(pane.screen()).toContain('EXITED 0');
		const output = pane.output();
		expect(output).toMatch(new RegExp(`acme/api #${run.id} finished: success`));
		expect(output).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ acme\/api #\d+/m);
		expect(output).not.toContain('\u001b');
	}, 60_000);
});
