import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {runSimCommand, simulatorConfigYaml} from '../../source/sim/index.js';
import {call, startTestSim} from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
	await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
});

function capture() {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
	return {stream, text: () => text};
}

async function waitFor(check: () => boolean): Promise<void> {
	for (let tries = 0; tries < 200 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(check()).toBe(true);
}

describe('simulatorConfigYaml', () => {
	it('writes a config with every source in the agreed keys', async () => {
		const {sim} = await startTestSim();
		const config = parse(simulatorConfigYaml(sim));
		expect(config.sources).toHaveLength(sim.sources.length);
		expect(config.sources[0]).toEqual({name: 'acme/api', provider: 'sourcecraft', baseUrl: sim.baseUrls.sourcecraft, org: 'acme', repo: 'api', token: sim.tokens.sourcecraft});
		expect(config.sources.find((source: any) => source.name === 'acme/infra')).toEqual(expect.objectContaining({repoId: expect.any(String)}));
		expect(config.sources.find((source: any) => source.name === 'deploy')).toEqual({name: 'deploy', provider: 'wercker', baseUrl: sim.baseUrls.wercker, pipelineId: '5751377e7e1bd5f17f050bc4', token: sim.tokens.wercker});
		expect(config.sources.find((source: any) => source.name === 'shop')).toEqual(expect.objectContaining({applicationId: expect.any(String)}));
		expect(config.sources.find((source: any) => source.name === 'shop-release')).toEqual({
			name: 'shop-release',
			provider: 'northflank',
			baseUrl: sim.baseUrls.northflank,
			projectId: 'shop',
			pipelineId: 'main',
			stage: 'release',
			token: sim.tokens.northflank,
		});
	});

	it('gives ready-made sources whose every list answers', async () => {
		const {sim} = await startTestSim();
		for (const source of sim.sources) {
			const path =
				source.provider === 'sourcecraft'
					? source.repoId
						? `/repos/id:${encodeURIComponent(source.repoId)}/cicd/runs`
						: `/repos/${source.org}/${source.repo}/cicd/runs`
					: source.provider === 'wercker'
						? `/api/v3/runs?${source.pipelineId ? `pipelineId=${source.pipelineId}` : `applicationId=${source.applicationId}`}`
						: `/v1/projects/${source.projectId}/pipelines/${source.pipelineId}/release-flows/${source.stage}/runs`;
			const answer = await fetch(`${source.baseUrl}${path}`, {headers: {authorization: `Bearer ${source.token}`}});
			expect(answer.status, source.name).toBe(200);
		}
	});
});

describe('runSimCommand', () => {
	it('prints where everything is, writes the config 0600, serves until stopped', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'citop-sim-'));
		dirs.push(dir);
		const configOut = join(dir, 'citop.yaml');
		const out = capture();
		const stop = new AbortController();
		const done = runSimCommand({seed: 3, configOut, stdout: out.stream, signal: stop.signal});
		await waitFor(() => out.text().includes('config written'));
		const url = /listening on (http:\/\/\S+)/.exec(out.text())?.[1] ?? '';
		for (const provider of ['sourcecraft', 'wercker', 'northflank']) expect(out.text()).toContain(`${url}/${provider}`);
		expect(out.text()).toContain('shop-release');
		expect((await stat(configOut)).mode & 0o777).toBe(0o600);
		const config = parse(await readFile(configOut, 'utf8'));
		const source = config.sources[0];
		const answer = await fetch(`${source.baseUrl}/repos/acme/api/cicd/runs`, {headers: {authorization: `Bearer ${source.token}`}});
		expect(answer.status).toBe(200);
		stop.abort();
		expect(await done).toBe(0);
		await expect(fetch(`${url}/_sim/state`)).rejects.toThrow();
	});

	it('listens for Ctrl-C before it prints a line, and stops listening once it ends', async () => {
		const before = process.listenerCount('SIGINT');
		const listening: boolean[] = [];
		const out = capture();
		const write = out.stream.write.bind(out.stream);
		out.stream.write = ((chunk: string) => {
			listening.push(process.listenerCount('SIGINT') > before);
			return write(chunk);
		}) as typeof out.stream.write;
		const stop = new AbortController();
		const done = runSimCommand({stdout: out.stream, signal: stop.signal});
		await waitFor(() => out.text().includes('Ctrl-C stops it.'));
		stop.abort();
		expect(await done).toBe(0);
		expect(listening.length).toBeGreaterThan(0);
		expect(listening.every(Boolean)).toBe(true);
		expect(process.listenerCount('SIGINT')).toBe(before);
	});

	it('says why and fails when the port is taken', async () => {
		const {sim} = await startTestSim();
		const out = capture();
		const err = capture();
		expect(await runSimCommand({port: sim.port, stdout: out.stream, stderr: err.stream})).toBe(1);
		expect(err.text()).toMatch(/cannot start the simulator/);
		expect((await call(sim, 'sourcecraft', '/repos/acme/api/cicd/runs')).status).toBe(200);
		expect(process.listenerCount('SIGINT')).toBe(0);
	});
});
