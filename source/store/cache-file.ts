import {createHash} from 'node:crypto';
import {join} from 'node:path';
import type {Clock} from '../model/clock.js';
import type {Run} from '../model/run.js';
import {redactSecrets} from '../model/secrets.js';
import {DEFAULT_BASE_URLS} from '../providers/types.js';
import type {SourceSpec} from '../providers/types.js';
import {writeAtomically} from './atomic-write.js';
export {cacheDir} from './cache-dir.js';
import type {CacheRead} from './cache-read.js';
import {MAX_CACHE_BYTES, readCacheAt} from './cache-read.js';
import {ThrottledSaves} from './cache.js';
import type {CachedRuns, RunCache} from './cache.js';
import {CACHE_VERSION} from './cache-check.js';

/** Runs kept per source: about what the list shows with its deeper pages. */
export const MAX_CACHED_RUNS = 200;

/** The file of a source: named by where its runs come from (provider, server, location), never by its token. */
export function cacheFile(dir: string, spec: SourceSpec): string {
	const {name: _name, token: _token, webUrl: _webUrl, baseUrl, ...location} = spec;
	const where = Object.entries(location).sort(([a], [b]) => a.localeCompare(b));
	const hash = createHash('sha256')
		.update(JSON.stringify([spec.provider, baseUrl ?? DEFAULT_BASE_URLS[spec.provider], where]))
		.digest('hex');
	return join(dir, `${spec.provider}-${hash.slice(0, 32)}.json`);
}

/** Every text of the value with every known token hidden: a server may echo one into a run. */
function redactDeep<T>(value: T): T {
	if (typeof value === 'string') return redactSecrets(value) as T;
	if (Array.isArray(value)) return value.map(redactDeep) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
	}
	return value;
}

/**
 * A run as the cache keeps it: with the top of its tree (the workflows, which also say which
 * runs are alike) and nothing under it. The cache is read before the first frame, and what the
 * first answer brings a moment later replaces it: deep trees would only slow the start (on
 * SourceCraft they are nine tenths of the file).
 */
function shallow(run: Run): Run {
	return run.children === null ? run : {...run, children: run.children.map((node) => ({...node, children: []}))};
}

/** The file's text, bounded: the newest runs, their trees dropped when the whole would still be too large. */
export function cacheText(runs: readonly Run[], savedAt: number): string | null {
	const kept = runs.slice(0, MAX_CACHED_RUNS).map((run) => redactDeep(shallow(run)));
	const full = JSON.stringify({version: CACHE_VERSION, savedAt, runs: kept});
	if (full.length <= MAX_CACHE_BYTES) return full;
	const bare = JSON.stringify({version: CACHE_VERSION, savedAt, runs: kept.map((run) => ({...run, children: null}))});
	return bare.length <= MAX_CACHE_BYTES ? bare : null;
}

/** A source's cached runs, renamed to the source's current name; a bad file is ignored, saying why. */
export function readCachedRuns(dir: string, spec: SourceSpec): CacheRead {
	return readCacheAt(cacheFile(dir, spec), spec.name);
}

export interface OpenedCache {
	cache: RunCache;
	/** One line about the cache files that were ignored, or null when none was. */
	problem: string | null;
	/** Each source's cache file, by source name. */
	files: ReadonlyMap<string, string>;
}

/** Reads every source's cached runs now, and writes each source's good answers to its file. */
export function openRunCache(dir: string, specs: readonly SourceSpec[], clock: Clock): OpenedCache {
	const seeds = new Map<string, CachedRuns>();
	const ignored: string[] = [];
	const files = new Map(specs.map((spec) => [spec.name, cacheFile(dir, spec)]));
	for (const spec of specs) {
		const read = readCachedRuns(dir, spec);
		if (read.state === 'ok') seeds.set(spec.name, read.cached);
		if (read.state === 'ignored') ignored.push(`${spec.name} (${read.why})`);
	}
	const saves = new ThrottledSaves(clock, async (source, runs, savedAt) => {
		const path = files.get(source);
		const text = cacheText(runs, savedAt);
		if (path !== undefined && text !== null) writeAtomically(path, dir, text);
	});
	return {
		cache: {seed: (source) => seeds.get(source) ?? null, save: (source, runs) => saves.save(source, runs), flush: () => saves.flush()},
		problem: ignored.length === 0 ? null : `cached runs ignored: ${ignored.join(', ')}`,
		files,
	};
}
