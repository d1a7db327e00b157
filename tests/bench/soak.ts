import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PROVIDERS} from '../../source/model/run.js';
import {simulatorConfigYaml, startSimulator} from '../../source/sim/index.js';
import type {Figure} from './report.js';
import {round} from './stats.js';
import {BenchPane, cpuSeconds, ensureBuilt, ensureTools, fileBytes, repoRoot} from './tmux.js';

const MINUTE = 60_000;
const SAMPLE_MS = 5_000;

/** Resident memory of a process, MB. */
function rssMb(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? round(Number(match[1]) / 1024, 0) : Number.NaN;
}

interface Sample {
	at: number;
	rss: number;
	cpu: number;
	bytes: number;
	requests: number;
}

export interface SoakResult {
	sources: number;
	minutes: number;
	rssAt1: number;
	rssAtHalf: number;
	rssAtEnd: number;
	cpuPerMin: number;
	requestsPerSourcePerMin: number;
	/** The busiest provider's requests per source per minute. */
	requestsPerSourcePerMinMax: number;
	bytesPerMin: number;
	/** SIGHUP (the pane closed) to the process gone, ms. */
	hangupMs: number;
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether the process has ended (gone, or a zombie its tmux has not reaped yet). */
function ended(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return true;
	}
}

/**
 * The built binary's live view in a 120×40 tmux pane on `citop sim`'s world (its cast `copies`
 * times over), nobody touching the keys, for `minutes` of real time. Counted from the first
 * screen with runs on: RSS over time, CPU of the process, requests the simulator answered,
 * bytes the pane received. At the end the pane is closed, and the time citop takes to go is
 * measured.
 */
export async function soak(minutes: number, copies = 1): Promise<SoakResult> {
	ensureTools({tmux: 'tmux'});
	const cli = ensureBuilt(repoRoot());
	const sim = await startSimulator({copies});
	const folder = mkdtempSync(join(tmpdir(), 'citop-soak-'));
	const pane = (() => {
		const config = join(folder, 'citop.yaml');
		writeFileSync(config, simulatorConfigYaml(sim), {mode: 0o600});
		return new BenchPane(`'${process.execPath}' '${cli}' --config '${config}'`);
	})();
	try {
		const bytesFile = join(folder, 'pane.bytes');
		pane.record(bytesFile);
		pane.go();
		await pane.waitFor((screen) => screen[0]?.startsWith('citop') === true && screen.some((line) => / (running|success|failed) /.test(line)), 'runs on screen', 60_000);
		const pid = pane.pid();
		const samples: Sample[] = [];
		const start = performance.now();
		const take = () => samples.push({at: performance.now() - start, rss: rssMb(pid), cpu: cpuSeconds(pid), bytes: fileBytes(bytesFile), requests: sim.requestCount()});
		take();
		while (performance.now() - start < minutes * MINUTE) {
			await sleep(SAMPLE_MS);
			take();
		}
		const first = samples[0]!;
		const last = samples.at(-1)!;
		const near = (at: number) => samples.reduce((best, sample) => (Math.abs(sample.at - at) < Math.abs(best.at - at) ? sample : best));
		const oneMinute = near(MINUTE);
		const span = (last.at - oneMinute.at) / MINUTE;
		const sources = sim.sources.length;
		const perProvider = PROVIDERS.map((provider) => {
			const count = sim.sources.filter((source) => source.provider === provider).length;
			return count === 0 ? 0 : sim.requestCount(provider) / count / (last.at / MINUTE);
		});
		const closed = performance.now();
		pane.close();
		while (!ended(pid) && performance.now() - closed < 10_000) await sleep(5);
		return {
			sources,
			minutes,
			rssAt1: oneMinute.rss,
			rssAtHalf: near((minutes * MINUTE) / 2).rss,
			rssAtEnd: last.rss,
			// From minute 1 on: start-up (loading, the first full lists) is not what a day costs.
			cpuPerMin: round((last.cpu - oneMinute.cpu) / span, 2),
			requestsPerSourcePerMin: round((last.requests - first.requests) / sources / (last.at / MINUTE), 1),
			requestsPerSourcePerMinMax: round(Math.max(...perProvider), 1),
			bytesPerMin: round((last.bytes - oneMinute.bytes) / span, 0),
			hangupMs: round(performance.now() - closed, 0),
		};
	} finally {
		pane.kill();
		await sim.stop();
		rmSync(folder, {recursive: true, force: true});
	}
}

function figures(result: SoakResult, label: string, targets: {rss: number; cpu: number}): Figure[] {
	const growth = round(result.rssAtEnd - result.rssAtHalf, 0);
	const note = `${result.sources} sources of citop sim, 120×40 tmux pane, no keys, ${result.minutes} min of real time; CPU and bytes from minute 1 on`;
	return [
		{label: `${label}: RSS at 1 min`, value: result.rssAt1, unit: 'MB', target: '', ok: null, note},
		{label: `${label}: RSS at ${result.minutes} min`, value: result.rssAtEnd, unit: 'MB', target: `≤ ${targets.rss} MB`, ok: result.rssAtEnd <= targets.rss},
		{label: `${label}: RSS growth, second half`, value: growth, unit: 'MB', target: '≤ 10 MB', ok: growth <= 10},
		{label: `${label}: CPU per minute`, value: result.cpuPerMin, unit: 's', target: `≤ ${targets.cpu} s`, ok: result.cpuPerMin <= targets.cpu},
		{
			label: `${label}: requests per source per minute`,
			value: result.requestsPerSourcePerMin,
			unit: '',
			target: '≤ 25',
			ok: result.requestsPerSourcePerMinMax <= 25,
			note: `every request the simulator answered, over the sources; the busiest provider's sources ${result.requestsPerSourcePerMinMax} a minute each`,
		},
		{label: `${label}: bytes to the terminal per minute`, value: result.bytesPerMin, unit: 'B', target: '', ok: null},
		{label: `${label}: pane closed (SIGHUP) to citop gone`, value: result.hangupMs, unit: 'ms', target: '≤ 1000 ms', ok: result.hangupMs <= 1000},
	];
}

/** soak: citop sim's default world (8 sources) for `minutes` (5 by default), then its cast 9 times over (64 sources). */
export async function benchSoak(minutes: number): Promise<{figures: Figure[]; json: Record<string, unknown>}> {
	const eight = await soak(minutes, 1);
	const many = await soak(minutes, 9);
	return {
		figures: [...figures(eight, 'live view, 8 sources', {rss: 150, cpu: 1.5}), ...figures(many, `live view, ${many.sources} sources`, {rss: 200, cpu: 5})],
		json: {soak8: eight, soakMany: many},
	};
}
