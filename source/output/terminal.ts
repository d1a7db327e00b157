import type {ColorMode} from '../config/load.js';

export interface ColorChoice {
	/** --no-color was given. */
	noColorFlag: boolean;
	/** The config's color setting; 'auto' without a config. */
	config: ColorMode;
	env: NodeJS.ProcessEnv;
	isTTY: boolean;
}

/**
 * Whether to colour output. Per no-color.org, the flag and the config file outrank
 * NO_COLOR, which outranks FORCE_COLOR; otherwise colour only on a terminal.
 */
export function shouldUseColor({noColorFlag, config, env, isTTY}: ColorChoice): boolean {
	if (noColorFlag || config === 'never') return false;
	if (config === 'always') return true;
	if (env['NO_COLOR']) return false;
	const force = env['FORCE_COLOR'];
	if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
	return canRedraw({isTTY}, env);
}

/** Whether output may be redrawn in place (cursor movement): a terminal, but not TERM=dumb, which cannot move the cursor. */
export function canRedraw(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** ASCII glyphs unless the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as the C library reads them). */
export function prefersAscii(env: NodeJS.ProcessEnv): boolean {
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	return !/utf-?8/i.test(locale);
}
