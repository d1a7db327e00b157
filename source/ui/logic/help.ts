import {STATUSES} from '../../model/status.js';
import {estimateText, progressLabel} from '../../output/glyphs.js';
import {displayWidth, pad, truncate, wrapCells} from '../../output/text.js';
import type {View} from './keys.js';
import {helpLines, typedModeLines} from './modes.js';
import {glyphFor} from './symbols.js';
import type {Symbols} from './symbols.js';

const KEYS_WIDTH = 14;
/** Spaces between the two columns of a wide help screen. */
const GUTTER = 3;
/** Two columns from this width on, each still wide enough for a key and its words. */
const TWO_COLUMNS = 100;

interface Entry {
	keys: string;
	help: string;
}

const STATUS_MEANING: Record<(typeof STATUSES)[number], string> = {
	success: 'success',
	failed: 'failed',
	running: 'running (the spinner turns while citop polls)',
	queued: 'queued, not started yet',
	canceled: 'canceled',
	skipped: 'skipped',
	unknown: "unknown: a status citop does not know; the provider's word is shown in brackets",
};

/** A run half way through its usual four minutes, as an estimate from history draws it: "▰▰▱▱ ~2m left". */
const HALF_WAY = {progressFrom: 'history', progress: 0.5, expectedMs: 240_000, eta: null, leftMs: 120_000, overMs: 0} as const;

/** What every mark on screen means: status glyphs, the words a status may carry, row marks. */
export function legendLines(symbols: Symbols, ascii: boolean): Entry[] {
	return [
		{keys: '', help: 'marks on screen:'},
		...STATUSES.map((status) => ({keys: glyphFor(status, ascii, 0), help: STATUS_MEANING[status]})),
		{keys: 'approval', help: 'waits for someone to approve it'},
		{keys: 'timed out', help: 'failed: it ran longer than allowed'},
		{keys: 'canceling', help: 'an abort was asked for and is under way'},
		{keys: progressLabel(0.5, 4, ascii), help: "the provider's own progress of a running run"},
		{keys: estimateText(HALF_WAY, ascii, 13), help: "an estimate from the pipeline's past runs, where the provider gives no progress; +1:20 over: longer than it usually takes"},
		{keys: symbols.changed, help: 'changed just now (the row is lit until it fades)'},
		{keys: symbols.watched, help: 'watched: the bell rings when it ends (w)'},
		{keys: 'STALE 2m', help: 'the source could not be read for 2m: its last good data stays on screen'},
		{keys: symbols.stale, help: 'a row of a stale source: its spinner stopped, its time frozen at the last good answer'},
		{keys: '+2', help: 'sources or tabs the width leaves out (here two)'},
		{keys: `${symbols.open} ${symbols.closed}`, help: 'a node of the run tree, unfolded / folded'},
		{keys: symbols.missing, help: 'not known, or not yet'},
	];
}

/** Words wrapped to `width` columns; a word longer than the width is cut into pieces. */
function wrapWords(text: string, width: number): string[] {
	const rows: string[] = [];
	let row = '';
	for (const word of text.split(' ').flatMap((part) => wrapCells(part, width))) {
		if (row !== '' && displayWidth(row) + 1 + displayWidth(word) > width) {
			rows.push(row);
			row = word;
		} else row = row === '' ? word : `${row} ${word}`;
	}
	return [...rows, row];
}

/** One entry as rows of exactly `width` columns: the keys, then the words wrapped beside them. */
function entryRows(entry: Entry, width: number): string[] {
	if (entry.keys === '') return wrapWords(entry.help, width).map((row) => pad(row, width));
	const keysWidth = Math.min(KEYS_WIDTH, Math.max(1, Math.floor(width / 3)));
	const room = Math.max(1, width - keysWidth - 1);
	return wrapWords(entry.help, room).map((row, index) => pad(`${pad(index === 0 ? truncate(entry.keys, keysWidth) : '', keysWidth)} ${row}`, width));
}

/**
 * Every line of the help screen for `columns`: the current view's keys, what the other views add,
 * the legend, then the keys of the modes that type or answer. On a wide screen in two columns: the
 * views' keys on the left, the marks and the typing keys on the right (so the marks show at once).
 * No line is wider than its column, so nothing runs into its neighbour; the screen scrolls through them.
 */
export function helpBody(view: View, columns: number, symbols: Symbols, ascii: boolean): string[] {
	const keys = helpLines(view);
	const rest = [...legendLines(symbols, ascii), {keys: '', help: ''}, ...typedModeLines()];
	if (columns < TWO_COLUMNS) return [...keys, {keys: '', help: ''}, ...rest].flatMap((entry) => entryRows(entry, columns));
	const width = Math.floor((columns - GUTTER) / 2);
	const left = keys.flatMap((entry) => entryRows(entry, width));
	const right = rest.flatMap((entry) => entryRows(entry, width));
	return Array.from({length: Math.max(left.length, right.length)}, (_, row) => `${left[row] ?? pad('', width)}${' '.repeat(GUTTER)}${right[row] ?? ''}`.trimEnd());
}
