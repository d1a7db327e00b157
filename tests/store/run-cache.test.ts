import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import {addSecret} from '../../source/model/secrets.js';
import type {SourceSpec} from '../../source/providers/types.js';
import {startSimulator} from '../../source/sim/index.js';
import {SAVE_EVERY_MS, ThrottledSaves} from '../../source/store/cache.js';
import {MAX_CACHED_RUNS, cacheFile, cacheText, openRunCache, readCachedRuns} from '../../source/store/cache-file.js';
import {MAX_CACHE_BYTES} from '../../source/store/cache-read.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore} from '../../source/store/index.js';
import type {Run} from '../../source/model/run.js';
import {testNode, testRun} from '../fixtures/runs.js';

let cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
	for (const stop of cleanup.reverse()) await stop();
	cleanup = [];
});

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'citop-cache-'));
	cleanup.push(() => rmSync(dir, {recursive: true, force: true}));
	return join(dir, 'citop');
}

/** One source of each provider: sources that share a request budget would not all answer at once. */
async function simulator(clock: ManualClock): Promise<{sources: SourceSpec[]; stop(): Promise<void>}> {
	const sim = await startSimulator({port: 0, seed: 7, clock, historySize: 8});
	cleanup.push(() => sim.stop());
	const one = (provider: SourceSpec['provider']) => sim.sources.find((source) => source.provider === provider)!;
	return {sources: [one('sourcecraft'), one('wercker'), one('northflank')], stop: () => sim.stop()};
}

function storeOn(sources: readonly SourceSpec[], clock: ManualClock, dir: string): {store: LiveStore; problem: string | null} {
	const opened = openRunCache(dir, sources, clock);
	const store = createStore({sources, clock, random: () => 0.5, clientOptions: {retries: 0}, cache: opened.cache});
	cleanup.push(() => store.stop());
	return {store, problem: opened.problem};
}

const ids = (store: LiveStore) => store.getSnapshot().runs.map((run) => run.id);

describe('the last known runs', () => {
	it('are saved by one store and shown, stale, by the next before its first answer, which lights nothing', async () => {
		const clock = new ManualClock();
		const sim = await simulator(clock);
		const dir = tempDir();
		const first = storeOn(sim.sources, clock, dir).store;
		first.start();
		await first.settled();
		const seen = ids(first);
		expect(seen.length).toBeGreaterThan(0);
		await first.stop();
		const savedAt = clock.now();

		clock.advance(60_000);
		const {store: second, problem} = storeOn(sim.sources, clock, dir);
		expect(problem).toBeNull();
		expect(ids(second)).toEqual(seen);
		for (const source of second.getSnapshot().sources) {
			expect(source.health).toBe('stale');
			expect(source.lastSuccessAt).toBe(savedAt);
		}
		// Dates and nulls come back as they were; a tree keeps its top only (the first answer brings the rest).
		const topOnly = (run: Run): Run => ({...run, children: run.children?.map((node) => ({...node, children: []})) ?? null});
		expect(second.getSnapshot().runs).toEqual(first.getSnapshot().runs.map(topOnly));

		second.start();
		await second.settled();
		for (const source of second.getSnapshot().sources) expect(source.health).toBe('ok');
		// The first answer brings the whole trees back, old concluded runs' too.
		const deep = (run: Run | undefined) => run?.children?.some((node) => node.children.length > 0) ?? false;
		const before = first.getSnapshot().runs.filter(deep);
		expect(before.length).toBeGreaterThan(0);
		for (const run of before) expect(deep(second.getSnapshot().runs.find((item) => item.key === run.key)), run.key).toBe(true);
		expect(second.getSnapshot().highlights.size).toBe(0);
		expect(second.getSnapshot().events).toEqual([]);
	}, 30_000);

	it('stay stale, not in error, when the first poll fails', async () => {
		const clock = new ManualClock();
		const sim = await simulator(clock);
		const dir = tempDir();
		const spec = sim.sources.find((source) => source.provider === 'wercker')!;
		const first = storeOn([spec], clock, dir).store;
		first.start();
		await first.settled();
		await first.stop();

		const {store} = storeOn([{...spec, baseUrl: spec.baseUrl!.replace(/:\d+/, ':1')}], clock, dir);
		expect(ids(store)).toEqual([]);
		const same = storeOn([spec], clock, dir).store;
		await sim.stop();
		same.start();
		await same.settled();
		expect(same.getSnapshot().sources[0]).toMatchObject({health: 'stale'});
		expect(ids(same)).toEqual(ids(first));
	}, 30_000);

	it('ignores a corrupt file, and a file of another version, with one line naming the sources', async () => {
		const clock = new ManualClock();
		const sim = await simulator(clock);
		const dir = tempDir();
		const [a, b, c] = sim.sources;
		mkdirSync(dir, {recursive: true});
		writeFileSync(cacheFile(dir, a!), '{"version":1,"savedAt":');
		writeFileSync(cacheFile(dir, b!), JSON.stringify({version: 99, savedAt: 1, runs: [{anything: true}]}));
		writeFileSync(cacheFile(dir, c!), JSON.stringify({version: 1, savedAt: 1, runs: [{id: 'no other field'}]}));
		const {store, problem} = storeOn(sim.sources, clock, dir);
		expect(problem).toBe(`cached runs ignored: ${a!.name} (corrupt), ${b!.name} (written by another version of citop), ${c!.name} (corrupt)`);
		expect(ids(store)).toEqual([]);
		expect(store.getSnapshot().sources.every((source) => source.health === 'loading')).toBe(true);
		store.start();
		await store.settled();
		expect(store.getSnapshot().sources.every((source) => source.health === 'ok')).toBe(true);
		await store.stop();
		// The good answer took the bad file's place.
		expect(storeOn([a!], clock, dir).problem).toBeNull();
	}, 30_000);

	it('is readable by the user alone: files 0600 in a 0700 directory', async () => {
		const clock = new ManualClock();
		const sim = await simulator(clock);
		const dir = tempDir();
		mkdirSync(dir, {recursive: true, mode: 0o755});
		const store = storeOn(sim.sources, clock, dir).store;
		store.start();
		await store.settled();
		await store.stop();
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		const files = readdirSync(dir);
		expect(files).toHaveLength(sim.sources.length);
		for (const file of files) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
	}, 30_000);

	it('holds no token: not in its name, not where a server echoed one into a run', () => {
		const token = 'sc-cache-T0ken-echoed-9f8e7d';
		addSecret(token);
		const text = cacheText([testRun({id: `run-${token}`, title: `deploy with ${token}`})], 1);
		expect(text).not.toBeNull();
		expect(text).not.toContain(token);
		expect(text).toContain('[token]');
		const spec: SourceSpec = {name: 'a', provider: 'wercker', pipelineId: 'p', token};
		expect(cacheFile('/c', spec)).not.toContain(token);
		expect(cacheFile('/c', spec)).toBe(cacheFile('/c', {...spec, name: 'renamed', token: 'another'}));
		expect(cacheFile('/c', spec)).not.toBe(cacheFile('/c', {...spec, pipelineId: 'q'}));
	});

	it('does not read a file far larger than it would ever write', () => {
		const dir = tempDir();
		const spec: SourceSpec = {name: 'a', provider: 'wercker', pipelineId: 'p', token: null};
		mkdirSync(dir, {recursive: true});
		writeFileSync(cacheFile(dir, spec), ' '.repeat(MAX_CACHE_BYTES + 1));
		expect(readCachedRuns(dir, spec)).toEqual({state: 'ignored', why: 'too large'});
	});

	it('shows a source renamed in the config with its runs, under its new name', () => {
		const dir = tempDir();
		const spec: SourceSpec = {name: 'a', provider: 'wercker', pipelineId: 'p', token: null};
		mkdirSync(dir, {recursive: true});
		writeFileSync(cacheFile(dir, spec), cacheText([testRun({id: 'r1', source: 'a', provider: 'wercker'})], 1)!);
		const read = readCachedRuns(dir, {...spec, name: 'renamed'});
		expect(read.state === 'ok' ? read.cached.runs.map((run) => [run.source, run.key]) : read).toEqual([['renamed', runKey('renamed', 'r1')]]);
	});

	it('keeps each run with the top of its tree only: the first answer brings the rest', () => {
		const tree = [testNode({id: 'build', kind: 'workflow', children: [testNode({id: 'build/test', kind: 'task', children: [testNode({id: 'build/test/unit', kind: 'cube'})]})]})];
		const saved = JSON.parse(cacheText([testRun({id: 'r1', children: tree})], 1)!) as {runs: Run[]};
		expect(saved.runs[0]?.children?.map((node) => [node.id, node.children.length])).toEqual([['build', 0]]);
	});

	it('keeps the newest runs only', () => {
		const runs = Array.from({length: MAX_CACHED_RUNS + 50}, (_, index) => testRun({id: `r${index}`}));
		const saved = JSON.parse(cacheText(runs, 1)!) as {runs: {id: string}[]};
		expect(saved.runs.map((run) => run.id)).toEqual(runs.slice(0, MAX_CACHED_RUNS).map((run) => run.id));
	});

	it('writes a source at most every few seconds, the newest list last', async () => {
		const clock = new ManualClock();
		const written: string[][] = [];
		const saves = new ThrottledSaves(clock, async (_source, runs) => {
			written.push(runs.map((run) => run.id));
		});
		saves.save('a', [testRun({id: '1'})]);
		saves.save('a', [testRun({id: '2'})]);
		saves.save('a', [testRun({id: '3'})]);
		expect(written).toEqual([['1']]);
		clock.advance(SAVE_EVERY_MS - 1);
		expect(written).toEqual([['1']]);
		clock.advance(1);
		expect(written).toEqual([['1'], ['3']]);
		saves.save('a', [testRun({id: '4'})]);
		await saves.flush();
		expect(written).toEqual([['1'], ['3'], ['4']]);
		// A poll that changed nothing hands back the same list: it is not written again.
		const same = [testRun({id: '5'})];
		clock.advance(SAVE_EVERY_MS);
		saves.save('a', same);
		clock.advance(SAVE_EVERY_MS);
		saves.save('a', same);
		await saves.flush();
		expect(written).toEqual([['1'], ['3'], ['4'], ['5']]);
	});

	it('is read whole or not at all: no temp file is left behind', async () => {
		const clock = new ManualClock();
		const sim = await simulator(clock);
		const dir = tempDir();
		const store = storeOn(sim.sources.slice(0, 1), clock, dir).store;
		store.start();
		await store.settled();
		await store.stop();
		const files = readdirSync(dir);
		expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
		expect(JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'))).toMatchObject({version: 1});
	}, 30_000);
});
