import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

/** $XDG_CACHE_HOME/citop, else ~/.cache/citop. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	const xdg = env['XDG_CACHE_HOME'];
	// The XDG spec says to ignore a relative XDG_CACHE_HOME.
	const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
	return join(base, 'citop');
}
