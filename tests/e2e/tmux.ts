import {execFileSync} from 'node:child_process';

let sessions = 0;

/**
 * One tmux server of our own (its own socket) running one command in a pane of a given size.
 * Every wait polls the pane's text against a deadline; nothing sleeps for a fixed time.
 */
export class TmuxPane {
	readonly socket = `citop-e2e-${process.pid}-${++sessions}`;
	private readonly target = 'e2e:0.0';

	constructor(
		command: string,
		size: {columns: number; rows: number},
		private readonly env: NodeJS.ProcessEnv,
	) {
		this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(size.columns), '-y', String(size.rows), command);
		// The pane follows the window's size when the test resizes it.
		this.tmux('set-option', '-g', 'window-size', 'manual');
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {env: this.env, encoding: 'utf8'});
	}

	/** The screen as text, one string per row (styles dropped). */
	screen(): string[] {
		return this.tmux('capture-pane', '-p', '-t', this.target).replace(/\n$/, '').split('\n');
	}

	/** The screen with its styles (to find the inverse cursor row). */
	styled(): string[] {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.target).replace(/\n$/, '').split('\n');
	}

	/** A tmux format for the pane: `#{alternate_on}`, `#{cursor_flag}`, `#{pane_width}`. */
	show(format: string): string {
		return this.tmux('display-message', '-p', '-t', this.target, format).trim();
	}

	/** Keys by tmux name ("Enter", "Escape", "Tab", "C-c") or literal text with `literal`. */
	send(keys: string | string[], literal = false): void {
		const list = Array.isArray(keys) ? keys : [keys];
		this.tmux('send-keys', '-t', this.target, ...(literal ? ['-l'] : []), ...list);
	}

	/** Closes the pane as a user closing it would: the terminal hangs up on its program. */
	close(): void {
		this.tmux('kill-pane', '-t', this.target);
	}

	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
	}

	/** Polls until `check` holds for the screen; fails with the last screen after `timeoutMs`. */
	async waitFor(check: (screen: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<string[]> {
		const deadline = Date.now() + timeoutMs;
		let screen = this.screen();
		while (!check(screen)) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen.join('\n')}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
			screen = this.screen();
		}
		return screen;
	}

	/** Polls until the pane shows `text` anywhere. */
	async waitForText(text: string | RegExp, timeoutMs?: number): Promise<string[]> {
		const has = (screen: string[]) => screen.some((line) => (typeof text === 'string' ? line.includes(text) : text.test(line)));
		return this.waitFor(has, `"${String(text)}"`, timeoutMs);
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}
	}
}
