import {summarizeLists} from '../model/summary.js';
import type {StoreSnapshot} from '../store/types.js';
import {staleSources, waitText} from './logic/bars.js';
import {listModel} from './logic/list-model.js';
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
	const tabs = {
		sources: snapshot.sources.map((source) => source.name),
		waits: new Map(snapshot.sources.map((source) => [source.name, waitText(source, now)])),
		tab: state.tab,
		text: state.text,
		editing: state.editing,
		status: state.status,
		sort: state.sort,
		position: list.runs.length === 0 ? '0/0' : `${list.cursor + 1}/${list.runs.length}`,
	};
	lines.push(tabsLine(tabs, columns, theme));
	const rows = {
		runs: list.runs,
		cursor: list.cursor,
		top: 0,
		layout: list.layout,
		height: area.runs,
		highlights: snapshot.highlights,
		watched: snapshot.watched,
		stale: staleSources(snapshot.sources),
		history: list.bySource,
		empty: snapshot.runs.length === 0 ? 'no runs yet' : 'no runs match the filter',
	};
	const {header, rows: runLines} = runListLines(rows, now, frame, columns, theme);
	lines.push(header, ...runLines.slice(0, area.runs));
	while (lines.length < 1 + body) lines.push('');
	lines.push(...footerLines({snapshot, tab: state.tab, message: null, mode: modeOf(state), warnings}, now, columns, theme));
	return lines;
}
