import {act} from 'react';
import {render} from 'ink-testing-library';
import type {ManualClock} from '../../source/model/clock.js';
import {App} from '../../source/ui/app.js';
import {terminalOut} from '../../source/ui/terminal/clipboard.js';
import type {Notify} from '../../source/ui/hooks/actions.js';
import type {FakeStore} from './fake-store.js';

export const KEY = {
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	pageUp: '\u001b[5~',
	pageDown: '\u001b[6~',
	home: '\u001b[H',
	end: '\u001b[F',
	enter: '\r',
	escape: '\u001b',
	tab: '\t',
	shiftTab: '\u001b[Z',
	ctrlC: '\u0003',
} as const;

const SGR = /\u001b\[[0-9;]*m/g;

/** The frame as a person reads it: styles removed. */
export function plain(frame: string): string {
	return frame.replace(SGR, '');
}

/** The summary line under the header: it names runs too ("longest #1290"), but is no row of the list. */
export function isSummaryLine(line: string): boolean {
	return /^\d+ running · \d+ queued/.test(plain(line));
}

/** The screen row holding `text`, styles kept (to see which row is lit or inverse); never the summary line. */
export function rowWith(frame: string, text: string): string {
	return frame.split('\n').find((line) => !isSummaryLine(line) && plain(line).includes(text)) ?? '';
}

export const INVERSE = '\u001b[7m';

export interface RenderOptions {
	columns?: number;
	rows?: number;
	color?: boolean;
	ascii?: boolean;
	notify?: Notify;
	/** The environment the terminal is told by: TMUX, and PATH for the tmux citop asks. */
	env?: NodeJS.ProcessEnv;
	/** Read the size from the fake stdout (and its resize events) instead of pinning it. */
	terminalSize?: boolean;
}

export type Harness = Awaited<ReturnType<typeof renderApp>>;

// Keys, snapshots and clock ticks go through act(): frames and effects are settled after each.
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const WAIT_MS = 3000;

/** Apps rendered and not unmounted yet: unmountApps() ends them after each test. */
const mounted = new Set<() => Promise<void>>();

/** Unmounts every app a test rendered; use as `afterEach(unmountApps)`. */
export async function unmountApps(): Promise<void> {
	for (const unmount of [...mounted]) await unmount();
}

/**
 * Renders the App on a fake store and a manual clock, at a fixed size (the fake stdout has no
 * rows), and waits until it listens to keys. Writes that bypass Ink land in `writes`.
 */
export async function renderApp(store: FakeStore, clock: ManualClock, options: RenderOptions = {}) {
	const writes: string[] = [];
	let quits = 0;
	const size = {columns: options.columns ?? 100, rows: options.rows ?? 30};
	const element = (more: {columns: number; rows: number} | undefined) => (
		<App
			store={store}
			clock={clock}
			color={options.color ?? false}
			ascii={options.ascii ?? false}
			notify={options.notify ?? {bell: true, osc9: true}}
			size={more}
			terminal={terminalOut((data) => writes.push(data), options.env ?? {})}
			onQuit={() => {
				quits++;
			}}
		/>
	);
	let instance: ReturnType<typeof render> | undefined;
	await act(async () => {
		instance = render(element(options.terminalSize ? undefined : size));
	});
	const ink = instance!;
	const frame = () => ink.lastFrame() ?? '';

	/**
	 * Waits, a turn of the event loop at a time, until the frame satisfies `predicate`. Each turn
	 * runs inside act(), so work that lands later (a promise from the store) renders there too.
	 */
	const waitFor = async (predicate: (frame: string) => boolean, what = 'the expected frame'): Promise<string> => {
		const deadline = Date.now() + WAIT_MS;
		while (!predicate(frame())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${plain(frame())}`);
			await act(async () => {
				await new Promise((resolve) => setImmediate(resolve));
			});
		}
		return frame();
	};

	/** Waits until `check` holds (for effects that follow a frame, like calls to the store). */
	const eventually = async (check: () => boolean, what: string): Promise<void> => {
		await waitFor(() => check(), what);
	};

	/** Waits for `until` if given: a frame test, or text the frame must show (styles aside). */
	const settle = async (until: string | ((frame: string) => boolean) | undefined, after: string): Promise<string> => {
		if (until === undefined) return frame();
		const predicate = typeof until === 'string' ? (shown: string) => plain(shown).includes(until) : until;
		return waitFor(predicate, typeof until === 'string' ? `"${until}" after ${after}` : `a frame after ${after}`);
	};

	/**
	 * Types keys inside act(), so the frame and every effect after it (an input that subscribes
	 * when a dialog opens) are done before the next key; then waits for `until` if given.
	 */
	const press = async (keys: string, until?: string | ((frame: string) => boolean)): Promise<string> => {
		await act(async () => {
			ink.stdin.write(keys);
		});
		return settle(until, JSON.stringify(keys));
	};

	/**
	 * Keys that come faster than a frame, as a slow link or tmux send-keys delivers them: each chunk
	 * is its own read from the terminal, all of them before React renders again.
	 */
	const burst = async (chunks: readonly string[], until?: string | ((frame: string) => boolean)): Promise<string> => {
		await act(async () => {
			for (const chunk of chunks) ink.stdin.write(chunk);
		});
		return settle(until, `a burst of ${chunks.length} keys`);
	};

	const unmount = async (): Promise<void> => {
		mounted.delete(unmount);
		await act(async () => ink.unmount());
	};
	mounted.add(unmount);

	return {
		store,
		clock,
		writes,
		frame,
		text: () => plain(frame()),
		waitFor,
		eventually,
		press,
		burst,
		/** A new snapshot from the store, as a poll would bring. */
		push: (patch: Parameters<FakeStore['push']>[0]) => act(async () => store.push(patch)),
		/** Moves the shared clock (ticks, highlights fading). */
		advance: (ms: number) => act(async () => clock.advance(ms)),
		act: (work: () => void) => act(async () => work()),
		quits: () => quits,
		resize: (next: {columns: number; rows: number}) => act(async () => ink.rerender(element(next))),
		unmount,
		stdin: ink.stdin,
		stdout: ink.stdout,
	};
}

/** The plain text of the row under the cursor (the inverse one). */
export function selectedRow(frame: string): string {
	return plain(frame.split('\n').find((line) => line.includes(INVERSE)) ?? '');
}
