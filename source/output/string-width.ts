import type {Options} from 'string-width';
import measure from 'string-width';
import {LruCache} from './lru.js';

/** Per generation of the cache: a few screens of distinct cells and row texts, what a redraw measures again. */
const REMEMBERED = 1_000;
const widths = new LruCache<string, number>(REMEMBERED);

/**
 * string-width, remembered for the strings a frame measures again (the same glyphs and column
 * texts every redraw); measuring a line with glyphs segments it into graphemes with Unicode
 * regexes, the biggest cost of fitting text to columns.
 */
export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined || typeof text !== 'string') return measure(text, options);
	let width = widths.get(text);
	if (width === undefined) {
		width = measure(text);
		widths.set(text, width);
	}
	return width;
}
