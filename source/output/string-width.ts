import {stripVTControlCharacters} from 'node:util';
import type {Options} from 'string-width';
import {LruCache} from './lru.js';

/** Per generation of the cache: a few screens of distinct cells and row texts, what a redraw measures again. */
const REMEMBERED = 1_000;
const widths = new LruCache<string, number>(REMEMBERED);
const charWidths = new LruCache<string, number>(REMEMBERED);

/**
 * Code points that take one cell alone and beside any other (no combining marks, joiners, emoji
 * or East Asian wide forms among them): Latin, Greek and Cyrillic letters, punctuation, arrows,
 * maths, technical symbols, box drawing, blocks, shapes, check marks and braille, which is every
 * glyph citop draws. Checked code point by code point against string-width in the tests.
 */
const ONE_CELL: readonly (readonly [number, number])[] = [
	[0x00a0, 0x00ac],
	[0x00ae, 0x02ff],
	[0x0370, 0x0482],
	[0x048a, 0x052f],
	[0x2010, 0x2027],
	[0x202f, 0x205e],
	[0x2070, 0x20bf],
	[0x2100, 0x214f],
	[0x2190, 0x2319],
	[0x231c, 0x2328],
	[0x232b, 0x23e8],
	[0x23ed, 0x23ef],
	[0x23f1, 0x23f2],
	[0x23f4, 0x23ff],
	[0x2500, 0x25fc],
	[0x25ff, 0x25ff],
	[0x2713, 0x2717],
	[0x2800, 0x28ff],
];

function oneCell(code: number): boolean {
	for (const [from, to] of ONE_CELL) {
		if (code < from) return false;
		if (code <= to) return true;
	}
	return false;
}

/** Where the control sequence (ESC [ … final byte) starting at `start` ends, or -1 if it is no whole one. */
function sequenceEnd(text: string, start: number): number {
	let index = start + 2;
	while (index < text.length && text.charCodeAt(index) >= 0x20 && text.charCodeAt(index) <= 0x3f) index++;
	const final = text.charCodeAt(index);
	return final >= 0x40 && final <= 0x7e ? index : -1;
}

/**
 * The width of text made only of printable ASCII, control sequences (colours: no cells) and
 * one-cell code points; -1 for any other text, which string-width measures.
 */
export function simpleWidth(text: string): number {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code < 0x7f) width++;
		else if (code === 0x1b && text.charCodeAt(index + 1) === 0x5b) {
			const end = sequenceEnd(text, index);
			if (end === -1) return -1;
			index = end;
		} else if (oneCell(code)) width++;
		else return -1;
	}
	return width;
}

type Measure = (text: string, options?: Options) => number;
let measure: Measure | null = null;

/**
 * string-width, loaded the first time a text needs it: building its Unicode patterns costs more
 * than drawing a whole start frame, and most screens never need them. (A require, which the bundle
 * makes a lazy, synchronous load; an import would load it with everything else on start.)
 */
function fullWidth(text: string, options?: Options): number {
	measure ??= (require('string-width') as {default: Measure}).default;
	return measure(text, options);
}

// Hangul vowels and final consonants written as separate jamo: a terminal draws them inside the
// syllable their leading consonant began, in no cell of their own; string-width gives each one.
const JAMO_INSIDE_SYLLABLE = /^[\u1160-\u11ff\ud7b0-\ud7ff]$/;

function charWidth(char: string): number {
	let width = charWidths.get(char);
	if (width === undefined) {
		width = simpleWidth(char);
		if (width === -1) width = JAMO_INSIDE_SYLLABLE.test(char) ? 0 : fullWidth(char);
		charWidths.set(char, width);
	}
	return width;
}

/**
 * Cells as terminals count them, character by character (wcwidth), not grapheme by grapheme as
 * string-width does: a Hindi conjunct or Thai's sara am is one grapheme but takes a cell for each
 * of its letters, and the screen writer puts each character in its own cells too.
 */
function terminalWidth(text: string): number {
	const plain = text.includes('\u001b') || text.includes('\u009b') ? stripVTControlCharacters(text) : text;
	let width = 0;
	for (const char of plain) width += charWidth(char);
	return width;
}

/**
 * Terminal cells taken by text, counted a character at a time (see terminalWidth), remembered for
 * the strings a frame measures again (the same glyphs and column texts every redraw), and worked
 * out without string-width for the text most frames hold (see simpleWidth).
 */
export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined || typeof text !== 'string') return fullWidth(text, options);
	let width = widths.get(text);
	if (width === undefined) {
		width = simpleWidth(text);
		if (width === -1) width = terminalWidth(text);
		widths.set(text, width);
	}
	return width;
}
