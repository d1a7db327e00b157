import type {Run} from '../../model/run.js';
import type {RunSummary} from '../../model/summary.js';
import type {Highlight, SourceState, StoreSnapshot} from '../../store/types.js';
import type {FooterMessage} from './bars.js';
import {footerParts, headerParts} from './bars.js';
import type {ColumnLayout} from './columns.js';
import type {Part} from './compose.js';
import {composeLine, composeParts, partsThatFit} from './compose.js';
import type {Mode} from './modes.js';
import {keyHints} from './modes.js';
import type {SortMode, StatusFilter} from './order.js';
import type {RowContext} from './run-row.js';
import {headerRow, runRow} from './run-row.js';
import {summaryParts, summaryRows} from './summary.js';
import {selectedTabWidth, tabParts} from './tabs.js';
import {fitToWidth} from './text.js';
import type {Theme} from './theme.js';
import {formatClock} from './time.js';

/**
 * Each row of the screen's frame as text, styled and fitted to the width: the components draw
 * these, and so does the frame shown before Ink has loaded (see start-frame.ts).
 */

export const FOOTER_HEIGHT = 3;

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

export function isTooSmall(size: {columns: number; rows: number}): boolean {
	return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

/** `citop · acme/api ok · deploy STALE 2m (812/1000)                12:04:31` */
export function headerLine(sources: readonly SourceState[], now: number, columns: number, {paint, symbols}: Theme): string {
	const separator = ` ${symbols.dot} `;
	// Sources that do not fit are counted at the end ("+2"): none drops out unseen.
	const more = (count: number) => ({text: `+${count}`, tone: 'muted' as const});
	return composeLine(headerParts(sources, now), [{text: formatClock(now)}], columns, paint, separator, symbols.ellipsis, separator, more);
}

/** `2 running · 1 queued · 3 failed in 1h · 92% ok of 50 · p50 4:12 · p90 9:30 · longest #1290 12:04` */
export function summaryLine(summary: RunSummary, now: number, showSource: boolean, columns: number, {paint, symbols}: Theme): string {
	return composeLine(summaryParts(summary, now, showSource), [], columns, paint, ` ${symbols.dot} `, symbols.ellipsis);
}

export interface TabsLine {
	sources: readonly string[];
	tab: string | null;
	text: string;
	/** The text filter is being typed (the keys go to it). */
	editing: boolean;
	status: StatusFilter;
	sort: SortMode;
	/** "12/340": where the cursor is in the list. */
	position: string;
	/** By source: why it waits and until when, shown beside its name. */
	waits?: ReadonlyMap<string, string>;
}

/** Source tabs on the left; the text filter, status filter, sort and position on the right. */
export function tabsLine({sources, tab, text, editing, status, sort, position, waits = new Map()}: TabsLine, columns: number, {paint, symbols}: Theme): string {
	const right: Part[] = [];
	// The underscore is the typing cursor: any font has it.
	if (editing) right.push({text: `filter /${text}_`, tone: 'accent', bold: true, priority: 4});
	else if (text !== '') right.push({text: `filter /${text}`, tone: 'accent', priority: 3});
	right.push({text: `status ${status}`, priority: 2}, {text: `sort ${sort}`, priority: 2}, {text: position, tone: 'muted', priority: 1});
	const separator = ` ${symbols.dot} `;
	// The selected tab is said whole (a source's wait to its last digit): the right side gives way,
	// unless it shows a filter, whose text the user must see.
	const shown = editing || text !== '' ? right : partsThatFit(right, columns - selectedTabWidth(tab, waits) - 1, separator);
	return composeLine((room) => tabParts(sources, tab, room, waits), shown, columns, paint, separator, symbols.ellipsis, '');
}

export interface RunRows {
	runs: readonly Run[];
	cursor: number;
	/** The first run on screen. */
	top: number;
	layout: ColumnLayout;
	/** Rows for runs (the column header is extra). */
	height: number;
	highlights: ReadonlyMap<string, Highlight>;
	watched: ReadonlySet<string>;
	/** By source: clock ms of the data shown while the source cannot be read (its rows look stale). */
	stale?: ReadonlyMap<string, number>;
	/** What to say when there is nothing to show. */
	empty: string;
	/** Each source's runs: the history that estimates a run's progress where its provider gives none. */
	history?: ReadonlyMap<string, readonly Run[]>;
}

/** Lit while its highlight lasts; the store drops expired marks, and the clock hides them on time meanwhile. */
export function isLit(highlights: ReadonlyMap<string, Highlight>, key: string, now: number): boolean {
	const mark = highlights.get(key);
	return mark !== undefined && mark.until > now;
}

/** The column header and the rows on screen; only those rows are built, however long the list. */
export function runListLines(list: RunRows, now: number, frame: number, columns: number, {paint, symbols, ascii}: Theme): {header: string; rows: string[]} {
	const {runs, cursor, top, layout, height, highlights, watched, stale, empty, history} = list;
	const context: RowContext = {width: columns, now, frame, ascii, paint, symbols, ...(history ? {history} : {})};
	const rows: string[] = [];
	for (let index = top; index < Math.min(runs.length, top + height); index++) {
		const run = runs[index];
		if (!run) continue;
		rows.push(
			runRow(run, layout, context, {
				selected: index === cursor,
				changed: isLit(highlights, run.key, now),
				watched: watched.has(run.key),
				staleSince: stale?.get(run.source) ?? null,
			}),
		);
	}
	if (runs.length === 0) rows.push(paint.tone(fitToWidth(`  ${empty}`, columns), 'muted'));
	return {header: headerRow(layout, context), rows};
}

/** A rule, then what just happened and how fresh the data is, then the keys of the mode the keyboard is in. */
export function footerLines(
	footer: {snapshot: StoreSnapshot; tab: string | null; message: FooterMessage | null; mode: Mode; warnings?: readonly string[]},
	now: number,
	columns: number,
	{paint, symbols, ascii}: Theme,
): string[] {
	const rule = paint.tone(symbols.rule.repeat(columns), 'muted');
	const status = composeLine(footerParts(footer.snapshot, footer.tab, footer.message, now, symbols, footer.warnings ?? []), [], columns, paint, ` ${symbols.dot} `, symbols.ellipsis);
	const keys = composeParts(
		// Help and quit are the last keys to give way: with them, every other key can be found.
		keyHints(footer.mode, ascii).map((text) => ({text, priority: text.startsWith('? ') || text.startsWith('q ') ? 1 : 0})),
		columns,
		paint,
		'  ',
		symbols.ellipsis,
	).text;
	return [rule, status, keys];
}

/** The tabs line and the column header. */
const TABS_HEIGHT = 2;

/** Rows between the header and the footer (the last terminal row stays empty: writing it could scroll). */
export function bodyHeight(rows: number): number {
	return Math.max(1, rows - 2 - FOOTER_HEIGHT);
}

/** How the list view's body is shared: the summary line (when there is room), then the runs; a dialog takes the bottom. */
export function listArea(body: number, dialog: number): {summary: number; runs: number} {
	const summary = summaryRows(body - TABS_HEIGHT - dialog);
	return {summary, runs: Math.max(1, body - TABS_HEIGHT - summary - dialog)};
}
