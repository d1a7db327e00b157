import stringWidth from 'string-width';
import type {Token} from './tokens.js';
import {tokenize} from './tokens.js';

/**
 * A small virtual terminal: enough of xterm to replay what citop writes (cursor moves, erases,
 * SGR, private modes, autowrap) and to notice what it must never do (set the title, ring the
 * bell, scroll the screen). The bench replays frames through it to price a minimal cell diff;
 * the drills replay captures through it to see the screen a person would see.
 */

export interface Cell {
	/** The grapheme shown; '' for the right half of a wide character. */
	char: string;
	/** Canonical SGR parameters in effect, '' for none. */
	style: string;
}

const BLANK: Cell = Object.freeze({char: ' ', style: ''}) as Cell;
const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});

interface Pen {
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
	strike: boolean;
	fg: string;
	bg: string;
}

const NO_PEN: Pen = {bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false, fg: '', bg: ''};

function styleOf(pen: Pen): string {
	const parts: string[] = [];
	if (pen.bold) parts.push('1');
	if (pen.dim) parts.push('2');
	if (pen.italic) parts.push('3');
	if (pen.underline) parts.push('4');
	if (pen.inverse) parts.push('7');
	if (pen.strike) parts.push('9');
	if (pen.fg) parts.push(pen.fg);
	if (pen.bg) parts.push(pen.bg);
	return parts.join(';');
}

/** Applies one SGR parameter list to the pen. */
function applySgr(pen: Pen, params: string): Pen {
	const next = {...pen};
	const list = params === '' ? [0] : params.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
	for (let i = 0; i < list.length; i++) {
		const n = list[i] ?? 0;
		if (n === 0) Object.assign(next, NO_PEN);
		else if (n === 1) next.bold = true;
		else if (n === 2) next.dim = true;
		else if (n === 3) next.italic = true;
		else if (n === 4) next.underline = true;
		else if (n === 7) next.inverse = true;
		else if (n === 9) next.strike = true;
		else if (n === 22) next.bold = next.dim = false;
		else if (n === 23) next.italic = false;
		else if (n === 24) next.underline = false;
		else if (n === 27) next.inverse = false;
		else if (n === 29) next.strike = false;
		else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) next.fg = String(n);
		else if (n === 39) next.fg = '';
		else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) next.bg = String(n);
		else if (n === 49) next.bg = '';
		else if (n === 38 || n === 48) {
			const mode = list[i + 1];
			const take = mode === 5 ? 2 : mode === 2 ? 4 : 1;
			const value = `${n};${list.slice(i + 1, i + 1 + take).join(';')}`;
			if (n === 38) next.fg = value;
			else next.bg = value;
			i += take;
		}
	}
	return next;
}

function blankRow(columns: number): Cell[] {
	return Array.from({length: columns}, () => BLANK);
}

export class VirtualTerminal {
	private grid: Cell[][];
	private saved: Cell[][] | null = null;
	private x = 0;
	private y = 0;
	private pen: Pen = NO_PEN;
	private autowrap = true;
	private pendingWrap = false;
	private rest = '';
	/** The window title, as the last OSC 0/2 set it; null when never set. */
	title: string | null = null;
	bells = 0;
	/** Times the screen scrolled up because something was written past the last row. */
	scrolls = 0;
	readonly notifications: string[] = [];
	readonly clipboard: string[] = [];
	/** Sequences this terminal does not model, as written. */
	readonly ignored: string[] = [];

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		this.grid = Array.from({length: rows}, () => blankRow(columns));
	}

	write(data: string): void {
		const {tokens, rest} = tokenize(this.rest + data);
		this.rest = rest;
		for (const token of tokens) this.apply(token);
	}

	/** The screen's rows as text, trailing blanks kept (each row is `columns` cells wide). */
	lines(): string[] {
		return this.grid.map((row) => row.map((cell) => cell.char).join(''));
	}

	/** The screen's rows as text without trailing blanks. */
	text(): string {
		return this.lines()
			.map((line) => line.trimEnd())
			.join('\n');
	}

	/** A copy of every cell. */
	cells(): Cell[][] {
		return this.grid.map((row) => row.slice());
	}

	private apply(token: Token): void {
		switch (token.type) {
			case 'text':
				this.print(token.text);
				return;
			case 'c0':
				this.control(token.code);
				return;
			case 'csi':
				this.csi(token.params, token.intermediates, token.final, token.raw);
				return;
			case 'osc':
				this.osc(token.body);
				return;
			default:
				this.ignored.push(token.raw);
		}
	}

	private print(text: string): void {
		for (const {segment} of segmenter.segment(text)) {
			const width = stringWidth(segment);
			if (width === 0) {
				const before = this.grid[this.y]?.[Math.max(0, this.x - 1)];
				if (before && this.x > 0) this.set(this.y, this.x - 1, {char: before.char + segment, style: before.style});
				continue;
			}
			if (this.pendingWrap) {
				this.pendingWrap = false;
				this.x = 0;
				this.lineFeed();
			}
			if (this.x + width > this.columns) {
				if (this.autowrap) {
					this.x = 0;
					this.lineFeed();
				} else {
					this.x = Math.max(0, this.columns - width);
				}
			}
			const style = styleOf(this.pen);
			this.set(this.y, this.x, {char: segment, style});
			if (width === 2) this.set(this.y, this.x + 1, {char: '', style});
			this.x += width;
			if (this.x >= this.columns) {
				if (this.autowrap) {
					this.pendingWrap = true;
					this.x = this.columns - 1;
				} else {
					this.x = this.columns - 1;
				}
			}
		}
	}

	private set(y: number, x: number, cell: Cell): void {
		const row = this.grid[y];
		if (row && x >= 0 && x < this.columns) row[x] = cell;
	}

	private lineFeed(): void {
		if (this.y + 1 < this.rows) {
			this.y++;
			return;
		}
		this.grid.shift();
		this.grid.push(blankRow(this.columns));
		this.scrolls++;
	}

	private control(code: number): void {
		this.pendingWrap = false;
		if (code === 0x07) this.bells++;
		else if (code === 0x08) this.x = Math.max(0, this.x - 1);
		else if (code === 0x09) this.x = Math.min(this.columns - 1, (Math.floor(this.x / 8) + 1) * 8);
		else if (code === 0x0a || code === 0x0b || code === 0x0c) this.lineFeed();
		else if (code === 0x0d) this.x = 0;
		else this.ignored.push(String.fromCharCode(code));
	}

	private erase(y: number, from: number, to: number): void {
		const row = this.grid[y];
		if (!row) return;
		for (let x = Math.max(0, from); x < Math.min(this.columns, to); x++) row[x] = BLANK;
	}

	private csi(params: string, intermediates: string, final: string, raw: string): void {
		this.pendingWrap = false;
		const numbers = params.replace(/^\?/, '').split(';').map((part) => (part === '' ? 0 : Number(part)));
		const first = numbers[0] ?? 0;
		const count = Math.max(1, first);
		if (intermediates !== '') {
			this.ignored.push(raw);
			return;
		}
		if (params.startsWith('?') && (final === 'h' || final === 'l')) {
			this.mode(numbers, final === 'h', raw);
			return;
		}
		switch (final) {
			case 'H':
			case 'f':
				this.y = Math.min(this.rows - 1, Math.max(1, first) - 1);
				this.x = Math.min(this.columns - 1, Math.max(1, numbers[1] ?? 1) - 1);
				return;
			case 'A':
				this.y = Math.max(0, this.y - count);
				return;
			case 'B':
				this.y = Math.min(this.rows - 1, this.y + count);
				return;
			case 'C':
				this.x = Math.min(this.columns - 1, this.x + count);
				return;
			case 'D':
				this.x = Math.max(0, this.x - count);
				return;
			case 'G':
				this.x = Math.min(this.columns - 1, count - 1);
				return;
			case 'd':
				this.y = Math.min(this.rows - 1, count - 1);
				return;
			case 'J':
				if (first === 2 || first === 3) for (let y = 0; y < this.rows; y++) this.erase(y, 0, this.columns);
				else if (first === 1) {
					for (let y = 0; y < this.y; y++) this.erase(y, 0, this.columns);
					this.erase(this.y, 0, this.x + 1);
				} else {
					this.erase(this.y, this.x, this.columns);
					for (let y = this.y + 1; y < this.rows; y++) this.erase(y, 0, this.columns);
				}
				return;
			case 'K':
				if (first === 2) this.erase(this.y, 0, this.columns);
				else if (first === 1) this.erase(this.y, 0, this.x + 1);
				else this.erase(this.y, this.x, this.columns);
				return;
			case 'm':
				this.pen = applySgr(this.pen, params);
				return;
			default:
				this.ignored.push(raw);
		}
	}

	private mode(numbers: readonly number[], on: boolean, raw: string): void {
		for (const number of numbers) {
			if (number === 7) this.autowrap = on;
			else if (number === 1049) {
				if (on) {
					this.saved = this.grid;
					this.grid = Array.from({length: this.rows}, () => blankRow(this.columns));
				} else if (this.saved) {
					this.grid = this.saved;
					this.saved = null;
				}
			} else if (number !== 25 && number !== 2026) this.ignored.push(raw);
		}
	}

	private osc(body: string): void {
		const cut = body.indexOf(';');
		const command = cut < 0 ? body : body.slice(0, cut);
		const value = cut < 0 ? '' : body.slice(cut + 1);
		if (command === '0' || command === '2') this.title = value;
		else if (command === '9') this.notifications.push(value);
		else if (command === '52') this.clipboard.push(value);
		else this.ignored.push(body);
	}
}
