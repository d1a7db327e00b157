import {createServer} from 'node:net';
import {parse, stringify} from 'yaml';
import type {ProviderName} from '../../source/model/run.js';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {SimulatorHandle} from '../../source/sim/index.js';

/**
 * A user's own tokens for the token search: given to citop only through the environment and a
 * token command, never written in a config, so any trace of them in citop's output or files is a leak.
 */
export const USER_TOKENS: Record<ProviderName, string> = {
	sourcecraft: 'sc-user-7Q4mZ2vK9xR1tB6nHs0P',
	wercker: 'wk-user-3Jp8Lc5Yh0Wd2Ae7Mv4C',
	northflank: 'nf-user-9Ts4Gq1Nk6Ub3Xf8Ry2D',
};
/** A token the server refuses: it must not be echoed either. */
export const REFUSED_TOKEN = 'sc-user-0Wr0ngT0kenR3fused9K';

export const SOURCECRAFT_ENV = 'CITOP_DRILL_SOURCECRAFT';

/** What would betray a token: the token itself, its random part alone, its base64 (an OSC 52 copy). */
export function needles(tokens: readonly string[]): string[] {
	return tokens.flatMap((token) => [token, token.replace(/^[a-z]+-user-/, ''), Buffer.from(token).toString('base64').slice(0, 24)]);
}

export const ALL_NEEDLES = needles([...Object.values(USER_TOKENS), REFUSED_TOKEN]);

/** The needles found in `text` (empty when it is clean). */
export function leaks(text: string | Buffer): string[] {
	const haystack = typeof text === 'string' ? text : text.toString('latin1');
	return ALL_NEEDLES.filter((needle) => haystack.includes(needle));
}

export interface ConfigOptions {
	/** Replaces every base URL's origin (an address nobody listens on). */
	origin?: string;
	/** The Wercker token command, e.g. `cat "…/wercker.token"`. */
	werckerCommand: string;
}

/**
 * A config for three sources of the simulator, one per provider, each token by another route:
 * SourceCraft by tokenEnv, Wercker by tokenCommand, Northflank by its conventional variable.
 * Short polls, so watch and the live view move in seconds.
 */
export function userConfigYaml(sim: Pick<SimulatorHandle, 'sources'>, options: ConfigOptions): string {
	const all = (parse(simulatorConfigYaml(sim)) as {sources: Array<Record<string, string>>}).sources;
	const pick = (name: string): Record<string, string> => {
		const found = all.find((entry) => entry['name'] === name);
		if (!found) throw new Error(`the simulator has no source ${name}`);
		const {token: _token, ...entry} = found;
		if (options.origin && entry['baseUrl']) entry['baseUrl'] = options.origin + new URL(entry['baseUrl']).pathname;
		return entry;
	};
	const sources = [
		{...pick('acme/api'), tokenEnv: SOURCECRAFT_ENV},
		{...pick('build'), tokenCommand: options.werckerCommand},
		pick('shop-release'),
	];
	return stringify({sources, poll: {fast: 0.3, slow: 1, maxBackoff: 1}});
}

/** The environment that carries the user's tokens (`sourcecraft` overridable, for the refused one). */
export function tokenEnv(sourcecraft = USER_TOKENS.sourcecraft): NodeJS.ProcessEnv {
	return {[SOURCECRAFT_ENV]: sourcecraft, NORTHFLANK_API_TOKEN: USER_TOKENS.northflank};
}

/** An origin on loopback where nothing listens (a port just bound and released). */
export async function deadOrigin(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 9;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
