import type {RunSummary} from '../../model/summary.js';
import type {SummaryField} from '../../output/summary.js';
import {summaryFields} from '../../output/summary.js';
import type {Part} from './compose.js';
import type {Tone} from './paint.js';

/** Rows the list view gives the summary line, when the list keeps at least `MIN_LIST_ROWS` beside it. */
export const SUMMARY_HEIGHT = 1;
/** What the list has at the smallest screen citop draws: the summary never takes from these. */
export const MIN_LIST_ROWS = 5;

/** The summary's rows for a list of `room` rows: none when showing it would leave the list fewer than it has at the smallest screen. */
export function summaryRows(room: number): number {
	return room - SUMMARY_HEIGHT >= MIN_LIST_ROWS ? SUMMARY_HEIGHT : 0;
}

function tone(field: SummaryField, text: string): Tone | null {
	const none = text.startsWith('0 ');
	if (field === 'running') return none ? 'muted' : 'running';
	if (field === 'queued') return none ? 'muted' : 'queued';
	if (field === 'failed') return none ? 'muted' : 'failed';
	if (field === 'red') return 'failed';
	return null;
}

/**
 * The summary line under the header, one part per figure. A narrow line drops figures from the
 * right, except a red branch: that is what a glance at the line is for, so it goes last.
 */
export function summaryParts(summary: RunSummary, now: number, showSource: boolean): Part[] {
	return summaryFields(summary, now, {showSource}).map(({field, text}) => ({text, tone: tone(field, text), priority: field === 'red' ? 1 : 0, bold: field === 'red'}));
}
