import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import type {SummaryJson as Figures} from '../../source/output/summary.js';
import {errorLines, expectNoToken, runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

// The simulator's clock stands still, so `runs` and `summary` see the same runs.
let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator({clock: new ManualClock(Date.now())});
});
afterAll(async () => {
	await setup.stop();
});

interface RunJson {
	source: string;
	status: string;
	startedAt: string | null;
	finishedAt: string | null;
	updatedAt: string | null;
	createdAt: string | null;
}

async function listed(source: string): Promise<RunJson[]> {
	const result = await runCli(['--config', setup.config, 'runs', '--json', '--source', source], setup.dir);
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as RunJson[];
}

describe('citop summary', () => {
	it('sums up each named source and all of them as JSON, with the figures the runs themselves give', async () => {
		const result = await runCli(['--config', setup.config, 'summary', '--json', '--source', 'acme/api', '--source', 'shop-release'], setup.dir);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const {sources, all} = JSON.parse(result.stdout) as {sources: Figures[]; all: Figures};
		expect(sources.map((figures) => figures.source)).toEqual(['acme/api', 'shop-release']);
		expect(all.source).toBeNull();
		for (const figures of sources) {
			const runs = await listed(figures.source ?? '');
			const outcomes = runs.filter((run) => ['success', 'failed', 'canceled'].includes(run.status));
			expect(figures.running).toBe(runs.filter((run) => run.status === 'running').length);
			expect(figures.queued).toBe(runs.filter((run) => run.status === 'queued').length);
			expect(figures.concluded).toBe(Math.min(50, outcomes.length));
			expect(figures.concluded).toBeGreaterThan(10);
			expect(figures.successRate).toBeGreaterThan(0);
			expect(figures.successRate).toBeLessThan(1);
			expect(figures.p50Sec).toBeGreaterThan(0);
			expect(figures.p90Sec).toBeGreaterThanOrEqual(figures.p50Sec ?? Infinity);
		}
		expect(all.running).toBe(sources.reduce((sum, figures) => sum + figures.running, 0));
		expect(all.queued).toBe(sources.reduce((sum, figures) => sum + figures.queued, 0));
		expect(all.failedLastHour).toBe(sources.reduce((sum, figures) => sum + figures.failedLastHour, 0));
		expectNoToken(result, setup.tokens);
	});

	it('prints one line per source, then all, in the words of the live view', async () => {
		const result = await runCli(['--config', setup.config, 'summary', '--source', 'acme/api', '--source', 'build'], setup.dir);
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines.map((line) => line.split(' ')[0])).toEqual(['acme/api', 'build', 'all']);
		for (const line of lines) expect(line).toMatch(/^\S+ +\d+ running · \d+ queued · \d+ failed in 1h · \d+% ok of \d+ · p50 \d+:\d\d · p90 \d+:\d\d/);
		expect(result.stdout).not.toContain('\u001b');
		expectNoToken(result, setup.tokens);
	});

	it('says in one line which source it does not know, exit 2', async () => {
		const result = await runCli(['--config', setup.config, 'summary', '--source', 'nope'], setup.dir);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: no source named "nope" in .+; its sources are: acme\/api, /)]);
	});
});
