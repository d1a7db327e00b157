import type {Figure} from './report.js';
import {median, round} from './stats.js';
import {BenchPane, ensureBuilt, ensureTools, repoRoot} from './tmux.js';

const TIMES = 7;

/**
 * startupMs: `node dist/cli.js demo` in a 120×40 tmux pane, from the key that starts it to the
 * first capture of the pane whose first row starts with "citop" (tmux's own latency included).
 */
async function timeStarts(command: string): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < TIMES; i++) {
		const pane = new BenchPane(command);
		try {
			// The shell must be reading before the go; a start timed from a busy shell would be slower than it is.
			await pane.waitFor(() => pane.hasReader(), 'the shell to wait for the go', 5_000);
			const start = performance.now();
			pane.go();
			await pane.waitFor((screen) => screen[0]?.startsWith('citop') === true, 'the first frame', 10_000, 2);
			times.push(performance.now() - start);
		} finally {
			pane.kill();
		}
	}
	return times;
}

export async function benchStartup(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	ensureTools({tmux: 'tmux'});
	const cli = ensureBuilt(repoRoot());
	const times = await timeStarts(`'${process.execPath}' '${cli}' demo`);
	// The floor in this terminal on this machine: node itself printing one line.
	const floor = await timeStarts(`'${process.execPath}' -e "const e = String.fromCharCode(27); process.stdout.write(e + '[H' + e + '[2Jcitop'); setInterval(() => {}, 1000)"`);
	const value = round(median(times), 0);
	return {
		figures: [
			{
				label: 'start to first frame, citop demo',
				value,
				unit: 'ms',
				target: '< 300 ms',
				ok: value < 300,
				note: `median of ${TIMES} starts of the built binary in tmux (${times.map((time) => Math.round(time)).join(', ')} ms); node alone printing one line in the same pane: ${round(median(floor), 0)} ms`,
			},
		],
		json: {startupMs: value, nodeStartupMs: round(median(floor), 0)},
	};
}
