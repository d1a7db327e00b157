import type {Clock} from '../../source/model/clock.js';
import type {Store} from '../../source/store/types.js';
import {runTui} from '../../source/ui/index.js';
import {FakeTerminal} from './terminal.js';

export interface SessionOptions {
	columns?: number;
	rows?: number;
	color?: boolean;
	ascii?: boolean;
	clock?: Clock;
}

/** Waits one turn of the event loop (a frame lands a turn after the commit that made it). */
export function turn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/**
 * citop's full screen exactly as `citop` runs it (runTui: alternate screen, the row-diffing
 * writer, raw keys) on a fake terminal that keeps every byte.
 */
export class Session {
	readonly terminal: FakeTerminal;
	readonly exit: Promise<number>;
	private exitCode: number | null = null;

	constructor(store: Store, options: SessionOptions = {}) {
		this.terminal = new FakeTerminal(options.columns ?? 120, options.rows ?? 40);
		this.exit = runTui({
			store,
			color: options.color ?? true,
			ascii: options.ascii ?? false,
			notify: {bell: true, osc9: false},
			...this.terminal.streams,
			...(options.clock ? {clock: options.clock} : {}),
		}).then((code) => {
			this.exitCode = code;
			return code;
		});
	}

	get exited(): boolean {
		return this.exitCode !== null;
	}

	screen(): string {
		return this.terminal.screen();
	}

	/** Waits (real time) until the screen satisfies `check`. */
	async waitForScreen(check: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		while (!check(this.screen())) {
			if (this.exited) throw new Error(`citop's screen ended (exit ${String(this.exitCode)}) waiting for ${what}`);
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${this.screen()}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return this.screen();
	}

	/** Waits until nothing has been written for `quietMs` (the key's frame is out), at most `timeoutMs`. */
	async settle(quietMs = 100, timeoutMs = 3_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const last = this.terminal.stdout.chunks.at(-1)?.at ?? 0;
			if (performance.now() - last >= quietMs || Date.now() > deadline) return;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	/** Types keys, then waits for the screen to settle. */
	async press(keys: string): Promise<string> {
		this.terminal.type(keys);
		await turn();
		await this.settle();
		return this.screen();
	}

	/** Presses q and waits for runTui to end. */
	async quit(): Promise<number> {
		if (!this.exited) this.terminal.type('q');
		return this.exit;
	}
}
