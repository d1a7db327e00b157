import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {systemClock} from '../../source/model/clock.js';
import {configYaml} from '../../source/sim/sources.js';
import {cacheFile, openRunCache} from '../../source/store/cache-file.js';
import {createStore} from '../../source/store/index.js';
import {setUpSimulator} from '../cli/helpers.js';
import type {SimSetup} from '../cli/helpers.js';
import {TmuxPane} from './tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'};
const SOURCE = 'acme/api';

let setup: SimSetup;
let config: string;
/** The labels of the runs the live view saw before the server went away. */
let labels: string[];
let panes: TmuxPane[] = [];

beforeAll(async () => {
	setup = await setUpSimulator();
	const spec = setup.sim.sources.find((source) => source.name === SOURCE)!;
	config = await setup.writeConfig('one.yaml', configYaml([spec]));
	const opened = openRunCache(join(setup.dir, 'cached', 'citop'), [spec], systemClock);
	const store = createStore({sources: [spec], cache: opened.cache});
	store.start();
	await store.settled();
	await store.stop();
	labels = store.getSnapshot().runs.map((run) => run.label);
	// From here on, only the cache can show any run.
	await setup.sim.stop();
}, 60_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await setup.stop();
});

function open(cacheHome: string, flags = '', columns = 120, file = config): TmuxPane {
	const command = `cd '${root}' && XDG_CACHE_HOME='${join(setup.dir, cacheHome)}' node dist/cli.js --config '${file}' ${flags}; echo "EXITED $?"; exec sleep 600`;
	const pane = new TmuxPane(command, {columns, rows: 30}, env);
	panes.push(pane);
	return pane;
}

const header = (screen: string[]) => screen[0] ?? '';

describe('the live view with the last known runs', () => {
	it('draws the cached runs at once, marked stale with their age, though the server cannot be reached', async () => {
		expect(labels.length).toBeGreaterThan(0);
		const pane = open('cached');
		const screen = await pane.waitFor((lines) => new RegExp(`${SOURCE} STALE \\d+s`).test(header(lines)), 'the source stale with its age');
		const text = screen.join('\n');
		for (const label of labels.slice(0, 5)) expect(text).toContain(label);
	}, 30_000);

	it('shows no cached run with --no-cache, and keeps none', async () => {
		const pane = open('cached', '--no-cache');
		const screen = await pane.waitFor((lines) => header(lines).includes(`${SOURCE} error`), 'the source in error');
		expect(screen.join('\n')).not.toContain(`${labels[0]} `);
		const none = open('fresh', '--no-cache');
		await none.waitFor((lines) => header(lines).includes(`${SOURCE} error`), 'the source in error');
		expect(existsSync(join(setup.dir, 'fresh', 'citop'))).toBe(false);
	}, 30_000);

	it('shows no cached run with cache: false in the config', async () => {
		const off = await setup.writeConfig('off.yaml', `${readFileSync(config, 'utf8')}cache: false\n`);
		const pane = open('cached', '', 120, off);
		const screen = await pane.waitFor((lines) => header(lines).includes(`${SOURCE} error`), 'the source in error');
		expect(screen.join('\n')).not.toContain(`${labels[0]} `);
	}, 30_000);

	it('ignores a corrupt cache file with one footer line', async () => {
		const dir = join(setup.dir, 'corrupt', 'citop');
		mkdirSync(dir, {recursive: true});
		const corrupt = cacheFile(dir, setup.sim.sources.find((source) => source.name === SOURCE)!);
		writeFileSync(corrupt, '{"version":1,');
		// Wide enough for the warning beside the server's error: a narrow footer keeps the error first.
		const pane = open('corrupt', '', 220);
		const screen = await pane.waitFor((lines) => header(lines).includes(`${SOURCE} error`), 'the source in error');
		expect(screen.filter((line) => line.includes('cached runs ignored'))).toEqual([expect.stringContaining(`cached runs ignored: ${SOURCE} (corrupt)`)]);
		// No run came to replace it; beside it, only what the next start draws first.
		expect(readdirSync(dir).sort()).toEqual([basename(corrupt), 'start.json'].sort());
	}, 30_000);
});
