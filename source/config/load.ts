import {open, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {addSecret} from '../model/secrets.js';
import {fillConfigFields} from '../model/web-url.js';
import type {SourceSpec} from '../providers/types.js';
import {ConfigError, gettingStartedLines} from './errors.js';
import {formatIssues} from './issues.js';
import {defaultConfigPath, displayPath, locateConfig} from './locate.js';
import type {ConfigLocation, LocateOptions} from './locate.js';
import {defaultSourceName} from './names.js';
import {configSchema} from './schema.js';
import type {ConfigFile, SourceEntry} from './schema.js';
import {resolveToken, runShellCommand} from './tokens.js';
import type {CommandRunner} from './tokens.js';
import {readYaml} from './yaml.js';

export type ColorMode = 'auto' | 'always' | 'never';

export interface LoadedConfig {
	sources: SourceSpec[];
	poll: {fastMs: number; slowMs: number; maxBackoffMs: number};
	highlightMs: number;
	notify: {bell: boolean; osc9: boolean};
	color: ColorMode;
	/** Whether the live view keeps each source's last good list between starts. */
	cache: boolean;
	/** The file it came from, absolute. */
	path: string;
	/** Things to tell the user once on stderr (a token in a file others can read). */
	warnings: string[];
	/** A token comes from a tokenCommand, which may ask on the terminal (a passphrase). */
	tokenCommands: boolean;
}

export interface LoadConfigOptions extends LocateOptions {
	/** Names given with --source: only these are returned (and only their tokens resolved). Empty: all. */
	select?: readonly string[];
	/** For commands about one source: without a selection the config must hold exactly one. */
	single?: boolean;
	runCommand?: CommandRunner;
	tokenCommandTimeoutMs?: number;
	/** Told each warning as soon as it is known, even when loading then fails. */
	onWarning?: (line: string) => void;
}

// A config is a few kilobytes; these keep a wrong or hostile file from exhausting memory.
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_SOURCES = 500;

/** The YAML text validated, defaults filled in; throws ConfigError with one line per problem. */
export function parseConfig(text: string, file: string): ConfigFile {
	const data = readYaml(text, file);
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new ConfigError([`${file}: expected a mapping with "sources:" and optional settings, got ${Array.isArray(data) ? 'a list' : 'a single value'}`]);
	}
	const sources: unknown = (data as {sources?: unknown}).sources;
	if (Array.isArray(sources) && sources.length > MAX_SOURCES) {
		throw new ConfigError([`${file}: sources: ${sources.length} sources, more than the ${MAX_SOURCES} citop watches at once; split them over several configs`]);
	}
	const result = configSchema.safeParse(data, {reportInput: true});
	if (!result.success) throw new ConfigError(formatIssues(file, result.error.issues, data));
	return result.data;
}

function sourceSpec(entry: SourceEntry, name: string, token: string | null): SourceSpec {
	const common = {
		name,
		token,
		...(entry.baseUrl ? {baseUrl: entry.baseUrl.replace(/\/+$/, '')} : {}),
		...(entry.webUrl ? {webUrl: fillConfigFields(entry.webUrl, entry.provider, {...entry, source: name})} : {}),
	};
	switch (entry.provider) {
		case 'sourcecraft':
			return entry.repoId !== undefined
				? {...common, provider: 'sourcecraft', repoId: entry.repoId}
				: {...common, provider: 'sourcecraft', org: entry.org ?? '', repo: entry.repo ?? ''};
		case 'wercker':
			return entry.pipelineId !== undefined
				? {...common, provider: 'wercker', pipelineId: entry.pipelineId}
				: {...common, provider: 'wercker', applicationId: entry.applicationId ?? ''};
		case 'northflank':
			return {
				...common,
				provider: 'northflank',
				projectId: entry.projectId ?? '',
				pipelineId: entry.pipelineId ?? '',
				stage: entry.stage ?? '',
				...(entry.teamId !== undefined ? {teamId: entry.teamId} : {}),
			};
	}
}

/** The file's text, or null when it is larger than MAX_CONFIG_BYTES (read no further: it may be /dev/zero). */
async function readBounded(path: string): Promise<string | null> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
		let length = 0;
		while (length < buffer.length) {
			const {bytesRead} = await handle.read(buffer, length, buffer.length - length);
			if (bytesRead === 0) break;
			length += bytesRead;
		}
		return length > MAX_CONFIG_BYTES ? null : buffer.toString('utf8', 0, length);
	} finally {
		await handle.close();
	}
}

async function readConfigText(location: ConfigLocation, file: string, home: string, env: NodeJS.ProcessEnv): Promise<string> {
	let text: string | null;
	try {
		text = await readBounded(location.path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			if (location.origin === 'flag') throw new ConfigError([`--config ${file}: no such file`]);
			if (location.origin === 'env') throw new ConfigError([`CITOP_CONFIG=${file}: no such file`]);
			throw new ConfigError([`no config at ${file}`, ...gettingStartedLines(displayPath(defaultConfigPath(env, home), home))]);
		}
		if (code === 'EISDIR') throw new ConfigError([`${file}: is a directory; expected a YAML file`]);
		if (code === 'EACCES') throw new ConfigError([`${file}: cannot read it (permission denied)`]);
		throw new ConfigError([`${file}: cannot read it (${code ?? 'error'})`]);
	}
	if (text === null) throw new ConfigError([`${file}: larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; a config is a few kilobytes (is it the right file?)`]);
	return text;
}

async function permissionWarning(path: string, file: string, sources: readonly SourceEntry[]): Promise<string[]> {
	if (process.platform === 'win32' || !sources.some((source) => source.token !== undefined)) return [];
	const {mode} = await stat(path);
	if ((mode & 0o044) === 0) return [];
	return [`${file} is readable by others and holds a token: chmod 600 ${file}`];
}

/** Finds, reads, validates the config and resolves the tokens of the (selected) sources. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
	const env = options.env ?? process.env;
	const home = options.homeDir ?? homedir();
	const location = locateConfig({...options, env, homeDir: home});
	const file = displayPath(location.path, home);
	const config = parseConfig(await readConfigText(location, file, home, env), file);
	if (config.sources.length === 0) {
		throw new ConfigError([`${file}: no sources configured`, ...gettingStartedLines(displayPath(defaultConfigPath(env, home), home))]);
	}

	const warnings = await permissionWarning(location.path, file, config.sources);
	for (const warning of warnings) options.onWarning?.(warning);

	const named = config.sources.map((entry, index) => ({entry, index, name: entry.name ?? defaultSourceName(entry)}));
	const select = options.select ?? [];
	for (const wanted of select) {
		if (!named.some((source) => source.name === wanted)) {
			throw new ConfigError([`no source named "${wanted}" in ${file}; its sources are: ${named.map((source) => source.name).join(', ')}`]);
		}
	}
	if (options.single && select.length === 0 && named.length > 1) {
		throw new ConfigError([`--source is required: ${file} has ${named.length} sources: ${named.map((source) => source.name).join(', ')}`]);
	}
	const chosen = select.length === 0 ? named : named.filter((source) => select.includes(source.name));

	const ctx = {
		file,
		env,
		runCommand: options.runCommand ?? runShellCommand,
		timeoutMs: options.tokenCommandTimeoutMs ?? config.tokenCommandTimeout * 1000,
		commandCache: new Map<string, Promise<string>>(),
	};
	// One at a time: two token commands asking for a passphrase at once would garble the terminal.
	const sources: SourceSpec[] = [];
	const problems: string[] = [];
	for (const source of chosen) {
		try {
			const token = await resolveToken(source.entry, source.name, source.index, ctx);
			// From here on, no text from a server can show it.
			addSecret(token);
			sources.push(sourceSpec(source.entry, source.name, token));
		} catch (error) {
			const message = (error as Error).message;
			if (!problems.includes(message)) problems.push(message);
		}
	}
	if (problems.length > 0) throw new ConfigError(problems);
	return {
		sources,
		poll: {fastMs: config.poll.fast * 1000, slowMs: config.poll.slow * 1000, maxBackoffMs: config.poll.maxBackoff * 1000},
		highlightMs: config.highlight * 1000,
		notify: config.notify,
		color: config.color,
		cache: config.cache,
		path: location.path,
		warnings,
		tokenCommands: chosen.some((source) => source.entry.tokenCommand !== undefined),
	};
}
