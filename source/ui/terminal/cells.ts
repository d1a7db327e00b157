import stringWidth from '../../output/string-width.js';

/** One terminal cell: its text ('' for the second half of a wide character) and its SGR style. */
export interface Cell {
	char: string;
	/** SGR parameters in a fixed order ('1;7;31'); '' is the default style. */
	style: string;
}

const BLANK: Cell = {char: ' ', style: ''};
const SGR = /^\u001b\[([\d;]*)m/;
const OTHER_ESCAPE = /^\u001b(?:\[[\d;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|.)/;
const PRINTABLE_ASCII = /^[\u0020-\u007e]$/;

/** The attributes an SGR sequence can set, each with the codes that turn it off. */
const FLAGS: Record<string, string> = {1: '22', 2: '22', 3: '23', 4: '24', 5: '25', 7: '27', 8: '28', 9: '29'};

interface Pen {
	flags: Set<string>;
	fg: string;
	bg: string;
}

function styleOf(pen: Pen): string {
	return [...[...pen.flags].sort(), pen.fg, pen.bg].filter((part) => part !== '').join(';');
}

/** Applies one SGR sequence's parameters (colours by number, 256 and true colour). */
function applySgr(pen: Pen, params: string): void {
	const codes = params === '' ? ['0'] : params.split(';');
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i] ?? '0';
		const n = Number(code);
		if (n === 0) {
			pen.flags.clear();
			pen.fg = '';
			pen.bg = '';
		} else if (FLAGS[code] !== undefined) pen.flags.add(code);
		else if (n === 22) {
			pen.flags.delete('1');
			pen.flags.delete('2');
		} else if (n >= 23 && n <= 29) pen.flags.delete(String(n - 20));
		else if (n === 38 || n === 48) {
			const size = codes[i + 1] === '5' ? 2 : 4;
			const colour = codes.slice(i, i + 1 + size).join(';');
			if (n === 38) pen.fg = colour;
			else pen.bg = colour;
			i += size;
		} else if (n === 39) pen.fg = '';
		else if (n === 49) pen.bg = '';
		else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) pen.fg = code;
		else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) pen.bg = code;
	}
}

/**
 * Walks a styled line: each character (a code point) with its display width and the SGR style in
 * force (parameters in a fixed order, '' for the default). Escapes other than SGR take no cell and
 * are dropped; a width of 0 is a combining mark or joiner that belongs to the character before it.
 * Stops when `visit` returns false.
 */
export function scanStyled(line: string, visit: (char: string, width: number, style: string) => boolean): void {
	const pen: Pen = {flags: new Set(), fg: '', bg: ''};
	let style = '';
	let index = 0;
	while (index < line.length) {
		if (line[index] === '\u001b') {
			const rest = line.slice(index, index + 64);
			const sgr = SGR.exec(rest);
			if (sgr) {
				applySgr(pen, sgr[1] ?? '');
				style = styleOf(pen);
				index += sgr[0].length;
			} else index += OTHER_ESCAPE.exec(rest)?.[0].length ?? 1;
			continue;
		}
		const code = line.codePointAt(index) ?? 32;
		const char = String.fromCodePoint(code);
		index += char.length;
		const width = PRINTABLE_ASCII.test(char) ? 1 : stringWidth(char);
		if (!visit(char, width, style)) return;
	}
}

/** A styled row as `columns` cells; escapes other than SGR take no cell and are dropped. */
export function rowCells(line: string, columns: number): Cell[] {
	const cells: Cell[] = [];
	scanStyled(line, (char, width, style) => {
		const last = cells.at(-1);
		if (width === 0) {
			if (last) last.char += char;
			return true;
		}
		cells.push({char, style});
		if (width === 2) cells.push({char: '', style});
		return cells.length < columns;
	});
	while (cells.length < columns) cells.push(BLANK);
	return cells.slice(0, columns);
}

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
	return a?.char === b?.char && a?.style === b?.style;
}

function sgrFor(style: string): string {
	return style === '' ? '\u001b[0m' : `\u001b[0;${style}m`;
}

function move(row: number, column: number): string {
	return `\u001b[${row + 1};${column + 1}H`;
}

/** The writer's pen between spans: what the terminal's current style is. */
export interface PenState {
	style: string;
}

function span(cells: readonly Cell[], from: number, to: number, pen: PenState): string {
	let out = '';
	for (let x = from; x < to; x++) {
		const cell = cells[x];
		if (!cell || cell.char === '') continue;
		if (cell.style !== pen.style) {
			out += sgrFor(cell.style);
			pen.style = cell.style;
		}
		out += cell.char;
	}
	return out;
}

/**
 * What turns row `before` into row `after` on screen (0-based `row`): each run of changed cells
 * as a cursor move and its text, two runs joined when the cells between cost no more than a move.
 * A run never starts or ends inside a wide character.
 */
export function rowUpdate(row: number, before: readonly Cell[], after: readonly Cell[], pen: PenState): string {
	const runs: [number, number][] = [];
	let start = -1;
	for (let x = 0; x <= after.length; x++) {
		const changed = x < after.length && !sameCell(before[x], after[x]);
		if (changed && start < 0) start = x;
		if (!changed && start >= 0) {
			runs.push([start, x]);
			start = -1;
		}
	}
	let out = '';
	for (let index = 0; index < runs.length; index++) {
		let [from, to] = runs[index]!;
		while (index + 1 < runs.length) {
			const [nextFrom, nextTo] = runs[index + 1]!;
			if (span(after, to, nextFrom, {style: pen.style}).length > move(row, nextFrom).length) break;
			to = nextTo;
			index++;
		}
		while (from > 0 && after[from]?.char === '') from--;
		if (after[to]?.char === '') to++;
		out += move(row, from) + span(after, from, to, pen);
	}
	return out;
}
