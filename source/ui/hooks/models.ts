import {useRef} from 'react';
import type {Run} from '../../model/run.js';
import {nodeKey} from '../../model/run.js';
import type {StoreSnapshot} from '../../store/types.js';
import type {ColumnLayout} from '../logic/columns.js';
import {layoutColumns} from '../logic/columns.js';
import type {RunQuery} from '../logic/order.js';
import {groupBySource, selectFromSources} from '../logic/order.js';
import {contentWidthsOf} from '../logic/run-row.js';
import type {TreeRow} from '../logic/tree.js';
import {flattenTree} from '../logic/tree.js';
import {findIndex, indexByKey, resolveCursor} from '../logic/window.js';
import type {UiState} from '../state/ui-state.js';

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

export interface TreeModel {
	key: string;
	from: readonly Run[];
	folds: UiState['folds'];
	/** The run as the list has it (the fallback while its detail loads). */
	listed: Run | null;
	run: Run;
	rows: readonly TreeRow[];
	indexOf: ReadonlyMap<string, number>;
	cursor: number;
	selected: TreeRow | null;
	loading: boolean;
}

function foldsOf(folds: ReadonlyMap<string, boolean>, runKey: string): Map<string, boolean> {
	const prefix = nodeKey(runKey, '');
	const mine = new Map<string, boolean>();
	for (const [key, open] of folds) {
		if (key.startsWith(prefix)) mine.set(key.slice(prefix.length), open);
	}
	return mine;
}

/** The open run's tree: the fetched detail, or the list's copy while it loads; null when no run is open. */
export function treeModel(snapshot: StoreSnapshot, state: UiState, base: TreeModel | null): TreeModel | null {
	const key = state.openKey;
	if (key === null) return null;
	const detail = snapshot.detail?.runKey === key ? snapshot.detail : null;
	const sameSource = base !== null && base.key === key && base.from === snapshot.runs;
	const listed = sameSource ? base.listed : (snapshot.runs.find((run) => run.key === key) ?? null);
	const run = detail?.run ?? listed;
	if (!run) return null;
	const reuse = base !== null && base.key === key && base.run === run && base.folds === state.folds;
	const rows = reuse ? base.rows : flattenTree(run.children ?? [], foldsOf(state.folds, key));
	const indexOf = reuse ? base.indexOf : indexByKey(rows, (row) => row.id);
	const cursor = resolveCursor((id) => indexOf.get(id), state.tree.key, state.tree.index, rows.length);
	return {
		key,
		from: snapshot.runs,
		folds: state.folds,
		listed,
		run,
		rows,
		indexOf,
		cursor,
		selected: rows[cursor] ?? null,
		loading: detail === null || detail.loading,
	};
}

/** The list model of this render, reusing the last one's work. */
export function useListModel(snapshot: StoreSnapshot, state: UiState, columns: number): ListModel {
	const last = useRef<ListModel | null>(null);
	last.current = listModel(snapshot, state, columns, last.current);
	return last.current;
}

export function useTreeModel(snapshot: StoreSnapshot, state: UiState): TreeModel | null {
	const last = useRef<TreeModel | null>(null);
	const model = treeModel(snapshot, state, last.current);
	last.current = model ?? last.current;
	return model;
}
