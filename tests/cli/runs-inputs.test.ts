import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import {startProxy} from '../providers/sim-helpers.js';
import {errorLines, expectNoToken, runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator();
});
afterAll(async () => {
	await setup.stop();
});

interface Printed {
	source: string;
	provider: string;
	id: string;
	title: string;
	inputs: Record<string, string> | null;
}

/** `citop runs ARGS`: its JSON, and the Northflank requests it cost. */
async function runs(args: readonly string[]): Promise<{printed: Printed[]; requests: number; stderr: string; code: number | null}> {
	const before = setup.sim.requestCount('northflank');
	const result = await runCli(['--config', setup.config, 'runs', '--json', ...args], setup.dir);
	expectNoToken(result, setup.tokens);
	return {printed: JSON.parse(result.stdout) as Printed[], requests: setup.sim.requestCount('northflank') - before, stderr: result.stderr, code: result.code};
}

/** A release-flow run's arguments, as its detail gives them. */
async function argumentsOf(id: string): Promise<unknown> {
	const path = `/v1/projects/shop/pipelines/main/release-flows/release/runs/${id}`;
	const response = await fetch(`${setup.sim.baseUrls.northflank}${path}`, {headers: {authorization: `Bearer ${setup.sim.tokens.northflank}`}});
	return ((await response.json()) as {data: {arguments: unknown}}).data.arguments;
}

describe('citop runs --inputs', () => {
	it('without it, a release-flow run says inputs: null (not known: the list answer has no arguments), for no request more', async () => {
		const plain = await runs(['--source', 'shop-release', '--limit', '5']);
		expect(plain.code).toBe(0);
		expect(plain.requests).toBe(1);
		expect(plain.printed.map((run) => run.inputs)).toEqual([null, null, null, null, null]);
	});

	it("reads each printed release-flow run's detail, one request each, and gives its arguments; other providers are not asked", async () => {
		const bare = setup.sim.world.addRun('shop-release', {name: 'Bare run'});
		const read = await runs(['--source', 'shop-release', '--source', 'acme/api', '--limit', '8', '--inputs']);
		expect(read.code).toBe(0);
		expect(read.stderr).toBe('');
		const released = read.printed.filter((run) => run.source === 'shop-release');
		expect(released.length).toBeGreaterThan(1);
		expect(read.requests).toBe(1 + released.length);
		for (const run of released) expect(run.inputs).toEqual(await argumentsOf(run.id));
		// Started with no arguments: known to have none, which is not null.
		expect(released.find((run) => run.id === bare.id)?.inputs).toEqual({});
		expect(released.some((run) => Object.keys(run.inputs ?? {}).includes('imageTag'))).toBe(true);
		for (const run of read.printed.filter((item) => item.provider === 'sourcecraft')) expect(run.inputs).toBeNull();
	});

	it('reads at most 20 details, newest first, and says how many runs were left with inputs: null', async () => {
		const read = await runs(['--source', 'shop-release', '--source', 'shop-staging', '--inputs']);
		expect(read.code).toBe(0);
		expect(read.printed.length).toBeGreaterThan(40);
		expect(read.requests).toBe(2 + 20);
		expect(read.printed.slice(0, 20).every((run) => run.inputs !== null)).toBe(true);
		expect(read.printed.slice(20).every((run) => run.inputs === null)).toBe(true);
		expect(read.stderr).toBe(
			`citop: warning: inputs not read for ${read.printed.length - 20} runs more: --inputs reads at most 20 runs' details; narrow with --limit, --status or --source\n`,
		);
	});

	it("shows them after each run's title in the table", async () => {
		const result = await runCli(['--config', setup.config, 'runs', '--source', 'shop-staging', '--limit', '3', '--inputs'], setup.dir);
		expect(result.code).toBe(0);
		const rows = result.stdout.trimEnd().split('\n').slice(1);
		expect(rows).toHaveLength(3);
		for (const row of rows) expect(row).toMatch(/ · imageTag=v2\.\d+\.\d+$/);
	});

	it('a source whose details cannot be read: said once on stderr, its runs printed with inputs: null, exit 3', async () => {
		const proxy = await startProxy(setup.sim.url, (method, path) =>
			/\/runs\/[^/]+$/.test(path) ? {status: 404, body: {error: {status: 404, message: 'release flow run not found', id: 'req-1', details: {}}}} : null,
		);
		try {
			const config = await setup.writeConfig('proxied.yaml', simulatorConfigYaml(setup.sim).replaceAll(setup.sim.url, proxy.url));
			const result = await runCli(['--config', config, 'runs', '--json', '--source', 'shop-release', '--limit', '3', '--inputs'], setup.dir);
			expect(result.code).toBe(3);
			expect((JSON.parse(result.stdout) as Printed[]).map((run) => run.inputs)).toEqual([null, null, null]);
			const lines = errorLines(result);
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/^citop: shop-release: .*release flow run not found.*\(inputs not read for 3 runs\)$/);
			expect(proxy.requests.filter((request) => /\/runs\/[^/]+$/.test(request.path))).toHaveLength(1);
		} finally {
			await proxy.stop();
		}
	});

	it('refuses --cached with --inputs in one line, exit 2', async () => {
		const result = await runCli(['--config', setup.config, 'runs', '--cached', '--inputs'], setup.dir);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: --inputs asks the servers for each run, --cached asks none: use one of them']);
	});
});
