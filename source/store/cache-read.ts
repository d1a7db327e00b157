import {readFileSync, statSync} from 'node:fs';
import {runKey} from '../model/run.js';
import type {CachedRuns} from './cache.js';
import {cacheFileOf, otherVersion} from './cache-check.js';

/** A file larger than this is not read (and not written: the runs' trees are dropped first). */
export const MAX_CACHE_BYTES = 2 * 1024 * 1024;

export type CacheRead = {state: 'none'} | {state: 'ok'; cached: CachedRuns} | {state: 'ignored'; why: string};

/** The cached runs in the file at `path`, as the source named `name`'s; a bad file is ignored, saying why. */
export function readCacheAt(path: string, name: string): CacheRead {
	let text: string;
	try {
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
	const file = cacheFileOf(data);
	if (file === null) return {state: 'ignored', why: 'corrupt'};
	// Kept as parsed unless the source was renamed: a spread copy would hold most fields out of the
	// object, and a cached run the first answer leaves unchanged stays in the list all session.
	const runs = file.runs.map((run) => {
		const key = runKey(name, run.id);
		return run.source === name && run.key === key ? run : {...run, source: name, key};
	});
	return {state: 'ok', cached: {savedAt: file.savedAt, runs}};
}
