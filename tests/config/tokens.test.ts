import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/config/index.js';
import type {CommandRunner} from '../../source/config/index.js';
import {configErrorLines, processesRunning, tempDir} from './helpers.js';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
	temp = await tempDir();
});
afterEach(async () => {
	await temp.remove();
});

const SC = 'provider: sourcecraft, org: acme, repo: api';
const one = (fields: string) => `sources:\n  - {${fields}}\n`;

async function tokenOf(fields: string, env: NodeJS.ProcessEnv = {}): Promise<string | null> {
	const path = await temp.write('c.yaml', one(fields));
	const config = await loadConfig({flag: path, env: {PATH: process.env['PATH'], ...env}});
	return config.sources[0]?.token ?? null;
}

async function problemsOf(fields: string, env: NodeJS.ProcessEnv = {}): Promise<readonly string[]> {
	const path = await temp.write('c.yaml', one(fields));
	return (await configErrorLines(loadConfig({flag: path, env: {PATH: process.env['PATH'], ...env}}))).map((line) => line.replace(path, 'c.yaml'));
}

describe('token routes, first found wins', () => {
	it('runs tokenCommand through the shell and trims its output', async () => {
		expect(await tokenOf(`${SC}, tokenCommand: "printf '  from-command\\n' | cat", tokenEnv: MY_TOKEN, token: literal`, {MY_TOKEN: 'from-env'})).toBe(
			'from-command',
		);
	});

	it('reads tokenEnv before a literal token and the conventional variables', async () => {
		expect(await tokenOf(`${SC}, tokenEnv: MY_TOKEN, token: literal`, {MY_TOKEN: 'from-env', SOURCECRAFT_TOKEN: 'conventional'})).toBe('from-env');
	});

	it('uses a literal token before the conventional variables', async () => {
		expect(await tokenOf(`${SC}, token: literal`, {SOURCECRAFT_TOKEN: 'conventional'})).toBe('literal');
	});

	it.each([
		['sourcecraft', SC, {SOURCECRAFT_TOKEN: 'a', SOURCECRAFT_API_TOKEN: 'b'}, 'a'],
		['sourcecraft (second variable)', SC, {SOURCECRAFT_API_TOKEN: 'b'}, 'b'],
		['wercker', 'provider: wercker, pipelineId: p', {WERCKER_TOKEN: 'w'}, 'w'],
		['northflank', 'provider: northflank, projectId: p, pipelineId: q, stage: r', {NORTHFLANK_API_TOKEN: 'n', NF_API_TOKEN: 'm'}, 'n'],
		['northflank (second variable)', 'provider: northflank, projectId: p, pipelineId: q, stage: r', {NF_API_TOKEN: 'm'}, 'm'],
	])('falls back to the conventional variables: %s', async (_name, fields, env, expected) => {
		expect(await tokenOf(fields, env)).toBe(expected);
	});

	it('lets Wercker go without a token (public pipelines)', async () => {
		expect(await tokenOf('provider: wercker, pipelineId: p')).toBeNull();
	});

	it('runs a command shared by several sources once', async () => {
		const path = await temp.write('c.yaml', `sources:\n  - {name: a, ${SC}, tokenCommand: get}\n  - {name: b, provider: wercker, pipelineId: p, tokenCommand: get}\n`);
		const calls: string[] = [];
		const runCommand: CommandRunner = async (command) => {
			calls.push(command);
			return {code: 0, stdout: 'tok\n', failure: null};
		};
		const config = await loadConfig({flag: path, env: {}, runCommand});
		expect(config.sources.map((s) => s.token)).toEqual(['tok', 'tok']);
		expect(calls).toEqual(['get']);
	});
});

describe('a token command and what it starts', () => {
	it('gives the token as soon as the command exits, though what it left running holds stdout open', async () => {
		const started = Date.now();
		try {
			expect(await tokenOf(`${SC}, tokenCommand: "(sleep 100001 &); echo from-command"`)).toBe('from-command');
			expect(Date.now() - started).toBeLessThan(3_000);
		} finally {
			for (const pid of processesRunning('sleep 100001')) process.kill(pid);
		}
	}, 15_000);

	it('ends everything the command started when it times out', async () => {
		const path = await temp.write('c.yaml', one(`name: api, ${SC}, tokenCommand: "sleep 100002; echo late"`));
		try {
			await configErrorLines(loadConfig({flag: path, env: {PATH: process.env['PATH']}, tokenCommandTimeoutMs: 300}));
			const deadline = Date.now() + 2_000;
			while (processesRunning('sleep 100002').length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
			expect(processesRunning('sleep 100002')).toEqual([]);
		} finally {
			for (const pid of processesRunning('sleep 100002')) process.kill(pid);
		}
	});
});

describe('token errors name the source and what to do', () => {
	it('a failing tokenCommand, without echoing its output', async () => {
		const lines = await problemsOf(`name: api, ${SC}, tokenCommand: "echo s3cret-out; exit 3"`);
		expect(lines).toEqual(['c.yaml: sources[0].tokenCommand (api): the command failed (exit 3); its output is not shown, as it may hold the token']);
		expect(lines.join('\n')).not.toContain('s3cret');
	});

	it('a tokenCommand that prints nothing', async () => {
		expect(await problemsOf(`name: api, ${SC}, tokenCommand: "true"`)).toEqual([
			'c.yaml: sources[0].tokenCommand (api): the command printed nothing; it must print the token on stdout',
		]);
	});

	it('a tokenCommand that prints several lines', async () => {
		const lines = await problemsOf(`name: api, ${SC}, tokenCommand: "printf 's3cret\\nuser: ann\\n'"`);
		expect(lines).toEqual(['c.yaml: sources[0].tokenCommand (api): the command printed more than one line; make it print only the token (e.g. add "| head -n 1")']);
	});

	it('a tokenCommand that hangs', async () => {
		const path = await temp.write('c.yaml', one(`name: api, ${SC}, tokenCommand: "sleep 5"`));
		const lines = await configErrorLines(loadConfig({flag: path, env: {PATH: process.env['PATH']}, tokenCommandTimeoutMs: 200}));
		expect(lines).toEqual([`${path}: sources[0].tokenCommand (api): the command failed: it did not finish within 0.2 s (tokenCommandTimeout)`]);
	});

	it('a tokenCommand that hangs longer than the config\'s tokenCommandTimeout', async () => {
		const path = await temp.write('c.yaml', `tokenCommandTimeout: 0.3\n${one(`name: api, ${SC}, tokenCommand: "sleep 5"`)}`);
		const started = Date.now();
		const lines = await configErrorLines(loadConfig({flag: path, env: {PATH: process.env['PATH']}}));
		expect(lines).toEqual([`${path}: sources[0].tokenCommand (api): the command failed: it did not finish within 0.3 s (tokenCommandTimeout)`]);
		expect(Date.now() - started).toBeLessThan(3_000);
	});

	it('an unset tokenEnv', async () => {
		expect(await problemsOf('name: deploy, provider: wercker, pipelineId: p, tokenEnv: MY_WERCKER_TOKEN', {WERCKER_TOKEN: 'ignored'})).toEqual([
			'c.yaml: sources[0].tokenEnv (deploy): MY_WERCKER_TOKEN is not set; export MY_WERCKER_TOKEN=…, or remove tokenEnv to use another route',
		]);
	});

	it('no token for SourceCraft', async () => {
		expect(await problemsOf(SC)).toEqual([
			'c.yaml: sources[0] (acme/api): no token for sourcecraft: set SOURCECRAFT_TOKEN or SOURCECRAFT_API_TOKEN, or give the source tokenCommand, tokenEnv or token',
		]);
	});

	it('no token for Northflank', async () => {
		expect(await problemsOf('provider: northflank, projectId: p, pipelineId: q, stage: r')).toEqual([
			'c.yaml: sources[0] (p/q/r): no token for northflank: set NORTHFLANK_API_TOKEN or NF_API_TOKEN, or give the source tokenCommand, tokenEnv or token',
		]);
	});

	it('every source with a problem, one line each', async () => {
		const path = await temp.write('c.yaml', `sources:\n  - {name: a, ${SC}}\n  - {name: b, provider: wercker, pipelineId: p, tokenEnv: NOPE}\n`);
		const lines = await configErrorLines(loadConfig({flag: path, env: {}}));
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain('sources[0] (a): no token for sourcecraft');
		expect(lines[1]).toContain('sources[1].tokenEnv (b): NOPE is not set');
	});
});

describe('a token with characters a header cannot carry, whatever its route', () => {
	const cannot = 'has characters a header cannot carry (a line break, a control character or non-ASCII); check how it was copied';
	it.each([
		['a line break in tokenEnv', `name: api, ${SC}, tokenEnv: MY_TOKEN`, {MY_TOKEN: 'sek\nret-1'}, `c.yaml: sources[0].tokenEnv (api): the token from MY_TOKEN ${cannot}`],
		['NUL in a conventional variable', SC, {SOURCECRAFT_TOKEN: 'sek\u0000ret-1'}, `c.yaml: sources[0] (acme/api): the token from SOURCECRAFT_TOKEN ${cannot}`],
		['ESC in the config', `name: api, ${SC}, token: "sek\\e[2Jret-1"`, {}, `c.yaml: sources[0].token (api): the token from the config ${cannot}`],
		['non-ASCII from tokenCommand', `name: api, ${SC}, tokenCommand: "echo sekéret-1"`, {}, `c.yaml: sources[0].tokenCommand (api): the token from the command ${cannot}`],
	])('%s', async (_name, fields, env, expected) => {
		const lines = await problemsOf(fields, env);
		expect(lines).toEqual([expected]);
		expect(lines.join('\n')).not.toMatch(/sek|ret-1/);
	});
});

describe('a literal token in a file others can read', () => {
	it('warns once, with the chmod to run', async () => {
		const path = await temp.write('c.yaml', `sources:\n  - {name: a, ${SC}, token: t1}\n  - {name: b, ${SC.replace('api', 'web')}, token: t2}\n`, 0o644);
		const config = await loadConfig({flag: path, env: {}});
		expect(config.warnings).toEqual([`${path} is readable by others and holds a token: chmod 600 ${path}`]);
	});

	it('says nothing when only the owner can read it', async () => {
		const path = await temp.write('c.yaml', one(`${SC}, token: t1`), 0o600);
		expect((await loadConfig({flag: path, env: {}})).warnings).toEqual([]);
	});

	it('says nothing when the file holds no token', async () => {
		const path = await temp.write('c.yaml', one(`${SC}, tokenEnv: T`), 0o644);
		expect((await loadConfig({flag: path, env: {T: 'x'}})).warnings).toEqual([]);
	});
});
