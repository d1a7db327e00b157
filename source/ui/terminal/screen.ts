import {EventEmitter} from 'node:events';
import stringWidth from '../../output/string-width.js';
import type {Cell} from './cells.js';
import {rowCells, rowUpdate} from './cells.js';

const SYNC_BEGIN = '\u001b[?2026h';
const SYNC_END = '\u001b[?2026l';
const CURSOR_TOGGLE = /^\u001b\[\?25[hl]$/;

export interface Terminal {
	write(data: string): unknown;
	readonly columns?: number;
	readonly rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/**
 * Puts Ink's frames on the alternate screen, writing only the rows that changed, each at its
 * absolute position.
 *
 * Why not Ink's own incremental renderer: in Ink 6.8 it moves the cursor up one row too few
 * after a frame that ends with a newline (every frame shorter than the terminal), so each
 * changed row lands one row low; it also trusts the cursor to be where it left it, which a
 * tmux resize breaks. Ink renders here in debug mode, which hands over every whole frame
 * (and ignores the CI variable), and this writer diffs the frames row by row and, within a row
 * that changed, cell by cell: a turning spinner costs its one cell, not its row. A resize repaints
 * the whole screen once. Rows never end in a newline, so the screen never scrolls.
 */
export class ScreenWriter {
	private shown: string[] = [];
	/** The cells of shown rows, parsed when a row is first diffed. */
	private cells: (Cell[] | undefined)[] = [];
	private repaint = true;
	private pending: string | null = null;
	private scheduled = false;
	private closed = false;

	constructor(private readonly terminal: Terminal) {}

	/**
	 * A complete frame from Ink; written two turns of the event loop later (many commits, one write).
	 * The second turn lets React's effects for the commit run first (they are queued on the turn
	 * after it), so whatever a frame shows already listens: keys typed into a dialog the moment it
	 * appears reach its input.
	 */
	frame(text: string): void {
		if (this.closed) return;
		this.pending = text;
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() =>
			setImmediate(() => {
				this.scheduled = false;
				this.flush();
			}),
		);
	}

	/** The next frame repaints every row (after a resize the old rows are wherever the terminal put them). */
	invalidate(): void {
		this.repaint = true;
	}

	/** Writes the pending frame now. */
	flush(): void {
		if (this.closed || this.pending === null) return;
		const rows = this.terminal.rows ?? 24;
		const columns = this.terminal.columns ?? 80;
		const next = this.pending.split('\n').slice(0, rows);
		this.pending = null;
		let out = this.repaint ? '\u001b[H\u001b[2J' : '';
		const cells: (Cell[] | undefined)[] = [];
		const pen = {style: ''};
		const count = Math.max(next.length, this.shown.length);
		for (let index = 0; index < count; index++) {
			const line = next[index];
			if (!this.repaint && line === this.shown[index]) {
				cells[index] = this.cells[index];
				continue;
			}
			if (line !== undefined && !this.repaint && this.shown[index] !== undefined) {
				const before = this.cells[index] ?? rowCells(this.shown[index] ?? '', columns);
				const after = rowCells(line, columns);
				cells[index] = after;
				out += rowUpdate(index, before, after, pen);
				continue;
			}
			if (pen.style !== '') out += '\u001b[0m';
			pen.style = '';
			out += `\u001b[${index + 1};1H`;
			if (line === undefined) {
				out += '\u001b[2K';
				continue;
			}
			// Close any style the row left open, so the erase does not paint the rest of the row.
			const reset = line.includes('\u001b') ? '\u001b[0m' : '';
			// With autowrap off the cursor rests on the last cell of a full row, where an erase would eat it.
			out += line + reset + (stringWidth(line) >= columns ? '' : '\u001b[K');
		}
		if (pen.style !== '') out += '\u001b[0m';
		this.repaint = false;
		this.shown = next;
		this.cells = cells;
		if (out !== '') this.terminal.write(SYNC_BEGIN + out + SYNC_END);
	}

	/** No more frames (the screen is being left). */
	close(): void {
		this.closed = true;
		this.pending = null;
	}
}

/**
 * The stream Ink renders into: it has the terminal's size and resize events, and hands each
 * frame to a ScreenWriter. Ink's own cursor toggles are dropped; runTui owns the cursor.
 */
export class InkOutput extends EventEmitter {
	readonly isTTY = true;
	private readonly onResize = () => {
		this.writer.invalidate();
		this.emit('resize');
	};

	constructor(
		private readonly terminal: Terminal,
		readonly writer: ScreenWriter = new ScreenWriter(terminal),
	) {
		super();
		terminal.on('resize', this.onResize);
	}

	get columns(): number {
		return this.terminal.columns ?? 80;
	}

	get rows(): number {
		return this.terminal.rows ?? 24;
	}

	write(chunk: string | Uint8Array): boolean {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		if (!CURSOR_TOGGLE.test(text)) this.writer.frame(text);
		return true;
	}

	dispose(): void {
		this.terminal.off('resize', this.onResize);
		this.writer.close();
	}
}
