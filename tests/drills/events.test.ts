import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {Citop, Home} from './cli.js';
import {endAll, makeHome, runCitop, startCitop, waitForBuild} from './cli.js';
import {DrillSim, until} from './sim.js';

/**
 * `citop events` as a deploy script or a chat hook uses it: the built binary, no terminal, the
 * simulator changing runs under it. One line per change, NDJSON with --json, and --until-idle
 * ends with the result of what it saw.
 */

const SOURCE = 'acme/api';

let drill: DrillSim;
let home: Home;
let config: string;

/** Ends every run of the source still going, so nothing runs until a test starts one. */
function settle(): void {
	for (const run of drill.sim.world.runs(SOURCE)) if (!run.concluded) drill.sim.world.concludeRun(SOURCE, run.id, 'success');
}

async function addRun(): Promise<{id: string}> {
	const answer = await fetch(`${drill.sim.url}/_sim/runs`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({source: SOURCE, durationSec: 600})});
	expect(answer.status).toBe(201);
	return (await answer.json()) as {id: string};
}

beforeAll(async () => {
	await waitForBuild();
	// No run arrives by itself: every change is one a test made.
	drill = await DrillSim.start({seed: 23, historySize: 6, arrivalEverySec: 3_600});
	home = await makeHome();
	const yaml = parse(simulatorConfigYaml(drill.sim)) as Record<string, unknown>;
	config = await home.write('config.yaml', stringify({...yaml, poll: {fast: 1, slow: 1, maxBackoff: 2}}));
}, 90_000);

const started: Citop[] = [];
afterEach(() => endAll(started));

afterAll(async () => {
	await drill?.stop();
	await home?.remove();
});

function events(...args: string[]): Citop {
	const citop = startCitop(['--config', config, 'events', '--source', SOURCE, ...args], home, {timeoutMs: 60_000});
	started.push(citop);
	return citop;
}

const lines = (stdout: string) =>
	stdout
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('citop events', () => {
	it('prints one JSON line per change of a run added while it follows, none for what it found, and ends with 130 on Ctrl-C', async () => {
		settle();
		const citop = events('--json');
		const served = drill.sim.requestCount('sourcecraft');
		await until(() => drill.sim.requestCount('sourcecraft') > served, 'the first list answered', 15_000);
		const run = await addRun();
		await citop.waitFor(({stdout}) => stdout.includes(`"kind":"added"`), 'the new run');
		drill.sim.world.concludeRun(SOURCE, run.id, 'failed');
		await citop.waitFor(({stdout}) => stdout.includes(`"kind":"concluded"`), 'the run concluding');
		citop.kill('SIGINT');
		const result = await citop.done;
		expect(result.code).toBe(130);
		const seen = lines(result.stdout);
		expect(seen.every((line) => line['source'] === SOURCE && line['run'] === run.id)).toBe(true);
		expect(seen[0]).toMatchObject({kind: 'added', from: null, label: expect.stringMatching(/^#\d+$/)});
		expect(seen.at(-1)).toMatchObject({kind: 'concluded', to: 'failed'});
		for (const line of seen) expect(Object.keys(line).sort()).toEqual(['at', 'from', 'kind', 'label', 'run', 'source', 'to']);
		expect(new Date(String(seen[0]!['at'])).toISOString()).toBe(seen[0]!['at']);
		expect(result.stderr).toBe('');
	}, 60_000);

	it('with --until-idle ends at once with 0 when nothing runs', async () => {
		settle();
		const result = await runCitop(['--config', config, 'events', '--source', SOURCE, '--until-idle'], home, {timeoutMs: 30_000});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toBe('');
	}, 40_000);

	it('with --until-idle follows until the last run concludes, in plain lines, and ends with 1 when one failed', async () => {
		settle();
		const run = await addRun();
		const citop = events('--until-idle');
		const served = drill.sim.requestCount('sourcecraft');
		await until(() => drill.sim.requestCount('sourcecraft') > served + 1, 'two lists answered', 15_000);
		expect(citop.exited).toBe(false);
		drill.sim.world.concludeRun(SOURCE, run.id, 'failed');
		const result = await citop.done;
		expect(result.code, result.stderr).toBe(1);
		expect(result.stdout).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z  ${SOURCE} #\\d+  (queued|running) → failed\\n$`));
	}, 60_000);

	it('with --until-idle ends with 0 when the runs it saw succeeded', async () => {
		settle();
		const run = await addRun();
		const citop = events('--until-idle', '--json');
		const served = drill.sim.requestCount('sourcecraft');
		await until(() => drill.sim.requestCount('sourcecraft') > served + 1, 'two lists answered', 15_000);
		drill.sim.world.concludeRun(SOURCE, run.id, 'success');
		const result = await citop.done;
		expect(result.code, result.stderr).toBe(0);
		expect(lines(result.stdout)).toEqual([expect.objectContaining({kind: 'concluded', from: expect.stringMatching(/^(queued|running)$/), to: 'success'})]);
	}, 60_000);
});
