import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {errorLines, expectNoToken, runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator();
});
afterAll(async () => {
	await setup.stop();
});

const SOURCES = ['acme/api', 'acme/web', 'acme/infra', 'build', 'deploy', 'shop', 'shop-release', 'shop-staging'];

describe('citop runs', () => {
	it('prints every source as one plain table when stdout is not a terminal', async () => {
		const result = await runCli(['--config', setup.config, 'runs'], setup.dir);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^STATUS\s+SOURCE\s+RUN\s+REF\s+EVENT\s+USER\s+PROGRESS\s+STARTED\s+TIME\s+TITLE$/);
		expect(result.stdout).not.toContain('\u001b');
		const shown = new Set(lines.slice(1).map((line) => /^\S+ \S+\s+(\S+)/.exec(line)?.[1]));
		for (const source of SOURCES) expect(shown).toContain(source);
		for (const line of lines.slice(1)) expect(line).toMatch(/^[✓✗▷○⊘↷?] (success|failed|timed out|running|approval|canceling|queued|canceled|skipped|unknown)\s/);
		expectNoToken(result, setup.tokens);
	});

	it('prints a JSON array with the documented fields', async () => {
		const result = await runCli(['--config', setup.config, 'runs', '--json', '--source', 'acme/api', '--source', 'shop-release'], setup.dir);
		expect(result.code).toBe(0);
		const runs = JSON.parse(result.stdout) as Record<string, unknown>[];
		expect(runs.length).toBeGreaterThan(10);
		expect(new Set(runs.map((run) => run['source']))).toEqual(new Set(['acme/api', 'shop-release']));
		for (const run of runs) {
			for (const field of ['source', 'provider', 'id', 'title', 'status', 'providerStatus', 'branch', 'commit', 'event', 'user', 'inputs', 'createdAt', 'startedAt', 'finishedAt', 'progress', 'url', 'eta', 'expectedDurationSec', 'progressFrom']) {
				expect(run).toHaveProperty(field);
			}
			for (const field of ['createdAt', 'startedAt', 'finishedAt']) {
				const value = run[field];
				if (value !== null) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			}
			const progress = run['progress'];
			if (progress !== null) expect(progress).toBeGreaterThanOrEqual(0);
			if (progress !== null) expect(progress).toBeLessThanOrEqual(1);
		}
		const simulated = setup.sim.world.runs('acme/api')[0];
		expect(runs.find((run) => run['source'] === 'acme/api' && run['id'] === simulated?.id)).toBeDefined();
		expectNoToken(result, setup.tokens);
	});

	it('filters by status and limits, newest first', async () => {
		const result = await runCli(['--config', setup.config, 'runs', '--json', '--status', 'success', '--limit', '5'], setup.dir);
		expect(result.code).toBe(0);
		const runs = JSON.parse(result.stdout) as {status: string; createdAt: string}[];
		expect(runs).toHaveLength(5);
		for (const run of runs) expect(run.status).toBe('success');
		const created = runs.map((run) => Date.parse(run.createdAt));
		expect(created).toEqual([...created].sort((a, b) => b - a));
	});

	it('prints what the live list shows: no spinner frame, and a bar only beside running runs', async () => {
		const result = await runCli(['--config', setup.config, 'runs'], setup.dir);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toMatch(/[\u2800-\u28ff]/);
		const rows = result.stdout.trimEnd().split('\n').slice(1);
		const concluded = rows.filter((line) => /^. (success|failed|timed out|canceled|skipped)\s/.test(line));
		expect(concluded.some((line) => /^. (failed|timed out)\s/.test(line))).toBe(true);
		for (const line of concluded) expect(line).not.toMatch(/[█░]|\d%/);
		for (const line of rows.filter((row) => /[█░]/.test(row))) expect(line).toMatch(/^▷ (running|approval|canceling)\s/);
	});

	it("names the pipeline of each run of a Wercker application, in the table and as pipeline in JSON", async () => {
		const json = await runCli(['--config', setup.config, 'runs', '--json', '--source', 'shop'], setup.dir);
		expect(json.code).toBe(0);
		const runs = JSON.parse(json.stdout) as {id: string; label: string; pipeline: string | null}[];
		expect(new Set(runs.map((run) => run.pipeline))).toEqual(new Set(['build', 'initial-build']));
		const table = await runCli(['--config', setup.config, 'runs', '--source', 'shop', '--source', 'acme/api', '--limit', '60'], setup.dir);
		const rows = table.stdout.trimEnd().split('\n').slice(1);
		const shown = rows.filter((line) => / shop /.test(line)).map((line) => /^. \S+(?: out)?\s+shop\s+(\S+ \S+)\s/.exec(line)?.[1]);
		expect(shown.length).toBeGreaterThan(0);
		for (const run of shown) expect(run).toMatch(/^[0-9a-f]{7} (build|initial-build)$/);
		for (const line of rows.filter((row) => / acme\/api /.test(row))) expect(line).toMatch(/ acme\/api\s+#\d+\s/);
	});

	it('takes every status filter of the live view', async () => {
		const shown = async (filter: string) => {
			const result = await runCli(['--config', setup.config, 'runs', '--json', '--status', filter], setup.dir);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			return new Set((JSON.parse(result.stdout) as {status: string}[]).map((run) => run.status));
		};
		for (const status of await shown('active')) expect(['queued', 'running']).toContain(status);
		// The simulated world moves on between calls: what runs now may have ended by the next one.
		const all = await shown('any');
		for (const status of ['success', 'failed', 'canceled']) expect(all).toContain(status);
		for (const status of await shown('other')) expect(['skipped', 'unknown']).toContain(status);
		expect(await shown('canceled')).toEqual(new Set(['canceled']));
	});

	it('reports a failing source on stderr in one line, prints the others, exits 3', async () => {
		const config = await setup.writeConfig(
			'broken.yaml',
			[
				'sources:',
				`  - {name: good, provider: wercker, pipelineId: ${pipelineOf('deploy')}, baseUrl: "${setup.sim.baseUrls.wercker}", token: "${setup.sim.tokens.wercker}"}`,
				`  - {name: down, provider: sourcecraft, org: acme, repo: api, baseUrl: "http://127.0.0.1:1", token: "${setup.sim.tokens.sourcecraft}"}`,
				`  - {name: refused, provider: northflank, projectId: shop, pipelineId: main, stage: release, baseUrl: "${setup.sim.baseUrls.northflank}", token: "nf-wrong-token-123"}`,
			].join('\n'),
		);
		const result = await runCli(['--config', config, 'runs'], setup.dir, {timeoutMs: 20_000});
		expect(result.code).toBe(3);
		expect(result.stdout).toMatch(/^STATUS/);
		expect(result.stdout).toContain(' good ');
		const lines = errorLines(result);
		expect(lines).toHaveLength(2);
		expect(lines).toContainEqual(expect.stringMatching(/^citop: down: network: /));
		expect(lines).toContainEqual(expect.stringMatching(/^citop: refused: auth: .*\(request id [^)]+\)/));
		// Said once: the source and the request id are not repeated.
		expect(lines.find((line) => line.includes('refused: auth'))?.match(/request id/g)).toHaveLength(1);
		expectNoToken(result, [...setup.tokens, 'nf-wrong-token-123']);
	});

	it('keeps tokens out of --debug dumps', async () => {
		const config = await setup.writeConfig(
			'debug.yaml',
			`sources:\n  - {name: refused, provider: sourcecraft, org: acme, repo: api, baseUrl: "${setup.sim.baseUrls.sourcecraft}", token: "sc-wrong-token-456"}\n`,
		);
		const result = await runCli(['--config', config, '--debug', 'runs'], setup.dir);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('citop: debug: refused: listing runs failed');
		expect(result.stderr).toContain('"kind": "auth"');
		expectNoToken(result, ['sc-wrong-token-456']);
	});

	it('reports a provider fault among good sources', async () => {
		setup.sim.setFault('northflank', {kind: 'status', status: 503});
		try {
			const result = await runCli(['--config', setup.config, 'runs', '--source', 'shop-release', '--source', 'acme/web'], setup.dir, {timeoutMs: 20_000});
			expect(result.code).toBe(3);
			expect(result.stdout).toContain('acme/web');
			expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: shop-release: server: /)]);
		} finally {
			setup.sim.setFault('northflank', null);
		}
	});
});

function pipelineOf(name: string): string {
	const source = setup.sim.sources.find((candidate) => candidate.name === name);
	if (source?.provider !== 'wercker' || !source.pipelineId) throw new Error(`no wercker pipeline ${name}`);
	return source.pipelineId;
}
