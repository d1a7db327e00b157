import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {simulatorConfigYaml, startSimulator} from '../../source/sim/index.js';
import type {Figure} from './report.js';
import {median, round} from './stats.js';
import {BenchPane, ensureBuilt, ensureTools, repoRoot} from './tmux.js';

const TIMES = 9;
/** The first frame may take this many times what node alone takes to print one line. */
const TARGET_RATIO = 1.6;

type Screen = readonly string[];

const headerShown = (screen: Screen) => screen[0]?.startsWith('citop') === true;
const runsShown = (screen: Screen) => headerShown(screen) && screen.some((line) => / (running|success|failed|queued|canceled) /.test(line));

/**
 * Time from the key that starts `command` in a 120×40 tmux pane to the first capture of the pane
 * that `ready` accepts (tmux's own latency included).
 */
async function timeStart(command: string, ready: (screen: Screen) => boolean, env: Record<string, string> = {}): Promise<number> {
	// The pane execs the command: `env` sets its variables.
	const prefix = Object.keys(env).length === 0 ? '' : `env ${Object.entries(env).map(([name, value]) => `${name}='${value}'`).join(' ')} `;
	const pane = new BenchPane(`${prefix}${command}`);
	try {
		// The shell must be reading before the go; a start timed from a busy shell would be slower than it is.
		await pane.waitFor(() => pane.hasReader(), 'the shell to wait for the go', 5_000);
		const start = performance.now();
		pane.go();
		await pane.waitFor(ready, 'the first frame', 10_000, 2);
		return performance.now() - start;
	} finally {
		pane.kill();
	}
}

interface Start {
	command: string;
	ready: (screen: Screen) => boolean;
	env?: Record<string, string>;
}

/**
 * Each start timed TIMES times, taking turns (node, then each citop start, then again), after one
 * untimed start of each (Node's compile cache, the disk cache): what slows the machine for a
 * moment slows them all alike, and the ratios hold.
 */
async function timeStarts(starts: readonly Start[]): Promise<number[][]> {
	for (const {command, ready, env} of starts) await timeStart(command, ready, env);
	const times = starts.map((): number[] => []);
	for (let round = 0; round < TIMES; round++) {
		for (const [index, {command, ready, env}] of starts.entries()) times[index]!.push(await timeStart(command, ready, env));
	}
	return times;
}

function figure(label: string, times: number[], floor: number): Figure {
	const ms = median(times);
	const ratio = round(ms / floor, 2);
	return {
		label,
		value: ratio,
		unit: '×',
		target: `≤ ${TARGET_RATIO}×`,
		ok: ratio <= TARGET_RATIO,
		note: `${round(ms, 0)} ms, median of ${TIMES} starts of the built binary in tmux (${times.map((time) => Math.round(time)).join(', ')} ms); node alone printing one line in the same pane: ${round(floor, 0)} ms`,
	};
}

/**
 * Start to first frame, as a multiple of node itself printing one line in the same pane: `citop
 * demo` (its first frame has no runs yet), and the live view of `citop sim`'s sources with the
 * runs a first start left in the cache (its first frame shows them).
 */
export async function benchStartup(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	ensureTools({tmux: 'tmux'});
	const node = process.execPath;
	const cli = ensureBuilt(repoRoot());
	const sim = await startSimulator({});
	const folder = mkdtempSync(join(tmpdir(), 'citop-startup-'));
	try {
		const config = join(folder, 'citop.yaml');
		writeFileSync(config, simulatorConfigYaml(sim), {mode: 0o600});
		const env = {XDG_CACHE_HOME: join(folder, 'cache')};
		const live = `'${node}' '${cli}' --config '${config}'`;
		// One start that stays until its runs are shown and kept: the cache the timed starts begin from.
		const first = new BenchPane(`env XDG_CACHE_HOME='${env.XDG_CACHE_HOME}' ${live}`);
		try {
			first.go();
			await first.waitFor(runsShown, 'runs on screen', 30_000);
			first.close();
			await new Promise((resolve) => setTimeout(resolve, 500));
		} finally {
			first.kill();
		}
		// The floor in this terminal on this machine: node itself printing one line.
		const [nodeTimes = [], demo = [], cached = []] = await timeStarts([
			{command: `'${node}' -e "const e = String.fromCharCode(27); process.stdout.write(e + '[H' + e + '[2Jcitop'); setInterval(() => {}, 1000)"`, ready: headerShown},
			{command: `'${node}' '${cli}' demo`, ready: headerShown},
			{command: live, ready: runsShown, env},
		]);
		const floor = median(nodeTimes);
		return {
			figures: [figure('start to first frame, `citop demo`, as a multiple of node', demo, floor), figure('start to first frame with the cached runs, `citop` on 8 sources, as a multiple of node', cached, floor)],
			json: {startupMs: round(median(demo), 0), cachedStartupMs: round(median(cached), 0), nodeStartupMs: round(floor, 0)},
		};
	} finally {
		await sim.stop();
		rmSync(folder, {recursive: true, force: true});
	}
}
