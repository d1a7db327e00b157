import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/sim/index.js';
import type {SimulatorHandle} from '../../source/sim/index.js';
import type {Home} from './cli.js';
import {CLI, makeHome, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import {DrillPane} from './tmux.js';

/**
 * Run names a terminal may draw at another width than citop counts (a ZWJ family, a flag, a
 * skin tone, line and paragraph separators), from a server, through the real binary in tmux: each
 * row of the list keeps its columns where the other rows have them.
 */

const COLUMNS = 160;
const ROWS = 20;
const ODD = 'ship 👨\u200d👩\u200d👧 🇩🇪 👍\u{1f3fd}\u2028now\u2029ok';

let sim: SimulatorHandle;
let hostile: HostileServer;
let home: Home;
let pane: DrillPane | null = null;

beforeAll(async () => {
	await waitForBuild();
	sim = await startSimulator({port: 0, seed: 9, historySize: 12, arrivalEverySec: 3_600});
	hostile = await HostileServer.start(sim, {
		rewrite: (path, body: unknown) =>
			path.includes('/api/v3/runs?') && Array.isArray(body) ? body.map((run: Record<string, unknown>, index) => (index % 2 === 0 ? {...run, branch: ODD, message: ODD} : run)) : body,
	});
	home = await makeHome();
}, 60_000);

afterAll(async () => {
	pane?.kill();
	await hostile?.stop();
	await sim?.stop();
	await home?.remove();
});

/**
 * The cell where a row's STARTED value ("54m ago") begins: tmux writes a wide character's two
 * cells as one character, and a zero-width one with the character before it.
 */
function startedAt(line: string): number {
	const at = /\s\d+[smhd] ago/.exec(line)?.index ?? -1;
	return [...line.slice(0, at + 1)].reduce((cells, char) => cells + stringWidth(char), 0);
}

describe('names with emoji sequences, flags and separators in tmux', () => {
	it('leave every row of the list in its columns', {timeout: 60_000}, async () => {
		const config = await home.write('wide.yaml', JSON.stringify({sources: hostile.specs(['deploy']), poll: {fast: 1, slow: 2}}));
		pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' --config '${config}'`, {
			columns: COLUMNS,
			rows: ROWS,
			dir: home.dir,
			env: {...home.env, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
		});
		pane.go();
		const screen = await pane.waitFor((lines) => lines.some((line) => line.includes('ship')) && lines.filter((line) => line.includes(' ago')).length >= 4, 'the runs listed');
		const odd = screen.filter((line) => line.includes('ship') && line.includes(' ago'));
		const plain = screen.filter((line) => !line.includes('ship') && line.includes(' ago'));
		expect(odd.length).toBeGreaterThan(0);
		expect(plain.length).toBeGreaterThan(0);
		// A cell the terminal drew wider than citop counted pushes the rest of the row right.
		const column = startedAt(plain[0] ?? '');
		expect(column).toBeGreaterThan(0);
		for (const line of [...odd, ...plain]) expect(startedAt(line)).toBe(column);
		expect(await pane.quit()).toBe(0);
	});
});
