import {render} from 'ink';
import type {Instance} from 'ink';
import type {Clock} from '../model/clock.js';
import {systemClock} from '../model/clock.js';
import {sanitizeLine} from '../model/sanitize.js';
import type {Store, StoreSnapshot} from '../store/types.js';
import {App} from './app.js';
import {startingStore} from './state/starting-store.js';

export {cachedSnapshot, startingSources} from './state/starting-store.js';
import type {Notify} from './hooks/actions.js';
import {terminalOut} from './terminal/clipboard.js';
import {guardTerminal} from '../output/guard.js';
import {InkOutput} from './terminal/screen.js';
import {ENTER_SCREEN, LEAVE_SCREEN} from './terminal/sequences.js';
import {takeStartScreen} from './terminal/start-handoff.js';

export type {AppProps} from './app.js';
export {App} from './app.js';

export interface TuiOptions {
	/**
	 * A promise draws the first frame at once, empty, and the runs when it resolves (the caller
	 * loads the HTTP clients meanwhile); a rejection ends the screen like an uncaught error.
	 */
	store: Store | Promise<Store>;
	/** What the first frame shows while a promised store loads (the cached runs); nothing without it. */
	starting?: StoreSnapshot;
	color: boolean;
	ascii?: boolean;
	notify: Notify;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	clock?: Clock;
	/** What citop warned of on stderr before the screen came up (a config readable by others): the footer keeps it in view. */
	warnings?: readonly string[];
}

/** Exit codes for the signals that end the screen: 128 + the signal's number, as shells report them. */
// SIGINT from outside (`kill -INT`; the Ctrl+C key arrives as a key in raw mode) counts too.
const SIGNALS = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130, SIGQUIT: 131} as const;

/** An error that says the terminal has gone (its pane was closed, the SSH link dropped). */
function isHangUp(error: unknown): boolean {
	return (error as {code?: unknown} | null)?.code === 'EIO';
}

function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return sanitizeLine(text, 300) || 'unexpected error';
}

/**
 * The live view, full screen. Resolves with the exit code when it ends: 0 when the user quits
 * (q, Ctrl+C), 143/129/130/131 on SIGTERM/SIGHUP/SIGINT/SIGQUIT, 1 on an uncaught error (then one line on stderr).
 * Every way out leaves the alternate screen, shows the cursor and turns raw mode off.
 * Starting and stopping the store is the caller's job.
 */
export function runTui(options: TuiOptions): Promise<number> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	// The start frame is on screen already when citop drew it before loading (see start-screen.ts).
	const early = stdout === process.stdout ? takeStartScreen() : null;
	const output = new InkOutput(stdout, early?.writer);
	if (early && (early.columns !== output.columns || early.rows !== output.rows)) output.writer.invalidate();
	const terminal = terminalOut((data) => {
		stdout.write(data);
	});
	return new Promise<number>((resolve) => {
		let finished = false;
		let instance: Instance | null = null;
		// The start frame's guard goes on guarding the live view drawn over it.
		let unguard = early?.unguard ?? (() => {});
		const onExit = () => {
			// Last resort when something calls process.exit while the screen is up.
			if (finished) return;
			stdout.write(LEAVE_SCREEN);
			unguard();
		};
		const finish = (code: number, error?: unknown) => {
			if (finished) return;
			finished = true;
			// Our signal handlers stay until this turn is over: Ink's signal-exit runs after us on the same
			// signal, and re-raises it (killing the process) if it finds no other handler left.
			setImmediate(() => {
				for (const [signal, handler] of handlers) process.off(signal, handler);
			});
			process.off('uncaughtException', onCrash);
			process.off('unhandledRejection', onCrash);
			process.off('exit', onExit);
			stdin.off('end', onHangUp);
			stdin.off('error', onStreamError);
			stdout.off('error', onStreamError);
			try {
				instance?.unmount();
			} catch {
				// The screen is being left either way.
			}
			output.dispose();
			try {
				if (stdin.isTTY) stdin.setRawMode(false);
			} catch {
				// A closed terminal has no mode to restore.
			}
			stdout.write(LEAVE_SCREEN);
			unguard();
			if (error !== undefined) process.stderr.write(`citop: ${oneLine(error)}\n`);
			resolve(code);
		};
		// A hang-up may show first as a failed write: it ends the screen as SIGHUP does, with nothing to say.
		const onCrash = (error: unknown) => (isHangUp(error) ? finish(SIGNALS.SIGHUP) : finish(1, error));
		// The terminal can go without a SIGHUP reaching citop (a parent that ignores it, a dropped link):
		// the end of its input, or a failed read or write, ends the screen the same way.
		const onHangUp = () => finish(SIGNALS.SIGHUP);
		const onStreamError = (error: unknown) => {
			if (isHangUp(error)) onHangUp();
		};
		const handlers = Object.entries(SIGNALS).map(([signal, code]) => [signal as NodeJS.Signals, () => finish(code)] as const);
		for (const [signal, handler] of handlers) process.on(signal, handler);
		process.on('uncaughtException', onCrash);
		process.on('unhandledRejection', onCrash);
		process.on('exit', onExit);
		stdin.on('end', onHangUp);
		stdin.on('error', onStreamError);
		stdout.on('error', onStreamError);
		if (!early) stdout.write(ENTER_SCREEN);
		const clock = options.clock ?? systemClock;
		const app = (store: Store) => (
			<App
				store={store}
				color={options.color}
				ascii={options.ascii ?? false}
				notify={options.notify}
				clock={clock}
				terminal={terminal}
				warnings={options.warnings}
				onQuit={() => finish(0)}
			/>
		);
		const store = options.store;
		try {
			instance = render(
				app(store instanceof Promise ? startingStore(clock, options.starting) : store),
				{
					stdout: output as unknown as NodeJS.WriteStream,
					stdin,
					stderr: process.stderr,
					// Debug mode hands every whole frame to the ScreenWriter, which writes only the rows
					// that changed (see terminal/screen.ts); it also keeps Ink drawing when CI is set.
					debug: true,
					incrementalRendering: true,
					exitOnCtrlC: false,
					patchConsole: false,
				},
			);
		} catch (error) {
			finish(1, error);
			return;
		}
		// Ink rendered the first frame synchronously: out with it now, before the effects and
		// whatever else is queued get their turn.
		output.writer.flush();
		// Should citop be killed or run out of memory, the terminal still gets its screen back.
		if (!finished && !early) unguard = guardTerminal(stdout, LEAVE_SCREEN);
		if (store instanceof Promise) {
			store.then(
				(ready) => {
					if (!finished) instance?.rerender(app(ready));
				},
				(error: unknown) => finish(1, error),
			);
		}
		instance.waitUntilExit().then(
			() => finish(0),
			onCrash,
		);
	});
}
