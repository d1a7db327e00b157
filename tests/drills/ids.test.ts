import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {renderRunsTable} from '../../source/output/table.js';
import {createSourceClient} from '../../source/providers/index.js';
import type {SourceClient} from '../../source/providers/types.js';
import {startSimulator} from '../../source/sim/index.js';
import type {SimulatorHandle} from '../../source/sim/index.js';
import {HostileServer} from './hostile-server.js';

/**
 * A server whose run ids differ only where a terminal could not show the difference: in control
 * characters, or after 200 characters. Each is a run of its own, asked for by its own id, and
 * shown without a control character.
 */

const LONG = 'r'.repeat(200);
const ODD_IDS = [`${LONG}-1`, `${LONG}-2`, 'x\u0000y', 'x\u0007y', 'xy'];
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let sim: SimulatorHandle;
let hostile: HostileServer;
let client: SourceClient;

beforeAll(async () => {
	sim = await startSimulator({port: 0, seed: 5, arrivalEverySec: 3_600});
	hostile = await HostileServer.start(sim, {
		rewrite: (path, body: unknown) =>
			path.includes('/api/v3/runs?') && Array.isArray(body) ? body.map((run: Record<string, unknown>, index) => ({...run, id: ODD_IDS[index] ?? run['id']})) : body,
	});
	const [spec] = hostile.specs(['deploy']);
	if (!spec) throw new Error('no deploy source');
	client = createSourceClient(spec, {});
});

afterAll(async () => {
	await hostile?.stop();
	await sim?.stop();
});

describe('run ids a terminal cannot tell apart', () => {
	it('stay runs of their own, each with the id the server sent', async () => {
		const runs = await client.listRuns({maxPages: 1});
		expect(runs.slice(0, ODD_IDS.length).map((run) => run.id)).toEqual(ODD_IDS);
		expect(new Set(runs.map((run) => run.key)).size).toBe(runs.length);
	});

	it('are shown without a control character, one row each', async () => {
		const runs = await client.listRuns({maxPages: 1});
		const lines = renderRunsTable(runs, {now: Date.now(), color: false, ascii: false});
		expect(lines).toHaveLength(runs.length + 1);
		for (const line of lines) expect(line).not.toMatch(CONTROL);
	});

	it('go back to the server unchanged when a listed run is asked for', async () => {
		const runs = await client.listRuns({maxPages: 1});
		// The simulator knows no such run: what matters is the path the request was sent to.
		for (const run of runs.slice(2, 4)) await expect(client.getRun(run.id)).rejects.toMatchObject({kind: 'not_found'});
		const paths = hostile.seen.map((request) => request.path);
		expect(paths).toContainEqual(expect.stringMatching(/\/api\/v3\/runs\/x%00y$/));
		expect(paths).toContainEqual(expect.stringMatching(/\/api\/v3\/runs\/x%07y$/));
	});
});
