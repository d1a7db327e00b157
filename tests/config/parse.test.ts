import {describe, expect, it} from 'vitest';
import {parseConfig} from '../../source/config/index.js';
import {problems} from './helpers.js';


describe('parseConfig: valid files', () => {
	it('fills every default when only sources are given', () => {
		const config = parseConfig('sources:\n  - provider: wercker\n    pipelineId: 5751377e7e1bd5f17f050bc4\n', 'config.yaml');
		expect(config.poll).toEqual({fast: 3, slow: 30, maxBackoff: 300});
		expect(config.highlight).toBe(6);
		expect(config.notify).toEqual({bell: true, osc9: true});
		expect(config.color).toBe('auto');
		expect(config.tokenCommandTimeout).toBe(10);
		expect(config.cache).toBe(true);
	});

	it('reads the documented example', () => {
		const config = parseConfig(
			[
				'sources:',
				'  - name: acme/api',
				'    provider: sourcecraft',
				'    baseUrl: https://api.sourcecraft.tech',
				'    org: acme',
				'    repo: api',
				'    tokenCommand: pass show ci/sourcecraft',
				'  - provider: wercker',
				'    pipelineId: 5751377e7e1bd5f17f050bc4',
				'    tokenEnv: MY_WERCKER_TOKEN',
				'  - provider: northflank',
				'    projectId: shop',
				'    pipelineId: main',
				'    stage: release',
				'    token: nf-literal-token',
				'poll:',
				'  fast: 3',
				'  slow: 30',
				'  maxBackoff: 300',
				'highlight: 6',
				'notify:',
				'  bell: true',
				'  osc9: false',
				'color: never',
			].join('\n'),
			'config.yaml',
		);
		expect(config.sources).toHaveLength(3);
		expect(config.notify.osc9).toBe(false);
		expect(config.color).toBe('never');
	});

	it('reads numeric ids as text', () => {
		const config = parseConfig('sources:\n  - provider: sourcecraft\n    repoId: 12345\n', 'config.yaml');
		expect(config.sources[0]?.repoId).toBe('12345');
	});
});

describe('parseConfig: one line per problem, naming the file and the field', () => {
	it.each([
		[
			'a northflank source without its stage',
			'sources:\n  - provider: wercker\n    pipelineId: abc\n  - provider: northflank\n    projectId: shop\n    pipelineId: main\n',
			['config.yaml: sources[1].stage: required for northflank (the release flow\'s stage, e.g. "release")'],
		],
		[
			'a source without a provider',
			'sources:\n  - org: acme\n    repo: api\n',
			['config.yaml: sources[0].provider: required: one of sourcecraft, wercker, northflank'],
		],
		[
			'an unknown provider',
			'sources:\n  - provider: github\n',
			['config.yaml: sources[0].provider: expected one of sourcecraft, wercker, northflank, got "github"'],
		],
		[
			'a typo in a source key',
			'sources:\n  - provider: sourcecraft\n    org: acme\n    repo: api\n    tokenComand: pass show x\n',
			['config.yaml: sources[0].tokenComand: unknown key (did you mean tokenCommand?)'],
		],
		[
			'a typo at the top',
			'sources:\n  - provider: wercker\n    pipelineId: abc\ncolour: never\n',
			['config.yaml: colour: unknown key (did you mean color?)'],
		],
		[
			'an unknown key nothing like a known one',
			'sources:\n  - provider: wercker\n    pipelineId: abc\npoll:\n  zzzzzz: 1\n',
			['config.yaml: poll.zzzzzz: unknown key (expected one of fast, slow, maxBackoff)'],
		],
		[
			'a field of another provider',
			'sources:\n  - provider: wercker\n    pipelineId: abc\n    stage: release\n',
			['config.yaml: sources[0].stage: not a wercker field (wercker takes pipelineId or applicationId)'],
		],
		[
			'sourcecraft with neither org/repo nor repoId',
			'sources:\n  - provider: sourcecraft\n',
			['config.yaml: sources[0]: sourcecraft needs org + repo (e.g. org: acme, repo: api), or repoId'],
		],
		[
			'sourcecraft with org but no repo',
			'sources:\n  - provider: sourcecraft\n    org: acme\n',
			['config.yaml: sources[0].repo: required for sourcecraft with org (the repository, e.g. "api")'],
		],
		[
			'sourcecraft with both routes',
			'sources:\n  - provider: sourcecraft\n    org: acme\n    repo: api\n    repoId: "7"\n',
			['config.yaml: sources[0]: give org + repo, or repoId, not both'],
		],
		[
			'wercker without a pipeline or application',
			'sources:\n  - provider: wercker\n',
			['config.yaml: sources[0]: wercker needs pipelineId (e.g. pipelineId: 5751377e7e1bd5f17f050bc4) or applicationId'],
		],
		[
			'wercker with both',
			'sources:\n  - provider: wercker\n    pipelineId: a\n    applicationId: b\n',
			['config.yaml: sources[0]: give pipelineId or applicationId, not both'],
		],
		[
			'duplicate names',
			'sources:\n  - name: api\n    provider: wercker\n    pipelineId: a\n  - name: api\n    provider: wercker\n    pipelineId: b\n',
			['config.yaml: sources[1].name: its name "api" is already taken by sources[0]; give one of them a different name'],
		],
		[
			'duplicate default names',
			'sources:\n  - provider: sourcecraft\n    org: acme\n    repo: api\n  - provider: sourcecraft\n    org: acme\n    repo: api\n    baseUrl: http://127.0.0.1:9\n',
			['config.yaml: sources[1].name: its default name "acme/api" is already taken by sources[0]; give one of them a different name'],
		],
		[
			'a bad base URL',
			'sources:\n  - provider: wercker\n    pipelineId: a\n    baseUrl: app.wercker.com\n',
			['config.yaml: sources[0].baseUrl: expected an http(s) URL, e.g. https://api.sourcecraft.tech'],
		],
		[
			'a token variable given as a value',
			'sources:\n  - provider: wercker\n    pipelineId: a\n    tokenEnv: "$MY TOKEN"\n',
			['config.yaml: sources[0].tokenEnv: expected the name of an environment variable (letters, digits and _), not its value'],
		],
		[
			'an empty name',
			'sources:\n  - provider: wercker\n    pipelineId: a\n    name: ""\n',
			['config.yaml: sources[0].name: must not be empty (a short unique name, e.g. "acme/api")'],
		],
		[
			'a negative poll interval',
			'sources: []\npoll:\n  fast: -1\n',
			['config.yaml: poll.fast: must be more than 0 (seconds between polls while something runs, e.g. 3)'],
		],
		[
			'poll intervals in the wrong order',
			'poll:\n  fast: 10\n  slow: 5\n',
			['config.yaml: poll.slow: must be at least poll.fast (10)'],
		],
		[
			'a poll interval as text',
			'poll:\n  fast: soon\n',
			['config.yaml: poll.fast: expected a number, got "soon" (seconds between polls while something runs, e.g. 3)'],
		],
		[
			'yes instead of true',
			'notify:\n  bell: yes\n',
			['config.yaml: notify.bell: expected true or false, got "yes" (true or false)'],
		],
		[
			'the cache turned off with a word',
			'cache: off\n',
			['config.yaml: cache: expected true or false, got "off" (true or false)'],
		],
		[
			'an unknown colour mode',
			'color: sometimes\n',
			['config.yaml: color: expected one of auto, always, never, got "sometimes"'],
		],
		[
			'sources as a mapping',
			'sources:\n  provider: wercker\n',
			['config.yaml: sources: expected a list (lines starting with "- "), got a mapping'],
		],
		[
			'a long number id that lost digits',
			'sources:\n  - provider: wercker\n    pipelineId: 575137700000000000000001\n',
			['config.yaml: sources[0].pipelineId: expected text, got the number 5.751377e+23; put it in quotes to keep every digit (the pipeline\'s id)'],
		],
		[
			'a file that is a list',
			'- provider: wercker\n',
			['config.yaml: expected a mapping with "sources:" and optional settings, got a list'],
		],
	])('%s', (_name, text, expected) => {
		expect(problems(text)).toEqual(expected);
	});

	it('reports every problem at once', () => {
		const lines = problems('sources:\n  - provider: northflank\n    projectId: shop\ncolor: blue\n');
		expect(lines).toEqual([
			'config.yaml: sources[0].pipelineId: required for northflank (the pipeline, e.g. "main")',
			'config.yaml: sources[0].stage: required for northflank (the release flow\'s stage, e.g. "release")',
			'config.yaml: color: expected one of auto, always, never, got "blue"',
		]);
	});

	it('gives YAML syntax errors with line:col', () => {
		expect(problems('sources:\n  - provider: wercker\n    pipelineId: [abc\ncolor: auto\n')).toEqual([
			expect.stringMatching(/^config\.yaml:\d+:\d+: YAML syntax error: \S/),
		]);
		expect(problems('color: auto\ncolor: never\n')).toEqual(['config.yaml:2:1: YAML syntax error: Map keys must be unique']);
	});

	it('says nesting too deep for the parser in plain words, at its line and column', () => {
		expect(problems(`sources: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`)).toEqual([
			expect.stringMatching(/^config\.yaml:1:\d+: YAML syntax error: nested too deeply \(a config is a few levels deep\)$/),
		]);
	});

	it('reads a token written as an alias as a YAML error at its line and column, without its name', () => {
		const lines = problems('sources:\n  - provider: wercker\n    pipelineId: a\n    token: *YSECRET-abc\n');
		expect(lines).toEqual(['config.yaml:4:12: YAML error: an alias (*name) with no anchor (&name) before it; put the value in quotes if it starts with *']);
		expect(lines.join('\n')).not.toContain('YSECRET');
	});

	it('refuses an alias bomb ("billion laughs") at the alias that overflows, at once', () => {
		const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
		for (let level = 1; level < 9; level++) levels.push(`l${level}: &${'a'.repeat(level + 1)} [${Array(10).fill(`*${'a'.repeat(level)}`).join(', ')}]`);
		const started = Date.now();
		expect(problems(`${levels.join('\n')}\n`)).toEqual([expect.stringMatching(/^config\.yaml:4:\d+: YAML error: the aliases \(\*name\) repeat more than 10000 values$/)]);
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('keeps aliases a config may use: one token command shared by several sources', () => {
		const config = parseConfig(
			'sources:\n  - {name: a, provider: wercker, pipelineId: a, tokenCommand: &cmd pass show ci}\n  - {name: b, provider: wercker, pipelineId: b, tokenCommand: *cmd}\n',
			'config.yaml',
		);
		expect(config.sources.map((source) => source.tokenCommand)).toEqual(['pass show ci', 'pass show ci']);
	});

	it('refuses more sources than citop watches at once', () => {
		const sources = Array.from({length: 501}, (_, index) => `  - {provider: wercker, pipelineId: p${index}}`).join('\n');
		expect(problems(`sources:\n${sources}\n`)).toEqual(['config.yaml: sources: 501 sources, more than the 500 citop watches at once; split them over several configs']);
	});

	it('refuses user names and passwords in a base URL, without quoting them', () => {
		const lines = problems('sources:\n  - provider: wercker\n    pipelineId: a\n    baseUrl: http://alice:pa55w0rd@127.0.0.1:9/wercker\n');
		expect(lines).toEqual(['config.yaml: sources[0].baseUrl: must not hold a user name or password (citop sends the token; give it with token, tokenEnv or tokenCommand)']);
		expect(lines.join('\n')).not.toMatch(/alice|pa55w0rd/);
	});

	it('never quotes a token back, even when it is malformed', () => {
		const lines = problems('sources:\n  - provider: wercker\n    pipelineId: a\n    token: ["s3cr3t-value"]\n    tokenEnv: "s3cr3t value"\n');
		expect(lines.join('\n')).not.toContain('s3cr3t');
		expect(lines).toContain('config.yaml: sources[0].token: expected text, got a list (the token itself)');
	});
});
