import {homedir} from 'node:os';
import {isAbsolute, join, resolve, sep} from 'node:path';

export interface LocateOptions {
	/** The --config flag. */
	flag?: string;
	env?: NodeJS.ProcessEnv;
	homeDir?: string;
	cwd?: string;
}

/** Where the config was looked for, and why there: errors say which route pointed at a missing file. */
export interface ConfigLocation {
	path: string;
	origin: 'flag' | 'env' | 'default';
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	const xdg = env['XDG_CONFIG_HOME'];
	// The XDG spec says to ignore a relative XDG_CONFIG_HOME.
	const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
	return join(base, 'citop', 'config.yaml');
}

/** --config PATH, else $CITOP_CONFIG, else $XDG_CONFIG_HOME/citop/config.yaml (~/.config by default). */
export function locateConfig(options: LocateOptions = {}): ConfigLocation {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	if (options.flag) return {path: resolve(cwd, options.flag), origin: 'flag'};
	const fromEnv = env['CITOP_CONFIG'];
	if (fromEnv) return {path: resolve(cwd, fromEnv), origin: 'env'};
	return {path: defaultConfigPath(env, options.homeDir ?? homedir()), origin: 'default'};
}

/** A path as a person would type it: the home directory as ~. */
export function displayPath(path: string, home: string = homedir()): string {
	if (home && home !== sep && (path === home || path.startsWith(home + sep))) return '~' + path.slice(home.length);
	return path;
}
