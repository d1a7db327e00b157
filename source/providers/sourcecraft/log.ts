import {isRecord} from '../lenient.js';

/**
 * SourceCraft cube logs come in numbered pages that grow until `page_complete`; the next page
 * answers 404 until then (REFERENCE.md). The cursor remembers how much of the current page was
 * already returned as whole lines, and the unfinished line carried over from complete pages.
 */
export interface SourceCraftLogCursor {
	page: number;
	/** Characters of `page` already returned (as whole lines). */
	offset: number;
	/** The start of a line that a complete page left unfinished. */
	carry: string;
}

export interface LogPage {
	logs: string | null;
	page_complete: boolean | null;
	done: boolean | null;
}

export interface LogStep {
	lines: string[];
	/** The unfinished last line, raw. */
	partial: string;
	cursor: SourceCraftLogCursor;
	done: boolean;
	/** The page is complete and more may follow: read the next one now. */
	readNext: boolean;
}

export const FIRST_LOG_CURSOR: SourceCraftLogCursor = {page: 1, offset: 0, carry: ''};

/** The cursor a caller handed back, or the start when it is not one of ours. */
export function readLogCursor(value: unknown): SourceCraftLogCursor {
	if (!isRecord(value)) return FIRST_LOG_CURSOR;
	const {page, offset, carry} = value;
	if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) return FIRST_LOG_CURSOR;
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || typeof carry !== 'string') return FIRST_LOG_CURSOR;
	return {page, offset, carry};
}

/** What one answer for `cursor.page` adds. Pure. */
export function advanceLog(cursor: SourceCraftLogCursor, page: LogPage): LogStep {
	const fresh = (page.logs ?? '').slice(cursor.offset);
	const combined = cursor.carry + fresh;
	const lastBreak = combined.lastIndexOf('\n');
	const lines = lastBreak < 0 ? [] : combined.slice(0, lastBreak).split('\n');
	const rest = lastBreak < 0 ? combined : combined.slice(lastBreak + 1);
	// A cube that is done writes nothing more, whatever the page flag says.
	const done = page.done === true;
	const complete = page.page_complete === true || done;
	if (complete) {
		if (done) {
			if (rest !== '') lines.push(rest);
			return {lines, partial: '', cursor: {page: cursor.page + 1, offset: 0, carry: ''}, done: true, readNext: false};
		}
		return {lines, partial: rest, cursor: {page: cursor.page + 1, offset: 0, carry: rest}, done: false, readNext: true};
	}
	// Whole lines are consumed from this page; the rest of it is read again next time.
	const consumed = lastBreak < 0 ? 0 : lastBreak + 1 - cursor.carry.length;
	const next = lastBreak < 0 ? cursor : {page: cursor.page, offset: cursor.offset + consumed, carry: ''};
	return {lines, partial: rest, cursor: next, done: false, readNext: false};
}
