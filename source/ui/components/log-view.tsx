import type {LogView as LogState} from '../../store/types.js';
import type {Part} from '../logic/compose.js';
import {composeLine} from '../logic/compose.js';
import {markMatches, matchRanges, searchPattern} from '../logic/log-search.js';
import {logWindow} from '../logic/log-window.js';
import {fitToWidth} from '../logic/text.js';
import type {LogSearch} from '../state/ui-state.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Line, Lines} from './lines.js';

export const LOG_HEAD = 1;

/** The log's lines as one list: the unfinished last line counts as a line. */
export function logLines(log: LogState | null): readonly string[] {
	if (!log) return [];
	return log.partial === '' ? log.lines : [...log.lines, log.partial];
}

export interface LogViewProps {
	/** "acme/api #1284 › unit" */
	title: string;
	log: LogState | null;
	lines: readonly string[];
	/** The first line shown, counted from the log's start; null follows the end. */
	top: number | null;
	height: number;
	search: LogSearch;
}

/** A node's log, wrapped to the screen, following the end unless the user scrolled away; matches of a search inverse. */
export function LogView({title, log, lines, top, height, search}: LogViewProps) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	// The state counts lines from the log's start, the window from the first line kept.
	const first = log?.dropped ?? 0;
	const view = logWindow(lines, top === null ? null : top - first, height, columns);
	const where = top === null ? 'following' : `line ${first + Math.min(lines.length, view.top + 1)} of ${first + lines.length} ${symbols.dot} F follow`;
	const state = log === null || log.loading ? 'loading' : log.done ? 'complete' : 'live';
	const right: Part[] = [];
	// The underscore is the typing cursor, as the filter's.
	if (search.editing) right.push({text: `/${search.text}_`, tone: 'accent', bold: true, priority: 2});
	else if (search.text !== '') right.push({text: `/${search.text}`, tone: 'accent', priority: 2});
	right.push({text: `${state} ${symbols.dot} ${where}`, tone: 'muted', priority: 1});
	const head = composeLine([{text: title, bold: true, priority: 2}, {text: 'log', priority: 1}], right, columns, paint, ` ${symbols.dot} `, symbols.ellipsis);
	// Matches are shown inverse (which needs no colour), and those of the match gone to bold as well.
	const pattern = searchPattern(search.text);
	const rows = view.rows.map((row, index) => {
		const origin = view.origins[index];
		if (pattern === null || !origin) return row;
		const current = first + origin.line === search.line;
		return markMatches(row, origin.start, matchRanges(lines[origin.line] ?? '', pattern), (text) => (current ? paint.bold(paint.inverse(text)) : paint.inverse(text)));
	});
	if (log?.error) rows.push(paint.tone(fitToWidth(`${symbols.error} ${log.error.message}`, columns, 'left', symbols.ellipsis), 'error'));
	else if (lines.length === 0) rows.push(paint.tone(log?.loading === false ? '(the log is empty)' : 'loading the log', 'muted'));
	return (
		<>
			<Line text={head} />
			<Lines lines={rows.slice(-height)} height={height} />
		</>
	);
}
