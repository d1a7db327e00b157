import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {PROVIDERS} from '../model/run.js';
import type {Capabilities} from '../providers/types.js';
import {writeAtomically} from './atomic-write.js';

/**
 * What the live view needs to draw its first frame for a config, kept beside the cached runs so
 * the next start can draw it before reading the config: the sources in order and their cache
 * files. It holds for the config file as it was (same size, times, inode and mode); any change to
 * the file, and the next start reads the config first, as always.
 */
export interface StartEntry {
	config: ConfigStamp;
	/** The config's `color` setting. */
	color: 'auto' | 'always' | 'never';
	sources: StartSource[];
}

export interface StartSource {
	name: string;
	provider: (typeof PROVIDERS)[number];
	capabilities: Capabilities;
	/** Its cache file. */
	file: string;
}

/** Which version of the config file an entry was made from. */
export interface ConfigStamp {
	size: number;
	mtimeMs: number;
	/** Changes with every write and cannot be set back, as the modification time can (cp -p, touch -r). */
	ctimeMs: number;
	ino: number;
	mode: number;
}

const START_VERSION = 1;
/** Configs remembered: a few are enough (a user has one or two), and the file stays small. */
const MAX_CONFIGS = 8;

function startPath(dir: string): string {
	return join(dir, 'start.json');
}

export function stampOf(path: string): ConfigStamp | null {
	try {
		const {size, mtimeMs, ctimeMs, ino, mode} = statSync(path);
		return {size, mtimeMs, ctimeMs, ino, mode};
	} catch {
		return null;
	}
}

function sameStamp(a: ConfigStamp, b: ConfigStamp): boolean {
	return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.mode === b.mode;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntries(dir: string): Record<string, unknown> {
	try {
		const data: unknown = JSON.parse(readFileSync(startPath(dir), 'utf8'));
		return isRecord(data) && data['version'] === START_VERSION && isRecord(data['configs']) ? data['configs'] : {};
	} catch {
		return {};
	}
}

const isSource = (value: unknown): value is StartSource =>
	isRecord(value) && typeof value['name'] === 'string' && PROVIDERS.includes(value['provider'] as StartSource['provider']) && isRecord(value['capabilities']) && typeof value['file'] === 'string';

/** The entry for the config at `path`, if the file is as it was when the entry was made. */
export function readStartEntry(dir: string, path: string): StartEntry | null {
	const entry = readEntries(dir)[path];
	const stamp = stampOf(path);
	if (!isRecord(entry) || stamp === null || !isRecord(entry['config'])) return null;
	const {config, color, sources} = entry;
	if (!sameStamp(config as unknown as ConfigStamp, stamp)) return null;
	if (color !== 'auto' && color !== 'always' && color !== 'never') return null;
	if (!Array.isArray(sources) || !sources.every(isSource)) return null;
	return {config: stamp, color, sources};
}

/** Keeps the entry for the config at `path` (null forgets it); the newest few configs are kept. */
export function saveStartEntry(dir: string, path: string, entry: StartEntry | null): void {
	const {[path]: _old, ...others} = readEntries(dir);
	const kept = Object.entries(others).slice(-(MAX_CONFIGS - 1));
	const configs = Object.fromEntries(entry === null ? kept : [...kept, [path, entry]]);
	writeAtomically(startPath(dir), dir, JSON.stringify({version: START_VERSION, configs}));
}
