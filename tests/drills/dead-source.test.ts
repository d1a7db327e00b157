import {chmod} from 'node:fs/promises';
import {parse, stringify} from 'yaml';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, runCitop, waitForBuild} from './cli.js';
import {deadOrigin} from './secrets.js';
import {DrillSim} from './sim.js';
import {DrillPane} from './tmux.js';

/**
 * The live view says what the command line says: a source that cannot be reached is named with
 * its host and what to check, in the same words; a warning printed before the screen came up
 * (a config others can read) stays in view.
 */

const COLUMNS = 200;
let drill: DrillSim;
let home: Home;
let panes: DrillPane[] = [];

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 3, historySize: 4, arrivalEverySec: 3_600});
	home = await makeHome();
}, 90_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await drill?.stop();
	await home?.remove();
});

/** The simulator's acme/api, its token in the file, at `origin` when given. */
function configYaml(origin?: string): string {
	const {sources} = parse(simulatorConfigYaml(drill.sim)) as {sources: Array<Record<string, string>>};
	const source = sources.find((entry) => entry['name'] === 'acme/api')!;
	if (origin) source['baseUrl'] = origin + new URL(source['baseUrl']!).pathname;
	return stringify({sources: [source], poll: {fast: 0.3, slow: 1, maxBackoff: 1}});
}

function open(config: string): DrillPane {
	const pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' --config '${config}'`, {
		columns: COLUMNS,
		rows: 24,
		dir: home.dir,
		env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
	});
	panes.push(pane);
	pane.go();
	return pane;
}

/** The footer's first line: the one under the rule. */
const footer = (screen: string[]) => screen[screen.findIndex((line) => /^─{20,}/.test(line)) + 1] ?? '';

describe('a dead source and a config others can read', () => {
	it('names the host and says to check baseUrl in the live view, in the words of citop runs', async () => {
		const config = await home.write('dead.yaml', configYaml(await deadOrigin()));
		const runs = await runCitop(['--config', config, 'runs'], home);
		const said = runs.stderr.split('\n').find((line) => line.includes('could not reach'));
		expect(said, runs.stderr).toMatch(/^citop: acme\/api: .*could not reach 127\.0\.0\.1:\d+ .*check the network and baseUrl$/);
		const words = said!.replace(/^citop: /, '');
		const pane = open(config);
		const screen = await pane.waitFor((lines) => footer(lines).includes(words), `the footer saying "${words}"`);
		expect(screen[0]).toContain('acme/api error');
		expect(await pane.quit()).toBe(0);
	}, 60_000);

	it('keeps the warning about the config in view while the screen is up', async () => {
		const config = await home.write('open.yaml', configYaml());
		await chmod(config, 0o644);
		const pane = open(config);
		const warning = /warning: \S*open\.yaml is readable by others and holds a token: chmod 600 \S*open\.yaml/;
		await pane.waitFor((lines) => warning.test(footer(lines)), 'the warning in the footer');
		expect(await pane.quit()).toBe(0);
	}, 60_000);
});
