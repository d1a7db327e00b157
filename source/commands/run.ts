import {setMaxListeners} from 'node:events';
import {isConfigError} from '../config/errors.js';
import {isProviderError} from '../model/errors.js';
import type {CommandContext, GlobalFlags} from './context.js';
import {CliError, EXIT, exitCodeForKind} from './exit.js';
import {Reporter, formatProviderError} from './report.js';
import {leaveStartScreen} from '../ui/terminal/start-handoff.js';

// A cleanup that hangs must not keep an interrupted citop alive.
const CLEANUP_LIMIT_MS = 2_000;

export interface RunOptions {
	/** SIGINT stops the command with 130 (runs, watch, trigger); the TUI handles its own keys. */
	interruptible: boolean;
}

/** Prints what went wrong as lines a person can act on; a stack only with --debug. */
export function reportFailure(error: unknown, reporter: Reporter): number {
	if (error instanceof CliError) {
		for (const line of error.lines) reporter.error(line);
		return error.exitCode;
	}
	if (isConfigError(error)) {
		for (const line of error.lines) reporter.error(line);
		return error.exitCode;
	}
	if (isProviderError(error)) {
		reporter.error(formatProviderError(error));
		reporter.debug('provider error', error);
		return exitCodeForKind(error.kind);
	}
	const message = error instanceof Error ? error.message : String(error);
	reporter.error(`internal error: ${message.split('\n')[0] ?? ''}${reporter.debugEnabled ? '' : ' (run with --debug for details)'}`);
	reporter.debug('internal error', error instanceof Error ? error : new Error(message));
	return EXIT.runFailed;
}

// A terminal that hung up never confirms a write.
const FLUSH_LIMIT_MS = 500;

/**
 * Resolves once what was written to `stream` has been handed to the OS, or after FLUSH_LIMIT_MS.
 * Writes to a terminal are synchronous: nothing is left to wait for (and a hung-up one never answers).
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
	if (stream.isTTY) return Promise.resolve();
	return new Promise<void>((resolve) => {
		setTimeout(resolve, FLUSH_LIMIT_MS).unref();
		stream.write('', () => resolve());
	});
}

async function exitWith(code: number): Promise<never> {
	// Wait until what was written has been handed to the OS, so a pipe gets every line.
	await flushed(process.stdout);
	await flushed(process.stderr);
	if (code === EXIT.hangup) hangUp();
	process.exit(code);
}

/**
 * Ends citop the way a hung-up terminal ends a program: by SIGHUP itself. Node 20's own exit
 * restores the terminal's settings, and on a terminal that has gone that fails (EIO) an internal
 * check: Node aborts, and the kernel spends a second or more on the dump of a crash.
 */
function hangUp(): void {
	process.removeAllListeners('SIGHUP');
	process.kill(process.pid, 'SIGHUP');
}

/** Runs one command to its exit code: errors reported, SIGINT → 130, output flushed, then exit. */
export async function runCommand(flags: GlobalFlags, options: RunOptions, body: (ctx: CommandContext) => Promise<number>): Promise<never> {
	const reporter = new Reporter(process.stderr, flags.debug);
	const controller = new AbortController();
	// Every request in flight listens for the interrupt: a run looked for in every source asks many at once.
	setMaxListeners(0, controller.signal);
	const cleanups: (() => unknown)[] = [];
	const ctx: CommandContext = {
		flags,
		reporter,
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		signal: controller.signal,
		onInterrupt: (cleanup) => cleanups.push(cleanup),
	};
	// `citop runs | head` closes the pipe early: that is the reader's choice, not an error.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(EXIT.ok);
	});
	const interrupt: {exiting: Promise<never> | null} = {exiting: null};
	if (options.interruptible) {
		// A bug in a callback must not print a stack at the user either. (The live view has its own.)
		const crash = (error: unknown) => void exitWith(reportFailure(error, reporter));
		process.on('uncaughtException', crash);
		process.on('unhandledRejection', crash);
		process.on('SIGINT', () => {
			// A second Ctrl-C does not wait for the cleanups.
			if (interrupt.exiting) process.exit(EXIT.interrupted);
			controller.abort();
			const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
			interrupt.exiting = Promise.race([Promise.allSettled(cleanups.map(async (cleanup) => cleanup())), limit]).then(() => exitWith(EXIT.interrupted));
		});
	}
	let code: number;
	try {
		code = await body(ctx);
	} catch (error) {
		// The live view's start frame may be up: what went wrong is said on the shell's screen.
		leaveStartScreen();
		code = controller.signal.aborted ? EXIT.interrupted : reportFailure(error, reporter);
	}
	// Interrupted: the cleanups decide when to exit.
	if (interrupt.exiting) return interrupt.exiting;
	return exitWith(code);
}
