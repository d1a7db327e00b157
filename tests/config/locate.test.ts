import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadConfig, locateConfig} from '../../source/config/index.js';
import {configErrorLines, tempDir} from './helpers.js';

const WERCKER = (name: string) => `sources:\n  - name: ${name}\n    provider: wercker\n    pipelineId: 5751377e7e1bd5f17f050bc4\n`;

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
	temp = await tempDir();
});
afterEach(async () => {
	await temp.remove();
});

describe('where the config is looked for', () => {
	it('takes --config first, then CITOP_CONFIG, then XDG_CONFIG_HOME, then ~/.config', async () => {
		const home = join(temp.dir, 'home');
		const xdg = join(temp.dir, 'xdg');
		await mkdir(join(xdg, 'citop'), {recursive: true});
		await mkdir(join(home, '.config', 'citop'), {recursive: true});
		const flag = await temp.write('flag.yaml', WERCKER('from-flag'));
		const fromEnv = await temp.write('env.yaml', WERCKER('from-env'));
		await temp.write('xdg/citop/config.yaml', WERCKER('from-xdg'));
		await temp.write('home/.config/citop/config.yaml', WERCKER('from-home'));

		const names = async (options: Parameters<typeof loadConfig>[0]) => (await loadConfig({homeDir: home, ...options})).sources.map((s) => s.name);
		expect(await names({flag, env: {CITOP_CONFIG: fromEnv, XDG_CONFIG_HOME: xdg}})).toEqual(['from-flag']);
		expect(await names({env: {CITOP_CONFIG: fromEnv, XDG_CONFIG_HOME: xdg}})).toEqual(['from-env']);
		expect(await names({env: {XDG_CONFIG_HOME: xdg}})).toEqual(['from-xdg']);
		expect(await names({env: {}})).toEqual(['from-home']);
		// A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
		expect(await names({env: {XDG_CONFIG_HOME: 'relative/dir'}})).toEqual(['from-home']);
	});

	it('resolves a relative --config against the working directory', () => {
		expect(locateConfig({flag: 'c.yaml', cwd: temp.dir, env: {}})).toEqual({path: join(temp.dir, 'c.yaml'), origin: 'flag'});
	});

	it('reports the path and its route when the file is missing', async () => {
		const missing = join(temp.dir, 'nope.yaml');
		expect(await configErrorLines(loadConfig({flag: missing, env: {}}))).toEqual([`--config ${missing}: no such file`]);
		expect(await configErrorLines(loadConfig({env: {CITOP_CONFIG: missing}}))).toEqual([`CITOP_CONFIG=${missing}: no such file`]);
	});

	it('says how to start when there is no config at the default place', async () => {
		const home = join(temp.dir, 'home');
		const lines = await configErrorLines(loadConfig({env: {}, homeDir: home}));
		expect(lines).toEqual([
			'no config at ~/.config/citop/config.yaml',
			'To try citop without any account: citop demo',
			'To write a config for a local simulator: citop sim --config-out ~/.config/citop/config.yaml',
			'Or write ~/.config/citop/config.yaml by hand: the README\'s "Configuration" section has an example.',
		]);
	});

	it('says how to start when the config names no source', async () => {
		const path = await temp.write('empty.yaml', '# nothing yet\n');
		const lines = await configErrorLines(loadConfig({flag: path, env: {}, homeDir: join(temp.dir, 'home')}));
		expect(lines[0]).toBe(`${path}: no sources configured`);
		expect(lines[1]).toBe('To try citop without any account: citop demo');
	});

	it('refuses a directory', async () => {
		expect(await configErrorLines(loadConfig({flag: temp.dir, env: {}}))).toEqual([`${temp.dir}: is a directory; expected a YAML file`]);
	});

	it('refuses a file over 1 MB before reading it all: a config is a few kilobytes', async () => {
		const path = await temp.write('huge.yaml', `${WERCKER('build')}${'# padding\n'.repeat(110_000)}`);
		expect(await configErrorLines(loadConfig({flag: path, env: {}}))).toEqual([`${path}: larger than 1 MB; a config is a few kilobytes (is it the right file?)`]);
	});

	it('refuses a device that never ends', async () => {
		expect(await configErrorLines(loadConfig({flag: '/dev/zero', env: {}}))).toEqual(['/dev/zero: larger than 1 MB; a config is a few kilobytes (is it the right file?)']);
	});

	it('shows the home directory as ~ in messages', async () => {
		const home = join(temp.dir, 'home');
		await mkdir(join(home, '.config', 'citop'), {recursive: true});
		await temp.write('home/.config/citop/config.yaml', 'color: blue\n');
		expect(await configErrorLines(loadConfig({env: {}, homeDir: home}))).toEqual([
			'~/.config/citop/config.yaml: color: expected one of auto, always, never, got "blue"',
		]);
	});
});

describe('choosing sources', () => {
	it('returns only the sources named with --source, in config order', async () => {
		const path = await temp.write(
			'c.yaml',
			'sources:\n  - {name: a, provider: wercker, pipelineId: p1}\n  - {name: b, provider: wercker, pipelineId: p2}\n  - {name: c, provider: wercker, pipelineId: p3}\n',
		);
		const config = await loadConfig({flag: path, env: {}, select: ['c', 'a']});
		expect(config.sources.map((s) => s.name)).toEqual(['a', 'c']);
	});

	it('names the sources there are when --source names none of them', async () => {
		const path = await temp.write('c.yaml', 'sources:\n  - {name: a, provider: wercker, pipelineId: p1}\n  - {name: b, provider: wercker, pipelineId: p2}\n');
		expect(await configErrorLines(loadConfig({flag: path, env: {}, select: ['x']}))).toEqual([`no source named "x" in ${path}; its sources are: a, b`]);
	});

	it('does not need the tokens of sources it did not choose', async () => {
		const path = await temp.write(
			'c.yaml',
			'sources:\n  - {name: a, provider: wercker, pipelineId: p1}\n  - {name: b, provider: northflank, projectId: p, pipelineId: q, stage: r}\n',
		);
		const config = await loadConfig({flag: path, env: {}, select: ['a']});
		expect(config.sources).toHaveLength(1);
	});
});

describe('the loaded config', () => {
	it('derives names, converts seconds to ms and keeps only what the provider reads', async () => {
		const path = await temp.write(
			'c.yaml',
			[
				'sources:',
				'  - {provider: sourcecraft, org: acme, repo: api, baseUrl: "http://127.0.0.1:8080/"}',
				'  - {provider: sourcecraft, repoId: 42}',
				'  - {provider: wercker, pipelineId: 5751377e7e1bd5f17f050bc4}',
				'  - {provider: wercker, applicationId: 0123456789abcdef01234567}',
				'  - {provider: northflank, projectId: shop, pipelineId: main, stage: Release, teamId: t1}',
				'poll: {fast: 1.5, slow: 20, maxBackoff: 60}',
				'highlight: 2',
				'notify: {bell: false, osc9: true}',
				'color: always',
			].join('\n'),
		);
		const env = {SOURCECRAFT_TOKEN: 'sc', NORTHFLANK_API_TOKEN: 'nf'};
		const config = await loadConfig({flag: path, env});
		expect(config.sources).toEqual([
			{name: 'acme/api', provider: 'sourcecraft', org: 'acme', repo: 'api', baseUrl: 'http://127.0.0.1:8080', token: 'sc'},
			{name: 'id:42', provider: 'sourcecraft', repoId: '42', token: 'sc'},
			{name: 'wercker:5751377e', provider: 'wercker', pipelineId: '5751377e7e1bd5f17f050bc4', token: null},
			{name: 'wercker:01234567', provider: 'wercker', applicationId: '0123456789abcdef01234567', token: null},
			{name: 'shop/main/Release', provider: 'northflank', projectId: 'shop', pipelineId: 'main', stage: 'Release', teamId: 't1', token: 'nf'},
		]);
		expect(config.poll).toEqual({fastMs: 1500, slowMs: 20_000, maxBackoffMs: 60_000});
		expect(config.highlightMs).toBe(2000);
		expect(config.notify).toEqual({bell: false, osc9: true});
		expect(config.color).toBe('always');
		expect(config.path).toBe(path);
		expect(config.warnings).toEqual([]);
	});
});
