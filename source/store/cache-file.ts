import {createHash, randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';
import type {Clock} from '../model/clock.js';
import {runKey} from '../model/run.js';
import type {Run} from '../model/run.js';
import {redactSecrets} from '../model/secrets.js';
import {DEFAULT_BASE_URLS} from '../providers/types.js';
import type {SourceSpec} from '../providers/types.js';
import {ThrottledSaves} from './cache.js';
import type {CachedRuns, RunCache} from './cache.js';
import {CACHE_VERSION, cacheFileSchema, otherVersion} from './cache-schema.js';

/** Runs kept per source: about what the list shows with its deeper pages. */
export const MAX_CACHED_RUNS = 200;
/** A file larger than this is not read (and not written: the runs' trees are dropped first). */
export const MAX_CACHE_BYTES = 2 * 1024 * 1024;

/** $XDG_CACHE_HOME/citop, else ~/.cache/citop. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	const xdg = env['XDG_CACHE_HOME'];
	// The XDG spec says to ignore a relative XDG_CACHE_HOME.
	const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
	return join(base, 'citop');
}

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

/** Writes the file whole or not at all: a reader never sees half of it. */
function writeAtomically(path: string, dir: string, text: string): void {
	mkdirSync(dir, {recursive: true, mode: 0o700});
	// mkdir keeps the mode of a directory that exists: the runs are the user's alone.
	chmodSync(dir, 0o700);
	const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		writeFileSync(temp, text, {mode: 0o600, flag: 'wx'});
		renameSync(temp, path);
	} catch (error) {
		rmSync(temp, {force: true});
		throw error;
	}
}

export type CacheRead = {state: 'none'} | {state: 'ok'; cached: CachedRuns} | {state: 'ignored'; why: string};

/** A source's cached runs, renamed to the source's current name; a bad file is ignored, saying why. */
export function readCachedRuns(dir: string, spec: SourceSpec): CacheRead {
	let text: string;
	try {
		const path = cacheFile(dir, spec);
		// Looked at before it is read: a file that is far too large is not worth the memory.
		if (statSync(path).size > MAX_CACHE_BYTES) return {state: 'ignored', why: 'too large'};
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {state: 'none'};
		return {state: 'ignored', why: code === 'EACCES' ? 'cannot read it: permission denied' : `cannot read it: ${code ?? 'error'}`};
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return {state: 'ignored', why: 'corrupt'};
	}
	if (otherVersion(data)) return {state: 'ignored', why: 'written by another version of citop'};
	const parsed = cacheFileSchema.safeParse(data);
	if (!parsed.success) return {state: 'ignored', why: 'corrupt'};
	const runs = parsed.data.runs.map((run) => ({...run, source: spec.name, key: runKey(spec.name, run.id)}));
	return {state: 'ok', cached: {savedAt: parsed.data.savedAt, runs}};
}

export interface OpenedCache {
	cache: RunCache;
	/** One line about the cache files that were ignored, or null when none was. */
	problem: string | null;
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
	};
}
