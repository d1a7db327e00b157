import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import {errorLines, runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator({arrivalEverySec: 1_000_000});
});
afterAll(async () => {
	await setup.stop();
});

/** The simulator's config with a webUrl on the source named `name`. */
function withWebUrl(name: string, webUrl: string): string {
	const config = parse(simulatorConfigYaml(setup.sim)) as {sources: {name: string; webUrl?: string}[]};
	for (const source of config.sources) if (source.name === name) source.webUrl = webUrl;
	return stringify(config);
}

describe('webUrl', () => {
	it('citop runs --json gives each run its page from the source’s webUrl, and null where there is none', async () => {
		const config = await setup.writeConfig('pages.yaml', withWebUrl('shop-release', 'https://app.example.com/projects/{projectId}/pipelines/{pipelineId}/{stage}/runs/{id}'));
		const result = await runCli(['--config', config, 'runs', '--json', '--source', 'shop-release', '--source', 'deploy', '--limit', '40'], setup.dir);
		expect(result.code).toBe(0);
		const runs = JSON.parse(result.stdout) as {source: string; id: string; url: string | null; webUrl: string | null}[];
		const release = runs.filter((run) => run.source === 'shop-release');
		expect(release.length).toBeGreaterThan(0);
		for (const run of release) expect(run.webUrl).toBe(`https://app.example.com/projects/shop/pipelines/main/release/runs/${run.id}`);
		const deploy = runs.filter((run) => run.source === 'deploy');
		expect(deploy.length).toBeGreaterThan(0);
		// Wercker's url is its API's address: it is never taken for a page.
		for (const run of deploy) expect(run).toMatchObject({webUrl: null, url: expect.stringContaining('/api/v3/runs/')});
	});

	it('refuses a webUrl with a placeholder the provider does not have, naming the field, exit 2', async () => {
		const config = await setup.writeConfig('bad-page.yaml', withWebUrl('deploy', 'https://ci.example.com/{org}/runs/{id}'));
		const result = await runCli(['--config', config, 'runs'], setup.dir);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([
			expect.stringMatching(/^citop: .*bad-page\.yaml: sources\[4\]\.webUrl: unknown placeholder \{org\} \(wercker takes \{id\}, \{number\}, \{pipeline\}, \{source\}, \{pipelineId\}, \{applicationId\}\)$/),
		]);
	});
});
