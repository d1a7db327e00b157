import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSim, type Sim} from './sim-helpers.js';

let env: Sim;

beforeAll(async () => {
	env = await startSim();
});

afterAll(async () => {
	await env.sim.stop();
});

describe('a list answer costs work only for the runs it changed', () => {
	for (const name of ['acme/api', 'build', 'shop-release']) {
		it(`${name}: a run sent as before is the very same object; a run that moved is read anew`, async () => {
			const client = env.client(name);
			const first = await client.listRuns();
			const again = await client.listRuns();
			expect(again.length).toBe(first.length);
			again.forEach((run, index) => expect(run).toBe(first[index]));

			env.clock.advance(20_000);
			const later = await client.listRuns();
			const before = new Map(first.map((run) => [run.id, run]));
			const kept = later.filter((run) => before.get(run.id) === run);
			// Concluded runs do not change, and most of a list has concluded.
			expect(kept.length).toBeGreaterThan(later.length / 2);
			const moved = later.filter((run) => before.has(run.id) && before.get(run.id) !== run);
			for (const run of moved) expect(run).not.toEqual(before.get(run.id));
		});
	}
});

describe('a poll of the newest runs asks for a small first page', () => {
	for (const name of ['acme/api', 'build', 'shop-release']) {
		it(`${name}: one request, the newest runs as the whole list starts`, async () => {
			const client = env.client(name);
			const whole = await client.listRuns();
			const before = env.sim.requestCount();
			const newest = await client.listRuns({maxPages: 1, pageSize: 5});
			expect(env.sim.requestCount() - before).toBe(1);
			expect(newest.map((run) => run.id)).toEqual(whole.slice(0, 5).map((run) => run.id));
		});
	}
});
