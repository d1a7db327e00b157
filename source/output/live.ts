import {guardTerminal} from './guard.js';
import {truncate} from './text.js';

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * A block of lines redrawn in place at the bottom of a terminal: each frame moves up over the
 * previous one and erases it. Lines are cut to the width so none wraps (wrapping would break the
 * count of lines to move up over).
 */
export class LiveRegion {
	private height = 0;
	private active = false;
	private unguard = () => {};

	constructor(private readonly stream: NodeJS.WriteStream) {}

	render(lines: readonly string[]): void {
		const width = Math.max(10, (this.stream.columns || 80) - 1);
		const up = this.height > 0 ? `\r\u001b[${this.height}A` : '';
		const body = lines.map((line) => `${truncate(line, width)}\u001b[K`).join('\n');
		this.stream.write(`${this.active ? '' : HIDE_CURSOR}${up}\u001b[J${body}\n`);
		// Should citop be killed or run out of memory, the cursor still comes back.
		if (!this.active) this.unguard = guardTerminal(this.stream, SHOW_CURSOR);
		this.active = true;
		this.height = lines.length;
	}

	/** Leaves the last frame on screen and gives the cursor back. */
	close(): void {
		if (!this.active) return;
		this.active = false;
		this.stream.write(SHOW_CURSOR);
		this.unguard();
	}
}
