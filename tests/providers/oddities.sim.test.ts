import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Run} from '../../source/model/run.js';
import {allText, flatten, startSim, type Sim} from './sim-helpers.js';

let env: Sim;

beforeAll(async () => {
	env = await startSim({oddities: true, historySize: 30});
});

afterAll(async () => {
	await env.sim.stop();
});

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectClean(runs: readonly Run[]): void {
	// The key joins source and id with a unit separator on purpose; it is never shown.
	for (const text of allText(runs.map((run) => ({...run, key: ''})))) expect(text).not.toMatch(CONTROL);
	for (const run of runs) {
		expect(run.title.length).toBeLessThanOrEqual(500);
		expect(run.createdAt === null || Number.isFinite(run.createdAt)).toBe(true);
		for (const node of flatten(run.children ?? [])) {
			for (const value of [node.createdAt, node.startedAt, node.finishedAt, node.updatedAt, node.progress]) {
				expect(value === null || Number.isFinite(value)).toBe(true);
			}
		}
	}
}

describe.each([
	['acme/api', 'sourcecraft', 'paused'],
	['build', 'wercker', 'finished/weird'],
	['shop-release', 'northflank', 'hibernating'],
] as const)('every documented oddity from %s (%s)', (name, _provider, oddStatus) => {
	it('lists every run, odd ones included, with clean text and readable dates', async () => {
		const runs = await env.client(name).listRuns();
		expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs(name).map((run) => run.id));
		expectClean(runs);
		for (const run of runs) expect(run.createdAt).not.toBeNull();
	});

	it('reads the whole tree of every odd run', async () => {
		const client = env.client(name);
		const odd = env.sim.world.runs(name).filter((run) => run.odd);
		expect(odd.length).toBeGreaterThan(2);
		const runs = await Promise.all(odd.map((run) => client.getRun(run.id)));
		expectClean(runs);
		for (const run of runs) expect(run.children).not.toBeNull();
	});

	it('keeps an unknown status raw and shows it as unknown', async () => {
		const client = env.client(name);
		let found: Run | undefined;
		// The odd word replaces "running" on odd runs: start runs and let them get going.
		for (let step = 0; step < 60 && !found; step++) {
			found = (await client.listRuns({maxPages: 1})).find((run) => run.providerStatus === oddStatus);
			if (!found) {
				env.sim.world.addRun(name, {});
				env.clock.advance(5_000);
			}
		}
		expect(found).toMatchObject({status: 'unknown', providerStatus: oddStatus});
	});
});

describe('odd logs', () => {
	it('strips escapes from SourceCraft and Wercker logs and bounds overlong lines', async () => {
		for (const name of ['acme/api', 'build']) {
			const client = env.client(name);
			for (const simRun of env.sim.world.runs(name).filter((run) => run.odd && run.concluded).slice(0, 3)) {
				const run = await client.getRun(simRun.id);
				for (const node of flatten(run.children ?? []).filter((item) => item.log)) {
					const chunk = await client.readLog(node.log!, null);
					for (const line of [...chunk.lines, chunk.partial]) {
						expect(line).not.toMatch(CONTROL);
						expect(line.length).toBeLessThanOrEqual(4000);
					}
				}
			}
		}
	});
});
