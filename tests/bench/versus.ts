import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {SourceCraftSpec} from '../../source/providers/types.js';
import {simulatorConfigYaml, startSimulator} from '../../source/sim/index.js';
import type {Figure} from './report.js';
import {round} from './stats.js';
import {BenchPane, cpuSeconds, ensureBuilt, ensureTools, fileBytes, repoRoot} from './tmux.js';

const WINDOW_MS = 30_000;

/** What people run when they have no monitor: the same list, redrawn every 2 s by watch. */
const JQ = '.runs[] | [.slug, .status, .event_type, .user.slug, .dates.created_at] | @tsv';

interface Side {
	pane: BenchPane;
	file: string;
	ready: (screen: string[]) => boolean;
	bytes?: number;
	cpu?: number;
}

/**
 * citop's live view against `watch -n 2` of curl | jq, side by side for the same 30 s, on the
 * same simulated SourceCraft repository, each in a 120×40 tmux pane. Counted from each side's
 * first screen on (start-up excluded from both): bytes the pane received (tmux pipe-pane) and
 * CPU of the process with the children it waited for (/proc stat), scaled to a minute.
 */
export async function benchVersus(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	ensureTools({tmux: 'tmux', curl: 'curl', jq: 'jq', watch: 'procps'});
	const cli = ensureBuilt(repoRoot());
	const sim = await startSimulator({seed: 3});
	const folder = mkdtempSync(join(tmpdir(), 'citop-bench-'));
	const sides: Side[] = [];
	try {
		const spec = sim.sources.find((source): source is SourceCraftSpec => source.provider === 'sourcecraft' && Boolean(source.org && source.repo));
		if (!spec) throw new Error('the simulator has no SourceCraft repository by slug');
		const config = join(folder, 'citop.yaml');
		writeFileSync(config, simulatorConfigYaml({sources: [spec]}), {mode: 0o600});
		// The token stays in a file: watch prints its command on the screen.
		writeFileSync(join(folder, 'token'), spec.token ?? '', {mode: 0o600});
		const url = `${sim.baseUrls.sourcecraft}/repos/${spec.org}/${spec.repo}/cicd/runs?page_size=50`;
		const script = join(folder, 'list.sh');
		writeFileSync(script, `curl -s -H "Authorization: Bearer $(cat '${join(folder, 'token')}')" '${url}' | jq -r '${JQ}'\n`, {mode: 0o700});
		sides.push(
			{pane: new BenchPane(`'${process.execPath}' '${cli}' --config '${config}'`), file: join(folder, 'citop.bytes'), ready: (screen) => screen[0]?.startsWith('citop') === true && screen.some((line) => line.includes('#'))},
			{pane: new BenchPane(`watch -n 2 sh '${script}'`), file: join(folder, 'watch.bytes'), ready: (screen) => screen[0]?.startsWith('Every') === true && screen.some((line) => /\t|\s{2}\w/.test(line) && /success|processing|failed/.test(line))},
		);
		for (const side of sides) side.pane.record(side.file);
		for (const side of sides) side.pane.go();
		for (const side of sides) {
			await side.pane.waitFor(side.ready, 'the first screen');
			side.bytes = fileBytes(side.file);
			side.cpu = cpuSeconds(side.pane.pid());
		}
		const start = performance.now();
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
		const minutes = (performance.now() - start) / 60_000;
		const [citop, watch] = sides.map((side) => ({
			bytes: round((fileBytes(side.file) - (side.bytes ?? 0)) / minutes, 0),
			cpu: round((cpuSeconds(side.pane.pid()) - (side.cpu ?? 0)) / minutes, 2),
		}));
		if (!citop || !watch) throw new Error('a side is missing');
		const note = `same 30 s, same simulated repository, 120×40 tmux panes; start-up excluded; watch's CPU includes every curl and jq it ran`;
		return {
			figures: [
				{label: 'citop TUI, bytes per minute', value: citop.bytes, unit: 'B', target: '', ok: null, note},
				{label: 'watch -n 2 curl | jq, bytes per minute', value: watch.bytes, unit: 'B', target: '', ok: null},
				{label: 'citop TUI, CPU per minute', value: citop.cpu, unit: 's', target: '', ok: null},
				{label: 'watch -n 2 curl | jq, CPU per minute', value: watch.cpu, unit: 's', target: '', ok: null},
			],
			json: {citopBytesPerMin: citop.bytes, citopCpuSecPerMin: citop.cpu, curlJqBytesPerMin: watch.bytes, curlJqCpuSecPerMin: watch.cpu},
		};
	} finally {
		for (const side of sides) side.pane.kill();
		await sim.stop();
		rmSync(folder, {recursive: true, force: true});
	}
}
