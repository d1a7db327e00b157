import {useRef} from 'react';
import type {Run} from '../../model/run.js';
import {nodeKey} from '../../model/run.js';
import type {StoreSnapshot} from '../../store/types.js';
import type {ListModel} from '../logic/list-model.js';
import {listModel} from '../logic/list-model.js';
import type {TreeRow} from '../logic/tree.js';
import {flattenTree} from '../logic/tree.js';
import {indexByKey, resolveCursor} from '../logic/window.js';
import type {UiState} from '../state/ui-state.js';

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
