import type {Expected} from '../../model/estimate.js';
import type {RunNode} from '../../model/run.js';
import {statusWord} from '../../output/glyphs.js';
import {displayWidth, truncate} from '../../output/text.js';
import {durationText} from '../../output/time.js';
import {PROGRESS_WIDTH} from './columns.js';
import type {RowContext} from './run-row.js';
import {changeMark, estimatedProgress} from './run-row.js';
import {glyphFor} from './symbols.js';
import {fitToWidth} from './text.js';
import type {TreeRow} from './tree.js';

const WORD_WIDTH = 9;
const TIME_WIDTH = 7;
const INDENT = 2;

export interface TreeRowState {
	selected: boolean;
	changed: boolean;
	/** The source can read logs, so a node with a log offers `l`. */
	logs: boolean;
	/** Clock ms of the tree shown when it cannot be fetched now; absent or null when fresh. */
	staleSince?: number | null;
	/** What this node usually takes in its pipeline's other runs; absent or null without history. */
	expected?: Expected | null;
}

/** How wide the name column of the tree is: as wide as the longest name on show, within limits. */
export function treeTitleWidth(rows: readonly TreeRow[], width: number): number {
	let widest = 12;
	for (const row of rows) {
		if (row.kind === 'node') widest = Math.max(widest, row.depth * INDENT + 4 + displayWidth(row.node.title));
	}
	return Math.min(widest, Math.max(16, Math.floor(width * 0.4)));
}

/** What else a person wants to know about a node, in a few words. */
export function nodeNotes(node: RunNode, logs: boolean): string[] {
	const notes: string[] = [];
	if (node.artifact) {
		const {status, url} = node.artifact;
		if (status) notes.push(status);
		if (url) notes.push(url);
	}
	if (node.status === 'unknown' && node.providerStatus) notes.push(`(${node.providerStatus})`);
	if (node.currentCube && node.status === 'running') notes.push(`at ${node.currentCube}`);
	if (node.retries && node.retries.attempts > 0) notes.push(`retry ${node.retries.attempts}/${node.retries.maxAttempts ?? '?'}`);
	if (node.needs.length > 0) notes.push(`needs ${node.needs.join(', ')}`);
	if (node.log && logs) notes.push('l log');
	return notes;
}

/** One row of the run tree as one line of exactly `context.width` columns. */
export function treeRowText(row: TreeRow, titleWidth: number, context: RowContext, state: TreeRowState): string {
	const {paint, symbols, ascii, frame, now, width} = context;
	const mark = changeMark(state, context);
	const indent = ' '.repeat(row.depth * INDENT);
	let line: string;
	if (row.kind === 'error') {
		const text = `${indent}${symbols.error} ${row.message ?? ''}`;
		line = mark + paint.tone(fitToWidth(text, width - 1, 'left', symbols.ellipsis), 'error');
	} else {
		const {node} = row;
		const fold = row.hasChildren ? (row.open ? symbols.open : symbols.closed) : ' ';
		const asOf = state.staleSince ?? null;
		const glyph = paint.tone(glyphFor(node.status, ascii, asOf === null ? frame : null), node.status);
		const name = fitToWidth(node.title, Math.max(1, titleWidth - indent.length - 4), 'left', symbols.ellipsis);
		const word = paint.tone(fitToWidth(statusWord(node.status, node.flags), WORD_WIDTH), node.status);
		const progress = node.status === 'unknown' ? ' '.repeat(PROGRESS_WIDTH) : estimatedProgress(node, state.expected ?? null, context, false, PROGRESS_WIDTH, asOf ?? now);
		const time = fitToWidth(node.startedAt === null ? '' : durationText(node, asOf ?? now, symbols.missing), TIME_WIDTH, 'right');
		const fixed = `${indent}${fold} ${glyph} ${name} ${word} ${progress} ${time}`;
		const used = 1 + titleWidth + 1 + WORD_WIDTH + 1 + PROGRESS_WIDTH + 1 + TIME_WIDTH;
		const room = width - used - 2;
		const notes = room > 0 ? truncate(nodeNotes(node, state.logs).join('  '), room, symbols.ellipsis) : '';
		line = mark + fixed + (notes === '' ? '' : '  ' + paint.tone(notes, 'muted'));
		const shown = used + (notes === '' ? 0 : 2 + displayWidth(notes));
		line += ' '.repeat(Math.max(0, width - shown));
	}
	const lit = state.changed ? paint.bold(line) : line;
	return state.selected ? paint.inverse(lit) : lit;
}
