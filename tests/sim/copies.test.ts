import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {createSourceClient} from '../../source/providers/index.js';
import {startSimulator, type SimulatorHandle} from '../../source/sim/index.js';

let sim: SimulatorHandle;

beforeAll(async () => {
	sim = await startSimulator({port: 0, seed: 5, clock: new ManualClock(), historySize: 10, copies: 3});
});

afterAll(async () => {
	await sim.stop();
});

describe('a simulator serving its cast several times', () => {
	it('serves every repository, pipeline and release flow three times, under names of their own', () => {
		const names = sim.sources.map((source) => source.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toHaveLength(22);
		expect(names).toEqual(expect.arrayContaining(['acme/api', 'acme/api-2', 'acme/api-3', 'build-3', 'shop', 'shop-release-2']));
	});

	it('answers each copy over HTTP with runs of its own', async () => {
		const lists = await Promise.all(
			['acme/api', 'acme/api-2', 'acme/infra-3', 'build-2', 'shop-release', 'shop-release-3'].map(async (name) => {
				const spec = sim.sources.find((source) => source.name === name)!;
				return createSourceClient(spec, {}).listRuns({maxPages: 1});
			}),
		);
		for (const runs of lists) expect(runs.length).toBeGreaterThan(0);
		const [api, api2] = lists;
		expect(api!.map((run) => `${run.commit} ${run.user} ${run.status}`)).not.toEqual(api2!.map((run) => `${run.commit} ${run.user} ${run.status}`));
		expect(api2!.every((run) => run.source === 'acme/api-2')).toBe(true);
	});
});
