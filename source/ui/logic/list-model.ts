import type {Run} from '../../model/run.js';
import type {StoreSnapshot} from '../../store/types.js';
import type {UiState} from '../state/ui-state.js';
import {waitText} from './bars.js';
import type {ColumnLayout} from './columns.js';
import {layoutColumns} from './columns.js';
import type {RunQuery} from './order.js';
import {groupBySource, selectFromSources} from './order.js';
import {contentWidthsOf} from './run-row.js';
import type {RunRows, TabsLine} from './screen-lines.js';
import {findIndex, resolveCursor} from './window.js';

/**
 * What the screen shows, derived from the snapshot and the UI state by pure functions.
 * Each takes the model before it and reuses what did not change (sorting 10,000 runs is
 * the expensive part), so a key that only moves the cursor costs next to nothing.
 */
export interface ListModel {
	/** The snapshot's run list this was derived from. */
	from: readonly Run[];
	/** Each source's runs: what is worked out per source is kept per array (see groupBySource). */
	bySource: ReadonlyMap<string, readonly Run[]>;
	now: number;
	/** Clock ms until which `runs` stays in order as time passes. */
	holdsUntil: number;
	query: RunQuery;
	columns: number;
	runs: readonly Run[];
	/** Where the run with this key is in `runs`. */
	indexOf(key: string): number | undefined;
	layout: ColumnLayout;
	cursor: number;
	selected: Run | null;
}

function sameQuery(a: RunQuery, b: RunQuery): boolean {
	return a.source === b.source && a.status === b.status && a.text === b.text && a.sort === b.sort;
}

export function listModel(snapshot: StoreSnapshot, state: UiState, columns: number, base: ListModel | null): ListModel {
	const query: RunQuery = {source: state.tab, status: state.status, text: state.text, sort: state.sort};
	const sameRuns = base !== null && base.from === snapshot.runs;
	const bySource = sameRuns ? base.bySource : groupBySource(snapshot.runs, base?.bySource ?? null);
	// Snapshots come on every poll, mostly with the same runs: order them again only when time alone reorders them.
	const reuse = sameRuns && snapshot.now >= base.now && snapshot.now <= base.holdsUntil && sameQuery(base.query, query);
	const selection = reuse ? {runs: base.runs, holdsUntil: base.holdsUntil} : selectFromSources(bySource, query, snapshot.now);
	const {runs} = selection;
	// A poll seldom moves the selected run: look where it was first.
	const hint = state.list.index;
	const indexOf = reuse ? base.indexOf : (key: string) => findIndex(runs, key, hint);
	// Widths come from every run of the tab, not the filtered few, so columns hold still while typing.
	const layout =
		sameRuns && base.query.source === query.source && base.columns === columns
			? base.layout
			: layoutColumns(columns, contentWidthsOf(query.source === null ? bySource.values() : [bySource.get(query.source) ?? []]), {showSource: query.source === null});
	const cursor = resolveCursor(indexOf, state.list.key, state.list.index, runs.length);
	const now = reuse ? base.now : snapshot.now;
	return {from: snapshot.runs, bySource, now, holdsUntil: selection.holdsUntil, query, columns, runs, indexOf, layout, cursor, selected: runs[cursor] ?? null};
}

/** The tabs line of the list view: the sources, why any waits, the filters, and where the cursor is. */
export function listViewTabs(snapshot: StoreSnapshot, state: UiState, list: ListModel, now: number): TabsLine {
	return {
		sources: snapshot.sources.map((source) => source.name),
		waits: new Map(snapshot.sources.map((source) => [source.name, waitText(source, now)])),
		tab: state.tab,
		text: state.text,
		editing: state.editing,
		status: state.status,
		sort: state.sort,
		position: list.runs.length === 0 ? '0/0' : `${list.cursor + 1}/${list.runs.length}`,
	};
}

/** The list view's rows (from the top the screen chose), `height` of them, stale marks from `stale`. */
export function listViewRows(snapshot: StoreSnapshot, list: ListModel, height: number, stale: ReadonlyMap<string, number>): Omit<RunRows, 'top'> {
	return {
		runs: list.runs,
		cursor: list.cursor,
		layout: list.layout,
		height,
		highlights: snapshot.highlights,
		watched: snapshot.watched,
		stale,
		history: list.bySource,
		empty: snapshot.runs.length === 0 ? 'no runs yet' : 'no runs match the filter',
	};
}
