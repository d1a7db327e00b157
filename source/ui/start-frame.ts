import {summarizeLists} from '../model/summary.js';
import type {StoreSnapshot} from '../store/types.js';
import {staleSources} from './logic/bars.js';
import {listModel, listViewRows, listViewTabs} from './logic/list-model.js';
import {bodyHeight, footerLines, headerLine, isTooSmall, listArea, runListLines, summaryLine, tabsLine} from './logic/screen-lines.js';
import type {Theme} from './logic/theme.js';
import {tickAt} from './logic/time.js';
import {INITIAL_STATE, modeOf} from './state/ui-state.js';

/**
 * The screen's first frame as rows of text, as the live view draws it on start (the list, at the
 * top, nothing typed): the same rows the components draw, put together without Ink, so it can be
 * on screen before Ink and React have loaded. Null when the terminal is too small for the list.
 */
export function startFrameLines(snapshot: StoreSnapshot, size: {columns: number; rows: number}, theme: Theme, warnings: readonly string[] = []): string[] | null {
	if (isTooSmall(size)) return null;
	const {columns} = size;
	const state = INITIAL_STATE;
	const {now, frame} = tickAt(snapshot.now);
	const list = listModel(snapshot, state, columns, null);
	const body = bodyHeight(size.rows);
	const area = listArea(body, 0);
	const lines = [headerLine(snapshot.sources, now, columns, theme)];
	if (area.summary > 0) lines.push(summaryLine(summarizeLists(list.bySource.values()), now, true, columns, theme));
	lines.push(tabsLine(listViewTabs(snapshot, state, list, now), columns, theme));
	const rows = {...listViewRows(snapshot, list, area.runs, staleSources(snapshot.sources)), top: 0};
	const {header, rows: runLines} = runListLines(rows, now, frame, columns, theme);
	lines.push(header, ...runLines.slice(0, area.runs));
	while (lines.length < 1 + body) lines.push('');
	lines.push(...footerLines({snapshot, tab: state.tab, message: null, mode: modeOf(state), warnings}, now, columns, theme));
	return lines;
}
