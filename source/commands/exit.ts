import type {ErrorKind} from '../model/errors.js';

/** What citop's exit code means; scripts rely on these. */
export const EXIT = {
	ok: 0,
	/** The watched run failed, was canceled or timed out; also an internal error. */
	runFailed: 1,
	usage: 2,
	/** The provider could not be reached, refused the token, or rate-limited beyond retries. */
	provider: 3,
	interrupted: 130,
	/** The terminal hung up (SIGHUP): 128 + 1, as shells report it. */
	hangup: 129,
} as const;

/** An error the user can act on: printed as is (one line each, no stack), then exit with its code. */
export class CliError extends Error {
	readonly lines: readonly string[];

	constructor(
		lines: string | readonly string[],
		readonly exitCode: number = EXIT.usage,
	) {
		const all = typeof lines === 'string' ? [lines] : lines;
		super(all.join('\n'));
		this.name = 'CliError';
		this.lines = all;
	}
}

/** A wrong run id or a request the provider found invalid is the user's to fix (2); the rest is the provider's (3). */
export function exitCodeForKind(kind: ErrorKind): number {
	switch (kind) {
		case 'not_found':
		case 'invalid_request':
		case 'unsupported':
			return EXIT.usage;
		case 'canceled':
			return EXIT.interrupted;
		default:
			return EXIT.provider;
	}
}

/** Said at once, before any config or network, when the live view has no terminal to draw on. */
export const NEEDS_TERMINAL =
	'the live view needs a terminal (stdin and stdout); in scripts use "citop runs" (one listing, --json for jq) or "citop watch RUN --source NAME --exit-status"';

/** TERM=dumb cannot move the cursor or hold a full screen: the commands that print lines still work there. */
export const DUMB_TERMINAL =
	'the live view needs a terminal that can draw a full screen, and TERM=dumb cannot; use "citop runs" for one listing or "citop watch RUN --source NAME" to follow a run';

/** Why the live view cannot start on these streams, or null when it can. */
export function liveViewRefusal(stdin: {isTTY?: boolean}, stdout: {isTTY?: boolean}, env: NodeJS.ProcessEnv): string | null {
	if (stdin.isTTY !== true || stdout.isTTY !== true) return NEEDS_TERMINAL;
	return env['TERM'] === 'dumb' ? DUMB_TERMINAL : null;
}
