import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, startCli} from './helpers.js';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'citop-sim-'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('citop sim', () => {
	it('serves the simulator, writes a private config that citop runs reads, and stops on Ctrl-C', async () => {
		const configOut = join(dir, 'config.yaml');
		const sim = startCli(['sim', '--port', '0', '--seed', '7', '--config-out', configOut], dir, {timeoutMs: 20_000});
		try {
			await sim.waitForLine(/config written to/);
			expect((await stat(configOut)).mode & 0o777).toBe(0o600);
			expect(await readFile(configOut, 'utf8')).toMatch(/^sources:$/m);
			const runs = await runCli(['--config', configOut, 'runs', '--json', '--source', 'acme/api', '--limit', '3'], dir);
			expect(runs.code).toBe(0);
			expect(JSON.parse(runs.stdout)).toHaveLength(3);
		} finally {
			sim.kill('SIGINT');
		}
		expect((await sim.done).code).toBe(0);
	});

	it('with --repos 3 serves every repository, pipeline and release flow three times, each a source of its own', async () => {
		const configOut = join(dir, 'copies.yaml');
		const sim = startCli(['sim', '--port', '0', '--repos', '3', '--config-out', configOut], dir, {timeoutMs: 20_000});
		try {
			await sim.waitForLine(/config written to/);
			const runs = await runCli(['--config', configOut, 'runs', '--json', '--source', 'acme/api-3', '--limit', '2'], dir);
			expect(runs.code, runs.stderr).toBe(0);
			expect((JSON.parse(runs.stdout) as {source: string}[]).map((run) => run.source)).toEqual(['acme/api-3', 'acme/api-3']);
		} finally {
			sim.kill('SIGINT');
		}
		expect((await sim.done).code).toBe(0);
	});
});
