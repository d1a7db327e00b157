import {spawn} from 'node:child_process';
import type {ProviderName} from '../model/run.js';
import type {SourceEntry} from './schema.js';

/** The variables each provider's own tools read, in the order citop tries them. */
export const CONVENTIONAL_TOKEN_VARIABLES: Record<ProviderName, readonly string[]> = {
	sourcecraft: ['SOURCECRAFT_TOKEN', 'SOURCECRAFT_API_TOKEN'],
	wercker: ['WERCKER_TOKEN'],
	northflank: ['NORTHFLANK_API_TOKEN', 'NF_API_TOKEN'],
};

export interface CommandResult {
	/** Exit code, or null when a signal or the timeout stopped it. */
	code: number | null;
	stdout: string;
	/** Why it did not run or finish, in a few words; never its output. */
	failure: string | null;
}

export type CommandRunner = (command: string, env: NodeJS.ProcessEnv, timeoutMs: number) => Promise<CommandResult>;

// What it printed may still be on its way when it exits; what it left running may hold stdout open for long.
const OUTPUT_GRACE_MS = 100;

/**
 * Runs a token command through the shell. Its stderr and stdin stay the user's, so a
 * password prompt (gpg, pass) works and its own complaints are seen; stdout is the token.
 * It runs in a process group of its own: a timeout, Ctrl-C or citop's exit ends all it started.
 */
export const runShellCommand: CommandRunner = (command, env, timeoutMs) =>
	new Promise((resolve) => {
		const child = spawn(command, {shell: true, env, stdio: ['inherit', 'pipe', 'inherit'], detached: true});
		const chunks: Buffer[] = [];
		const signalGroup = (signal: NodeJS.Signals) => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, signal);
			} catch {
				child.kill(signal);
			}
		};
		// Ctrl-C reaches citop's process group only: pass it on, as the terminal would have.
		const forwardInterrupt = () => signalGroup('SIGINT');
		const killOnExit = () => signalGroup('SIGKILL');
		process.on('SIGINT', forwardInterrupt);
		process.on('exit', killOnExit);
		let settled = false;
		const finish = (result: CommandResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			process.off('SIGINT', forwardInterrupt);
			process.off('exit', killOnExit);
			child.stdout.destroy();
			resolve(result);
		};
		const timer = setTimeout(() => {
			signalGroup('SIGKILL');
			finish({code: null, stdout: '', failure: `it did not finish within ${Number((timeoutMs / 1000).toFixed(1))} s (tokenCommandTimeout)`});
		}, timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.on('error', (error: NodeJS.ErrnoException) => {
			finish({code: null, stdout: '', failure: `it could not be started (${error.code ?? 'error'})`});
		});
		child.on('exit', (code, signal) => {
			const done = () => finish({code, stdout: Buffer.concat(chunks).toString('utf8'), failure: signal ? `it was stopped by ${signal}` : null});
			if (child.stdout.readableEnded) return done();
			const grace = setTimeout(done, OUTPUT_GRACE_MS);
			child.stdout.once('end', () => {
				clearTimeout(grace);
				done();
			});
		});
	});

export interface TokenContext {
	/** The config file as shown in messages. */
	file: string;
	env: NodeJS.ProcessEnv;
	runCommand: CommandRunner;
	timeoutMs: number;
	/** Each distinct command runs once, however many sources share it. */
	commandCache: Map<string, Promise<string>>;
}

async function tokenFromCommand(command: string, where: string, ctx: TokenContext): Promise<string> {
	const result = await ctx.runCommand(command, ctx.env, ctx.timeoutMs);
	// Its output is never quoted back: it may be the token, or part of it.
	if (result.failure) throw new Error(`${where}: the command failed: ${result.failure}`);
	if (result.code !== 0) {
		throw new Error(`${where}: the command failed (exit ${String(result.code)}); its output is not shown, as it may hold the token`);
	}
	const token = result.stdout.trim();
	if (token === '') throw new Error(`${where}: the command printed nothing; it must print the token on stdout`);
	if (/[\r\n]/.test(token)) {
		throw new Error(`${where}: the command printed more than one line; make it print only the token (e.g. add "| head -n 1")`);
	}
	return headerSafe(token, where, 'the command');
}

// What an HTTP header value can carry as it is: printable ASCII, spaces and tabs.
const HEADER_SAFE = /^[\t\x20-\x7e]*$/;

/** The token, checked once whatever its route: a control character or non-ASCII would fail every request as if the network had. */
function headerSafe(token: string, where: string, from: string): string {
	if (HEADER_SAFE.test(token)) return token;
	throw new Error(`${where}: the token from ${from} has characters a header cannot carry (a line break, a control character or non-ASCII); check how it was copied`);
}

/**
 * A source's token, first found wins: tokenCommand, tokenEnv, token, then the provider's
 * conventional variables. Null only for Wercker (public pipelines need none).
 * Throws an Error whose message is one line naming the source and what to do.
 */
export async function resolveToken(entry: SourceEntry, name: string, index: number, ctx: TokenContext): Promise<string | null> {
	const at = `${ctx.file}: sources[${index}]`;
	if (entry.tokenCommand !== undefined) {
		const command = entry.tokenCommand;
		let pending = ctx.commandCache.get(command);
		if (!pending) {
			pending = tokenFromCommand(command, `${at}.tokenCommand (${name})`, ctx);
			ctx.commandCache.set(command, pending);
		}
		return pending;
	}
	if (entry.tokenEnv !== undefined) {
		const where = `${at}.tokenEnv (${name})`;
		const value = ctx.env[entry.tokenEnv]?.trim();
		if (!value) throw new Error(`${where}: ${entry.tokenEnv} is not set; export ${entry.tokenEnv}=…, or remove tokenEnv to use another route`);
		return headerSafe(value, where, entry.tokenEnv);
	}
	if (entry.token !== undefined) return headerSafe(entry.token, `${at}.token (${name})`, 'the config');
	const variables = CONVENTIONAL_TOKEN_VARIABLES[entry.provider];
	for (const variable of variables) {
		const value = ctx.env[variable]?.trim();
		if (value) return headerSafe(value, `${at} (${name})`, variable);
	}
	if (entry.provider === 'wercker') return null;
	throw new Error(`${at} (${name}): no token for ${entry.provider}: set ${variables.join(' or ')}, or give the source tokenCommand, tokenEnv or token`);
}
