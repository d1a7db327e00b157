import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/config/index.js';
import {fillConfigFields, runWebUrl, webUrlOrNull, webUrlProblem} from '../../source/model/web-url.js';
import {problems, tempDir} from './helpers.js';

const northflank = 'sources:\n  - {provider: northflank, projectId: shop, pipelineId: main, stage: release, webUrl: "URL"}\n';
const sourcecraft = 'sources:\n  - {provider: sourcecraft, org: acme, repo: api, webUrl: "URL"}\n';
const withUrl = (config: string, url: string) => config.replace('URL', url);

describe('webUrl templates', () => {
	it('fills the source’s fields once and the run’s for each run, every value URL-encoded', () => {
		const template = fillConfigFields('https://ci.example.com/{org}/{repo}/runs/{number}?from={source}', 'sourcecraft', {org: 'acme corp', repo: 'a/b', source: 'api {id}'});
		expect(template).toBe('https://ci.example.com/acme%20corp/a%2Fb/runs/{number}?from=api%20%7Bid%7D');
		expect(runWebUrl(template, {id: '2332', label: '#2332', pipeline: null})).toEqual({url: 'https://ci.example.com/acme%20corp/a%2Fb/runs/2332?from=api%20%7Bid%7D'});
		expect(runWebUrl('https://ci.example.com/r/{id}/{pipeline}', {id: 'x/../y?z', label: 'y', pipeline: 'build & test'})).toEqual({url: 'https://ci.example.com/r/x%2F..%2Fy%3Fz/build%20%26%20test'});
	});

	it('takes half a UTF-16 pair in a server’s name as U+FFFD instead of throwing', () => {
		expect(runWebUrl('https://ci/{pipeline}/{id}', {id: '7', label: '#7', pipeline: 'build\ud800x'})).toEqual({url: 'https://ci/build%EF%BF%BDx/7'});
		expect(webUrlOrNull('https://ci/{pipeline}', {id: '7', label: '#7', pipeline: '\udc00'})).toBe('https://ci/%EF%BF%BD');
	});

	it('says which field a run lacks, and JSON gets null for it (or without a template)', () => {
		expect(runWebUrl('https://ci/{number}', {id: '64f0c1', label: '0c1d2e3', pipeline: null})).toEqual({missing: 'number'});
		expect(runWebUrl('https://ci/{pipeline}/{id}', {id: '64f0c1', label: '#4', pipeline: null})).toEqual({missing: 'pipeline'});
		expect(webUrlOrNull('https://ci/{number}', {id: '1', label: 'Release 1', pipeline: null})).toBeNull();
		expect(webUrlOrNull(null, {id: '1', label: '#1', pipeline: null})).toBeNull();
		expect(webUrlOrNull('https://ci/{number}', {id: '1', label: '#1', pipeline: null})).toBe('https://ci/1');
	});

	it('takes each provider’s own placeholders only, and the config fields the source sets', () => {
		expect(webUrlProblem('https://ci/{org}/{repo}/{number}/{id}/{source}', 'sourcecraft', {org: 'a', repo: 'b', source: 's'})).toBeNull();
		expect(webUrlProblem('https://ci/{pipelineId}/{pipeline}/{number}', 'wercker', {pipelineId: 'p', source: 's'})).toBeNull();
		expect(webUrlProblem('https://app.northflank.com/t/{teamId}/project/{projectId}/runs/{id}', 'northflank', {projectId: 'shop', source: 's'})).toBe(
			'{teamId} needs teamId, which this source does not set',
		);
		expect(webUrlProblem('https://ci/{number}', 'northflank', {source: 's'})).toBe('unknown placeholder {number} (northflank takes {id}, {source}, {projectId}, {pipelineId}, {stage}, {teamId})');
		expect(webUrlProblem('https://ci/{runId', 'wercker', {})).toBe('a brace without its pair: placeholders are written {name}');
		expect(webUrlProblem('ci.example.com/{id}', 'wercker', {})).toMatch(/^expected an http\(s\) address/);
		expect(webUrlProblem('https://ci/{id} x', 'wercker', {})).toMatch(/^expected an http\(s\) address with placeholders, without spaces/);
	});

	it('refuses a config whose webUrl has an unknown placeholder, naming the field, exit 2', () => {
		expect(problems(withUrl(northflank, 'https://app.northflank.com/{project}/runs/{id}'))).toEqual([
			'config.yaml: sources[0].webUrl: unknown placeholder {project} (northflank takes {id}, {source}, {projectId}, {pipelineId}, {stage}, {teamId})',
		]);
		expect(problems(withUrl(sourcecraft, 'https://ci/{repoId}/{number}'))).toEqual(['config.yaml: sources[0].webUrl: {repoId} needs repoId, which this source does not set']);
		expect(problems('sources:\n  - {provider: wercker, pipelineId: p, webUrll: "https://ci/{id}"}\n')).toEqual(['config.yaml: sources[0].webUrll: unknown key (did you mean webUrl?)']);
	});

	describe('loaded', () => {
		let temp: Awaited<ReturnType<typeof tempDir>>;
		beforeEach(async () => {
			temp = await tempDir();
		});
		afterEach(async () => {
			await temp.remove();
		});

		it('gives each source its template with the config’s fields filled in, and none without one', async () => {
			const path = await temp.write(
				'config.yaml',
				'sources:\n  - {name: "acme api", provider: sourcecraft, org: acme, repo: api, token: t, webUrl: "https://src.example/{org}/{repo}/ci/{number}?s={source}"}\n  - {provider: wercker, pipelineId: p1}\n',
			);
			const config = await loadConfig({flag: path, env: {}});
			expect(config.sources.map((source) => source.webUrl)).toEqual(['https://src.example/acme/api/ci/{number}?s=acme%20api', undefined]);
		});
	});
});
