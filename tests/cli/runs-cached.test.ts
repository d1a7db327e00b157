import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cacheFile, openRunCache} from '../../source/store/cache-file.js';
import {systemClock} from '../../source/model/clock.js';
import {createStore} from '../../source/store/index.js';
import {errorLines, expectNoToken, runCli, setUpSimulator} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator();
});
afterAll(async () => {
	await setup.stop();
});

/** A cache of its own for each test: what the live view would have saved there. */
function cacheHome(name: string): {env: NodeJS.ProcessEnv; dir: string} {
	const base = join(setup.dir, name);
	return {env: {XDG_CACHE_HOME: base}, dir: join(base, 'citop')};
}

/** Runs a store with the cache on two sources; returns "source id" of each run it showed. */
async function fillCache(dir: string): Promise<string[]> {
	const opened = openRunCache(dir, setup.sim.sources, systemClock);
	const store = createStore({sources: setup.sim.sources.filter((source) => source.name === 'acme/api' || source.name === 'build'), cache: opened.cache});
	store.start();
	await store.settled();
	await store.stop();
	return store.getSnapshot().runs.map((run) => `${run.source} ${run.id}`).sort();
}

describe('citop runs --cached', () => {
	it('exits 3 and says so when nothing is cached, without asking any server', async () => {
		const before = setup.sim.requestCount();
		const result = await runCli(['--config', setup.config, 'runs', '--cached', '--source', 'acme/api'], setup.dir, cacheHome('empty'));
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(errorLines(result)).toEqual(['citop: acme/api: no cached runs (the live view keeps them once it has shown them)']);
		expect(setup.sim.requestCount()).toBe(before);
	});

	it('prints the runs the live view kept, with their age, without asking any server', async () => {
		const home = cacheHome('filled');
		const shown = await fillCache(home.dir);
		const before = setup.sim.requestCount();
		const result = await runCli(['--config', setup.config, 'runs', '--cached', '--source', 'acme/api', '--source', 'build'], setup.dir, home);
		expect(setup.sim.requestCount()).toBe(before);
		expect(result.code).toBe(0);
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: acme\/api: cached runs from \d+s ago$/), expect.stringMatching(/^citop: build: cached runs from \d+s ago$/)]);
		const cached = await runCli(['--config', setup.config, 'runs', '--cached', '--json', '--source', 'acme/api', '--source', 'build'], setup.dir, home);
		const ids = (text: string) => (JSON.parse(text) as {source: string; id: string}[]).map((run) => `${run.source} ${run.id}`).sort();
		expect(ids(cached.stdout)).toEqual(shown);
		expect(result.stdout.split('\n')[0]).toMatch(/^STATUS\s+SOURCE\s+RUN/);
		expectNoToken(result, setup.tokens);
	});

	it('ignores a corrupt cache with one line, and exits 3 when nothing else is cached', async () => {
		const home = cacheHome('corrupt');
		mkdirSync(home.dir, {recursive: true});
		writeFileSync(cacheFile(home.dir, setup.sim.sources.find((source) => source.name === 'acme/api')!), '\u0000garbage');
		const result = await runCli(['--config', setup.config, 'runs', '--cached', '--source', 'acme/api'], setup.dir, home);
		expect(result.code).toBe(3);
		expect(errorLines(result)).toEqual(['citop: warning: acme/api: cached runs ignored (corrupt)']);
	});
});
