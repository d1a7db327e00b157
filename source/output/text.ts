import stringWidth from './string-width.js';

/**
 * Cells are measured in terminal columns, not string length: a CJK character or an emoji takes
 * two columns, a combining mark none. The list, the run tree and the printed tables all cut and
 * pad through these, so a wide character in a branch name cannot push a row past the edge.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Made on first use: building it costs a few milliseconds of the start. */
let segmenter: Intl.Segmenter | null = null;

function graphemes(text: string): Intl.Segments {
	segmenter ??= new Intl.Segmenter();
	return segmenter.segment(text);
}

// Colour codes take no cells; a line that must be cut loses its colour rather than half a code.
const SGR = /\u001b\[[0-9;]*m/g;

/** Display width of text; colour codes count for nothing. */
export function displayWidth(text: string): number {
	return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cut text to at most `width` columns, ending with `ellipsis` when something was cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (PRINTABLE_ASCII.test(text)) {
		if (text.length <= width) return text;
		return width <= ellipsis.length ? text.slice(0, width) : text.slice(0, width - ellipsis.length) + ellipsis;
	}
	if (stringWidth(text) <= width) return text;
	const room = Math.max(0, width - displayWidth(ellipsis));
	let out = '';
	let used = 0;
	for (const {segment} of graphemes(text.replace(SGR, ''))) {
		const cells = stringWidth(segment);
		if (used + cells > room) break;
		out += segment;
		used += cells;
	}
	return room === 0 ? out : out + ellipsis;
}

/** Pad with spaces on the right to `width` columns (wider text stays as it is). */
export function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Break text into rows of at most `width` columns (for log lines); never returns an empty list. */
export function wrapCells(text: string, width: number): string[] {
	if (width <= 0) return [''];
	if (PRINTABLE_ASCII.test(text)) {
		if (text.length <= width) return [text];
		const rows: string[] = [];
		for (let at = 0; at < text.length; at += width) rows.push(text.slice(at, at + width));
		return rows;
	}
	const rows: string[] = [];
	let row = '';
	let used = 0;
	for (const {segment} of graphemes(text)) {
		const cells = stringWidth(segment);
		if (used + cells > width && row !== '') {
			rows.push(row);
			row = '';
			used = 0;
		}
		row += segment;
		used += cells;
	}
	rows.push(row);
	return rows;
}
