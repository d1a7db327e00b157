import {readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {processesRunning} from '../config/helpers.js';
import {until} from '../drills/sim.js';
import {errorLines, runCli, startCli} from './helpers.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;

let home: string;
// Outside home, so messages show the path as given rather than with ~.
let files: string;
beforeAll(async () => {
	home = await mkdtemp(join(tmpdir(), 'citop-home-'));
	files = await mkdtemp(join(tmpdir(), 'citop-files-'));
});
afterAll(async () => {
	await rm(home, {recursive: true, force: true});
	await rm(files, {recursive: true, force: true});
});

describe('citop --version and --help', () => {
	it('prints the version', async () => {
		const result = await runCli(['--version'], home);
		expect(result).toMatchObject({code: 0, stdout: `${version}\n`, stderr: ''});
	});

	it('lists every command and the common flags', async () => {
		const result = await runCli(['--help'], home);
		expect(result.code).toBe(0);
		for (const word of ['demo', 'sim', 'runs', 'watch', 'trigger', 'rerun', 'abort', '--config', '--no-color', '--debug', '--version', 'Exit codes']) {
			expect(result.stdout).toContain(word);
		}
	});

	it.each([
		['runs', ['--source', '--status', '--limit', '--json']],
		['watch', ['--source', '--interval', '--exit-status', '--give-up']],
		['trigger', ['--source', '--workflow', '--branch', '--tag', '--commit', '--input', '--message', '--name', '--description', '--watch', '--json']],
		['rerun', ['--source', '--yes', '--watch', '--json']],
		['abort', ['--source', '--yes']],
		['sim', ['--port', '--seed', '--repos', '--config-out']],
	])('citop %s --help lists its flags and the common ones', async (command, flags) => {
		const result = await runCli([command, '--help'], home);
		expect(result.code).toBe(0);
		for (const flag of [...flags, '--config', '--no-color', '--debug']) expect(result.stdout).toContain(flag);
	});
});

describe('usage errors: one line naming the flag, exit 2, no stack', () => {
	it.each([
		[['runs', '--bogus'], /^citop: unknown option '--bogus'; see "citop runs --help"$/],
		[['runs', '--jsn'], /^citop: unknown option '--jsn' \(Did you mean --json\?\); see "citop runs --help"$/],
		[['runs', '--limit', 'ten'], /^citop: option '--limit <n>' argument 'ten' is invalid\. expected a whole number above 0, e\.g\. 20; see "citop runs --help"$/],
		[['runs', '--status', 'passed'], /^citop: option '--status <status>' argument 'passed' is invalid\. expected one of any, active, failed, success, canceled, other, queued, running, skipped, unknown/],
		[['watch', '--interval', '0'], /^citop: option '--interval <seconds>' argument '0' is invalid\. expected a number of seconds above 0/],
		[['sim', '--port', '99999'], /^citop: option '--port <n>' argument '99999' is invalid/],
		[['sim', '--repos', '0'], /^citop: option '--repos <n>' argument '0' is invalid\. expected a whole number from 1 to 50; see "citop sim --help"$/],
		[['sim', '--repos', 'many'], /^citop: option '--repos <n>' argument 'many' is invalid\. expected a whole number from 1 to 50/],
		[['abort'], /^citop: missing required argument 'run'; see "citop abort --help"$/],
		[['rerun'], /^citop: missing required argument 'run'; see "citop rerun --help"$/],
		[['runs', '--config'], /^citop: option '--config <path>' argument missing; see "citop runs --help"$/],
		[['rnus'], /^citop: unknown command "rnus" \(the commands are demo, sim, runs, summary, watch, logs, trigger, rerun, abort, events\); see "citop --help"$/],
	])('citop %j', async (args, line) => {
		const result = await runCli(args, home);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(errorLines(result)).toEqual([expect.stringMatching(line)]);
	});
});

describe('the live view without a terminal', () => {
	it.each([[[]], [['demo']], [['--config', '/nonexistent.yaml']]])('citop %j refuses at once with exit 2', async (args) => {
		const result = await runCli(args, home, {timeoutMs: 5_000});
		expect(result.code).toBe(2);
		expect(result.ms).toBeLessThan(1_000);
		expect(errorLines(result)).toEqual([
			'citop: the live view needs a terminal (stdin and stdout); in scripts use "citop runs" (one listing, --json for jq) or "citop watch RUN --source NAME --exit-status"',
		]);
	});

	it('refuses when only stdin is a pipe', async () => {
		const result = await runCli([], home, {input: '', timeoutMs: 5_000});
		expect(result.code).toBe(2);
	});
});

describe('config errors', () => {
	it('says how to start when there is no config', async () => {
		const result = await runCli(['runs'], home);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([
			'citop: no config at ~/.config/citop/config.yaml',
			'citop: To try citop without any account: citop demo',
			'citop: To write a config for a local simulator: citop sim --config-out ~/.config/citop/config.yaml',
			'citop: Or write ~/.config/citop/config.yaml by hand: the README\'s "Configuration" section has an example.',
		]);
	});

	it('gives one line per problem with the field path', async () => {
		const path = join(files, 'bad.yaml');
		await writeFile(path, 'sources:\n  - provider: northflank\n    projectId: shop\n    pipelineId: main\n    tokn: x\n', {mode: 0o600});
		const result = await runCli(['runs', '--config', path], home);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([
			`citop: ${path}: sources[0].tokn: unknown key (did you mean token?)`,
			`citop: ${path}: sources[0].stage: required for northflank (the release flow's stage, e.g. "release")`,
		]);
	});

	it('ends what a token command started when Ctrl-C stops citop while it runs', async () => {
		const path = join(files, 'slow-token.yaml');
		await writeFile(path, 'sources:\n  - {provider: wercker, pipelineId: a, tokenCommand: "sleep 100003; echo late"}\n', {mode: 0o600});
		const citop = startCli(['runs', '--config', path], home);
		try {
			await until(() => processesRunning('sleep 100003').length > 0, 'the token command to start');
			citop.kill('SIGINT');
			expect((await citop.done).code).toBe(130);
			await until(() => processesRunning('sleep 100003').length === 0, 'the token command to end', 2_000);
		} finally {
			for (const pid of processesRunning('sleep 100003')) process.kill(pid);
		}
	});

	it('reads CITOP_CONFIG', async () => {
		const result = await runCli(['runs'], home, {env: {CITOP_CONFIG: join(home, 'elsewhere.yaml')}});
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: CITOP_CONFIG=~/elsewhere.yaml: no such file']);
	});

	it('names the variables to set when a token is missing, and never prints a literal one', async () => {
		const path = join(files, 'notoken.yaml');
		await writeFile(
			path,
			'sources:\n  - {name: api, provider: sourcecraft, org: acme, repo: api}\n  - {name: flow, provider: northflank, projectId: p, pipelineId: q, stage: r, token: "nf-secret-literal", baseUrl: "http://127.0.0.1:9"}\n',
			{mode: 0o644},
		);
		const result = await runCli(['runs', '--config', path, '--debug'], home);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('sources[0] (api): no token for sourcecraft: set SOURCECRAFT_TOKEN or SOURCECRAFT_API_TOKEN');
		expect(result.stderr).toContain(`is readable by others and holds a token: chmod 600 ${path}`);
		expect(result.stderr).not.toContain('nf-secret-literal');
	});
});
