import type {Options} from 'string-width';
// The package itself, by path: the build points every `string-width` import (Ink's too) at this file.
import measure from '../../node_modules/string-width/index.js';

const LIMIT = 20_000;
const widths = new Map<string, number>();

/**
 * string-width, remembered. A full-screen frame measures the same few thousand strings again on
 * every render (Ink measures each text node and each output line), and measuring a line with
 * glyphs segments it into graphemes with Unicode regexes: the single biggest cost of a frame.
 */
export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined || typeof text !== 'string') return measure(text, options);
	let width = widths.get(text);
	if (width === undefined) {
		width = measure(text);
		if (widths.size >= LIMIT) widths.clear();
		widths.set(text, width);
	}
	return width;
}
