import {spawn} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {NorthflankSpec} from '../../source/providers/types.js';
import {startProxy, startSim, type Proxy, type Sim} from './sim-helpers.js';

/**
 * Northflank's own CLI (`@northflank/cli`, unchanged) against the simulator, through a recording
 * hop: what it sends, the simulator must take, and what the simulator answers, it must print.
 * It keeps its contexts (API host and token) in $HOME/.northflank/config.json; each test gives it a
 * HOME of its own.
 */

const require = createRequire(import.meta.url);
const CLI = require.resolve('@northflank/cli/dist/cli.js');
/** The CLI's own description of the paginated endpoints' query parameters, from Northflank's API description. */
const PAGINATION: Record<string, {schema: {minLength?: number; maxLength?: number; minimum?: number; maximum?: number; default?: number}}> = require('@northflank/cli/dist/defaults.js').paginationArgs;

interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

let env: Sim;
let proxy: Proxy;
/** The simulator's answers as they went back through the hop, in order. */
let answers: {path: string; body: any}[];
let home: string;

beforeEach(async () => {
	env = await startSim({historySize: 60});
	answers = [];
	proxy = await startProxy(
		env.sim.url,
		() => null,
		(path, body) => {
			answers.push({path, body});
			return body;
		},
	);
	home = await mkdtemp(join(tmpdir(), 'citop-nf-cli-'));
	// The CLI asks the npm registry for a newer version of itself unless it did in the last day.
	await mkdir(join(home, '.northflank'));
	await writeFile(join(home, '.northflank', 'config.json'), JSON.stringify({contexts: [], lastUpdateCheck: Date.now()}));
});

afterEach(async () => {
	await proxy.stop();
	await env.sim.stop();
	await rm(home, {recursive: true, force: true});
});

function northflank(args: readonly string[]): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env: {PATH: process.env['PATH'], HOME: home}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

/** The CLI's printed JSON, once it has exited well. */
function printed(result: CliResult): any {
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout);
}

const flow = (): NorthflankSpec => env.sim.sources.find((source): source is NorthflankSpec => source.provider === 'northflank' && source.stage === 'release')!;
const where = () => ['--project', flow().projectId, '--pipeline', flow().pipelineId, '--stage', flow().stage];
const runsPath = () => `/northflank/v1/projects/${flow().projectId}/pipelines/${flow().pipelineId}/release-flows/${flow().stage}/runs`;

async function login(): Promise<void> {
	const result = await northflank(['login', '--name', 'sim', '--token', env.sim.tokens.northflank, '--host', `${proxy.url}/northflank`]);
	expect(result.code).toBe(0);
	expect(result.stdout).toContain('Successfully logged in');
}

describe('the official Northflank CLI', () => {
	it('logs in with a token and a host: it checks the token at /v1/login and keeps the context in its HOME', async () => {
		await login();
		expect(proxy.requests.map(({method, path}) => `${method} ${path}`)).toEqual(['GET /northflank/v1/login']);
		expect(proxy.requests[0]?.authorization).toBe(`Bearer ${env.sim.tokens.northflank}`);
		const config = JSON.parse(await readFile(join(home, '.northflank', 'config.json'), 'utf8'));
		expect(config).toMatchObject({current: 'sim', contexts: [{name: 'sim', host: `${proxy.url}/northflank`}]});

		const refused = await northflank(['login', '--name', 'wrong', '--token', 'nf-wrong', '--host', `${proxy.url}/northflank`]);
		expect(refused.stderr).toContain('Failed to login with the provided token');
	});

	it('lists every run with --loadAll, following the simulator’s cursors page after page', async () => {
		await login();
		const listed = printed(await northflank(['list', 'release-flow-runs', ...where(), '--per_page', '7', '--loadAll', '-o', 'json']));
		const expected = env.sim.world.runs(flow().name);
		expect(expected).toHaveLength(60);
		expect(listed.runs.map((run: {id: string}) => run.id)).toEqual(expected.map((run) => run.id));

		const pages = proxy.requests.filter((request) => request.path.startsWith(`${runsPath()}?`));
		const given = answers.filter((item) => item.path === runsPath()).map((item) => item.body.pagination);
		expect(pages).toHaveLength(Math.ceil(60 / 7));
		expect(given).toHaveLength(pages.length);
		// Each page after the first is asked for with the cursor the page before it gave; the last gives none.
		const sent = pages.map((request) => new URL(request.path, proxy.url).searchParams);
		expect(sent.map((query) => query.get('cursor'))).toEqual([null, ...given.slice(0, -1).map((pagination) => pagination.cursor)]);
		expect(given.map((pagination) => pagination.hasNextPage)).toEqual([...given.slice(1).map(() => true), false]);
		for (const query of sent) expect(query.get('per_page')).toBe('7');
		// Every cursor is what the API declares a cursor to be.
		const {minLength, maxLength} = PAGINATION['cursor']!.schema;
		for (const {cursor} of given.slice(0, -1)) {
			expect(cursor.length).toBeGreaterThanOrEqual(minLength!);
			expect(cursor.length).toBeLessThanOrEqual(maxLength!);
		}
	});

	it('gets one run and prints the whole answer: its arguments, triggers, refs and node tree', async () => {
		await login();
		const [newest] = env.sim.world.runs(flow().name);
		const run = printed(await northflank(['get', 'release-flow-run', ...where(), '--runId', newest!.id, '-o', 'json']));
		expect(run).toEqual(answers.at(-1)?.body.data);
		expect(answers.at(-1)?.path).toBe(`${runsPath()}/${newest!.id}`);
		expect(run).toMatchObject({id: newest!.id, apiVersion: 'v1.2', arguments: {imageTag: expect.any(String)}, spec: {kind: 'Workflow'}});
	});

	it('starts a run with arguments and overrides from --input, then aborts it', async () => {
		await login();
		const input = {name: 'Hotfix api', arguments: {imageTag: 'v9.9.9'}, overrides: {api: {branch: 'release/2.9'}}};
		const started = printed(await northflank(['run', 'release-flow', ...where(), '--input', JSON.stringify(input), '-o', 'json']));
		expect(started).toMatchObject({name: 'Hotfix api', status: 'pending', concluded: false});
		const [newest] = env.sim.world.runs(flow().name);
		expect(proxy.requests.at(-1)).toMatchObject({method: 'POST', path: runsPath()});
		expect(JSON.parse(proxy.requests.at(-1)!.body)).toEqual(input);

		const run = printed(await northflank(['get', 'release-flow-run', ...where(), '--runId', newest!.id, '-o', 'json']));
		expect(run).toMatchObject({name: 'Hotfix api', arguments: {imageTag: 'v9.9.9'}, refs: {api: {branch: 'release/2.9'}, worker: {branch: 'main'}}});
		const aborted = printed(await northflank(['abort', 'release-flow-run', ...where(), '--runId', newest!.id, '-o', 'json']));
		expect(aborted).toMatchObject({id: newest!.id, status: 'aborting', concluded: false, arguments: {imageTag: 'v9.9.9'}});
	});

	it('reads the simulator’s error envelope as Northflank’s: the message, the status and the error id', async () => {
		await login();
		const missing = await northflank(['get', 'release-flow-run', ...where(), '--runId', 'no-such-run', '-o', 'json']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/Message: release flow run no-such-run not found \(HTTP status code: 404, NF error id: [0-9a-f-]{36}\)/);
		const [concluded] = env.sim.world.runs(flow().name).filter((run) => run.concluded);
		const late = await northflank(['abort', 'release-flow-run', ...where(), '--runId', concluded!.id, '-o', 'json']);
		expect(late.code).toBe(1);
		expect(late.stderr).toContain('(HTTP status code: 409');
	});
});
