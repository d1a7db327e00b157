import type {Status} from '../../model/status.js';
import {statusGlyph} from '../../output/glyphs.js';

/** Every non-letter the screen draws, in Unicode and in the ASCII fallback for non-UTF-8 locales. */
export interface Symbols {
	/** Frames of the one shared spinner shown for running runs and nodes. */
	spinner: readonly string[];
	/** Marks a row that just changed (the row is lit as well). */
	changed: string;
	/** Marks a watched run. */
	watched: string;
	/** Marks a row whose source cannot be read now: what it shows is as of the last good answer. */
	stale: string;
	open: string;
	closed: string;
	ellipsis: string;
	/** A value that is not known. */
	missing: string;
	/** The horizontal rule above the footer. */
	rule: string;
	dot: string;
	/** The dash before the advice in an error line ("— check the network and baseUrl"). */
	dash: string;
	arrow: string;
	/** Prefix of an error line in the run tree. */
	error: string;
	up: string;
	down: string;
	left: string;
	right: string;
	enter: string;
	times: string;
}

export const UNICODE_SYMBOLS: Symbols = {
	spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
	changed: '»',
	watched: '●',
	stale: '≈',
	open: '▾',
	closed: '▸',
	ellipsis: '…',
	missing: '–',
	rule: '─',
	dot: '·',
	dash: '—',
	arrow: '→',
	error: '!',
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	enter: '⏎',
	times: '×',
};

export const ASCII_SYMBOLS: Symbols = {
	spinner: ['*'],
	changed: '!',
	watched: '@',
	stale: '~',
	open: 'v',
	closed: '>',
	ellipsis: '~',
	missing: '-',
	rule: '-',
	dot: '|',
	dash: '-',
	arrow: '->',
	error: '!',
	up: 'up',
	down: 'dn',
	left: 'left',
	right: 'right',
	enter: 'enter',
	times: 'x',
};

export function symbolsFor(ascii: boolean): Symbols {
	return ascii ? ASCII_SYMBOLS : UNICODE_SYMBOLS;
}

/** The glyph beside a status word; running ones turn with the shared spinner frame (still when `frame` is null: stale data). */
export function glyphFor(status: Status, ascii: boolean, frame: number | null): string {
	if (status !== 'running' || frame === null) return statusGlyph(status, ascii);
	const {spinner} = symbolsFor(ascii);
	return spinner[frame % spinner.length] ?? statusGlyph(status, ascii);
}
