import {estimateRun, expectedFor} from '../../model/estimate.js';
import type {Expected} from '../../model/estimate.js';
import type {Run} from '../../model/run.js';
import type {Status, StatusFlags} from '../../model/status.js';
import {estimateText, runProgress, statusWord} from '../../output/glyphs.js';
import {inputsText, refText, runCellText} from '../../output/table.js';
import {displayWidth} from '../../output/text.js';
import {durationText, formatAge} from '../../output/time.js';
import type {Column, ColumnLayout, ContentWidths} from './columns.js';
import {PROGRESS_BAR_WIDTH, STATUS_WIDTH} from './columns.js';
import type {Painter} from './paint.js';
import type {Symbols} from './symbols.js';
import {glyphFor} from './symbols.js';
import {fitToWidth} from './text.js';

/** What every row of a screen needs to draw itself. */
export interface RowContext {
	width: number;
	now: number;
	/** The shared spinner frame. */
	frame: number;
	ascii: boolean;
	paint: Painter;
	symbols: Symbols;
	/** Each source's runs: the history that estimates the rest; absent, rows show the provider's progress alone. */
	history?: ReadonlyMap<string, readonly Run[]>;
}

export interface RowState {
	selected: boolean;
	changed: boolean;
	watched: boolean;
	/** Clock ms of the data shown when its source cannot be read now (see sourceStaleSince); absent or null when fresh. */
	staleSince?: number | null;
}

// The run's details view takes these from here, beside the rows that use them.
export {durationText, inputsText, refText};

/** Each run's own widths: runs keep their identity while unchanged, so a poll measures only what it changed. */
const measured = new WeakMap<Run, ContentWidths>();

function widthsOf(run: Run): ContentWidths {
	let widths = measured.get(run);
	if (widths === undefined) {
		widths = {
			source: displayWidth(run.source),
			run: displayWidth(runCellText(run)),
			ref: displayWidth(refText(run)),
			event: displayWidth(run.event ?? ''),
			user: displayWidth(run.user ?? ''),
		};
		measured.set(run, widths);
	}
	return widths;
}

function widest(widths: ContentWidths, own: ContentWidths): void {
	widths.source = Math.max(widths.source, own.source);
	widths.run = Math.max(widths.run, own.run);
	widths.ref = Math.max(widths.ref, own.ref);
	widths.event = Math.max(widths.event, own.event);
	widths.user = Math.max(widths.user, own.user);
}

export function contentWidths(runs: readonly Run[]): ContentWidths {
	const widths: ContentWidths = {source: 0, run: 0, ref: 0, event: 0, user: 0};
	for (const run of runs) widest(widths, widthsOf(run));
	return widths;
}

/** Each source's list's widths, kept while its runs are the same array. */
const listWidths = new WeakMap<readonly Run[], ContentWidths>();

/** The widths of several lists (each source's runs): only a list a poll changed is measured again. */
export function contentWidthsOf(lists: Iterable<readonly Run[]>): ContentWidths {
	const widths: ContentWidths = {source: 0, run: 0, ref: 0, event: 0, user: 0};
	for (const list of lists) {
		let own = listWidths.get(list);
		if (own === undefined) {
			own = contentWidths(list);
			listWidths.set(list, own);
		}
		widest(widths, own);
	}
	return widths;
}

/** Glyph and word, e.g. "✗ failed" or "⠹ approval"; `frame` null stops the spinner. */
export function statusText(item: {status: Status; flags: StatusFlags}, ascii: boolean, frame: number | null): string {
	return `${glyphFor(item.status, ascii, frame)} ${statusWord(item.status, item.flags)}`;
}

/** The progress cell: the bar, or only the percent when the layout is compact. */
export function progressText(
	item: {status: Status; progress: number | null; providerStatus: string | null},
	ascii: boolean,
	compact: boolean,
): string {
	return runProgress(item, ascii, compact ? 0 : PROGRESS_BAR_WIDTH);
}

/** How long "+1:20 over" stays lit after a run passes its usual time: as long as a change is. */
const OVER_LIT_MS = 6_000;

/** The progress cell of a run: the provider's progress, else the estimate from its pipeline's history. */
export function progressCell(run: Run, context: RowContext, compact: boolean, width: number, now: number): string {
	const history = run.status === 'running' && run.progress === null ? context.history?.get(run.source) : undefined;
	const expected = history === undefined ? null : expectedFor(run, history);
	return estimatedProgress(run, expected, context, compact, width, now);
}

/** A progress cell of a run or node: the provider's progress where it gives one, else the estimate from `expected` (muted, then warned once over). */
export function estimatedProgress(
	item: {status: Status; progress: number | null; providerStatus: string | null; startedAt: number | null},
	expected: Expected | null,
	context: RowContext,
	compact: boolean,
	width: number,
	now: number,
): string {
	const {ascii, paint, symbols} = context;
	if (item.progress !== null || item.status !== 'running' || expected === null) {
		return fitToWidth(progressText(item, ascii, compact), width, 'left', symbols.ellipsis);
	}
	const estimate = estimateRun(item, expected, now);
	const text = fitToWidth(estimateText(estimate, ascii, compact ? 0 : width), width, 'left', symbols.ellipsis);
	if (!estimate.overMs) return paint.tone(text, 'muted');
	const warned = paint.tone(text, 'warn');
	return estimate.overMs < OVER_LIT_MS ? paint.bold(warned) : warned;
}

function cell(run: Run, column: Column, context: RowContext, layout: ColumnLayout, state: RowState): string {
	const {paint, symbols, ascii, now, frame} = context;
	const ellipsis = symbols.ellipsis;
	const asOf = state.staleSince ?? null;
	switch (column.id) {
		case 'marks':
			return changeMark(state, context) + (state.watched ? paint.tone(symbols.watched, 'accent') : ' ');
		case 'status':
			return paint.tone(fitToWidth(statusText(run, ascii, asOf === null ? frame : null), STATUS_WIDTH, 'left', ellipsis), run.status);
		case 'source':
			return fitToWidth(run.source, column.width, 'left', ellipsis);
		case 'run':
			return fitToWidth(runCellText(run), column.width, 'left', ellipsis);
		case 'ref':
			return fitToWidth(refText(run), column.width, 'left', ellipsis);
		case 'event':
			return fitToWidth(run.event ?? '', column.width, 'left', ellipsis);
		case 'user':
			return fitToWidth(run.user ?? '', column.width, 'left', ellipsis);
		case 'progress':
			return progressCell(run, context, layout.compactProgress, column.width, asOf ?? now);
		case 'started': {
			const at = run.startedAt ?? run.createdAt;
			return fitToWidth(at === null ? symbols.missing : formatAge(at, now), column.width, 'left', ellipsis);
		}
		case 'time':
			return fitToWidth(durationText(run, asOf ?? now, symbols.missing), column.width, 'right', ellipsis);
		case 'title':
			return paint.tone(fitToWidth(run.title, column.width, 'left', ellipsis), 'muted');
	}
}

/** The first mark of a row: it just changed, or its data is stale, or nothing. */
export function changeMark(state: {changed: boolean; staleSince?: number | null}, {paint, symbols}: RowContext): string {
	if (state.changed) return paint.tone(symbols.changed, 'accent');
	return (state.staleSince ?? null) === null ? ' ' : paint.tone(symbols.stale, 'warn');
}

function join(cells: readonly string[], layout: ColumnLayout): string {
	const gap = ' '.repeat(layout.gap);
	// The marks column sits against the status glyph.
	return (cells[0] ?? '') + cells.slice(1).join(gap);
}

/** One run as one line of exactly `context.width` columns, styles included. */
export function runRow(run: Run, layout: ColumnLayout, context: RowContext, state: RowState): string {
	const cells = layout.columns.map((column) => cell(run, column, context, layout, state));
	const text = join(cells, layout);
	const used = layout.columns.reduce((sum, column) => sum + column.width, 0) + layout.gap * Math.max(0, layout.columns.length - 2);
	const line = text + ' '.repeat(Math.max(0, context.width - used));
	const lit = state.changed ? context.paint.bold(line) : line;
	return state.selected ? context.paint.inverse(lit) : lit;
}

export function headerRow(layout: ColumnLayout, context: RowContext): string {
	const cells = layout.columns.map((column) => fitToWidth(column.header, column.width, column.align));
	return context.paint.bold(fitToWidth(join(cells, layout), context.width));
}
