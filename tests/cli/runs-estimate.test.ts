import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {until} from '../drills/sim.js';
import {runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	// At real speed a run just started stays running while citop reads it.
	setup = await setUpSimulator({speed: 1});
});
afterAll(async () => {
	await setup.stop();
});

/** A release-flow run started now, once it runs (it waits in the queue a few seconds first). */
async function startedRun() {
	const run = setup.sim.world.addRun('shop-release');
	await until(() => setup.sim.world.run('shop-release', run.id)?.status === 'running', 'the new run to start');
	return run;
}

interface Estimated {
	id: string;
	status: string;
	progress: number | null;
	startedAt: string | null;
	eta: string | null;
	expectedDurationSec: number | null;
	progressFrom: 'provider' | 'history' | null;
}

describe('citop runs estimates a running run from the runs it read', () => {
	it('gives eta, expectedDurationSec and progressFrom in JSON, from the release flow\'s own successful runs', async () => {
		const started = await startedRun();
		const result = await runCli(['--config', setup.config, 'runs', '--json', '--source', 'shop-release'], setup.dir);
		expect(result.code).toBe(0);
		const runs = JSON.parse(result.stdout) as Estimated[];
		const run = runs.find((item) => item.id === started.id);
		expect(run).toMatchObject({status: 'running', progress: null, progressFrom: 'history'});
		const expected = run?.expectedDurationSec ?? 0;
		expect(expected).toBeGreaterThan(0);
		expect(Math.abs(Date.parse(run?.eta ?? '') - (Date.parse(run?.startedAt ?? '') + expected * 1000))).toBeLessThanOrEqual(1000);
		for (const other of runs.filter((item) => item.status !== 'running')) {
			expect(other).toMatchObject({eta: null, progressFrom: null, expectedDurationSec: expected});
		}
	});

	it('shows the estimate in the table beside the running run', async () => {
		const started = await startedRun();
		const result = await runCli(['--config', setup.config, 'runs', '--source', 'shop-release'], setup.dir);
		expect(result.code).toBe(0);
		const row = result.stdout.split('\n').find((line) => /^▷ running/.test(line) && line.includes(started.id.slice(0, 8)));
		expect(row).toMatch(/▰*▱* ~\d+[smh] left/);
	});
});
