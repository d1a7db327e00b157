import type {Dispatch} from 'react';
import type {Run} from '../../model/run.js';
import {nodeKey, shownId} from '../../model/run.js';
import {isConcluded} from '../../model/status.js';
import {WEB_URL_EXAMPLE, runWebUrl} from '../../model/web-url.js';
import type {StoreSnapshot} from '../../store/types.js';
import type {Action} from '../logic/keys.js';
import {actionFor} from '../logic/keys.js';
import {editLine} from '../logic/line-edit.js';
import type {Move} from '../logic/window.js';
import {clamp, moveIndex} from '../logic/window.js';
import type {TreeModel} from '../hooks/models.js';
import type {ListModel} from '../logic/list-model.js';
import type {useRunActions} from '../hooks/actions.js';
import {runName} from '../hooks/actions.js';
import {answerKey, isQuestion} from './answers.js';
import {logKey, searchKey} from './log-keys.js';
import type {UiAction, UiState} from './ui-state.js';

export interface KeyContext {
	state: UiState;
	dispatch: Dispatch<UiAction>;
	snapshot: StoreSnapshot;
	list: ListModel;
	tree: TreeModel | null;
	/**
	 * The log's lines: how many are kept, the first kept, the top line that shows its end, and which
	 * match a search; lines counted from the log's start, as the state holds them.
	 */
	log: {count: number; first: number; endTop: number; matches(query: string): readonly number[]};
	/** Rows on screen, for PgUp/PgDn. */
	page: number;
	/** The help screen's last top line and its rows on screen. */
	help: {endTop: number; page: number};
	actions: ReturnType<typeof useRunActions>;
	/** The UI's clock. */
	now(): number;
	onQuit(): void;
}

const MOVES: ReadonlySet<Action> = new Set(['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom']);

function capabilitiesOf(context: KeyContext, source: string) {
	return context.snapshot.sources.find((item) => item.name === source)?.capabilities ?? null;
}

function askAbort(context: KeyContext, run: Run): void {
	const capabilities = capabilitiesOf(context, run.source);
	if (!capabilities?.abort) {
		context.actions.say(capabilities?.reasons.abort ?? `${run.source} cannot abort runs`);
	} else if (isConcluded(run.status)) {
		context.actions.say(`${runName(run)} already finished (${run.status})`);
	} else {
		context.dispatch({type: 'overlay', overlay: {kind: 'abort', runKey: run.key, label: runName(run)}});
	}
}

function toggleWatch(context: KeyContext, run: Run): void {
	const watched = context.snapshot.watched.has(run.key);
	if (!watched && isConcluded(run.status)) context.actions.say(`${runName(run)} already finished (${run.status})`);
	else context.actions.watch(run, watched);
}

function askTrigger(context: KeyContext, source: string | null): void {
	const sources = context.snapshot.sources;
	if (source !== null) {
		const capabilities = capabilitiesOf(context, source);
		if (capabilities?.trigger) context.dispatch({type: 'overlay', overlay: {kind: 'trigger', source}});
		else context.actions.say(capabilities?.reasons.trigger ?? `${source} cannot start runs`);
		return;
	}
	if (sources.some((item) => item.capabilities.trigger)) context.dispatch({type: 'overlay', overlay: {kind: 'trigger', source: null}});
	else context.actions.say(sources.map((item) => item.capabilities.reasons.trigger).find(Boolean) ?? 'no source can start runs');
}

function askRerun(context: KeyContext, run: Run): void {
	const capabilities = capabilitiesOf(context, run.source);
	if (capabilities?.trigger) context.actions.rerun(run);
	else context.actions.say(capabilities?.reasons.trigger ?? `${run.source} cannot start runs`);
}

/** `o`: the run's page from the source's webUrl; a source without one says how to give it. */
function openPage(context: KeyContext, run: Run): void {
	const template = capabilitiesOf(context, run.source)?.webUrl ?? null;
	if (template === null) {
		context.actions.say(`${run.source} has no webUrl; set one on its source in the config, e.g. webUrl: ${WEB_URL_EXAMPLE}`);
		return;
	}
	const page = runWebUrl(template, run);
	if ('url' in page) context.actions.openPage(page.url);
	else context.actions.say(`${runName(run)} has no ${page.missing} for {${page.missing}} in the webUrl`);
}

const ON_A_RUN: ReadonlySet<Action> = new Set(['abort', 'watch', 'copy', 'rerun', 'openPage']);

/** Abort, watch, copy, trigger and rerun: the same keys on the list's selection and on the open run. */
function runAction(context: KeyContext, action: Action, run: Run | null, source: string | null): boolean {
	if (action === 'trigger') {
		askTrigger(context, source);
		return true;
	}
	if (!ON_A_RUN.has(action)) return false;
	if (!run) {
		context.actions.say('no run selected');
		return true;
	}
	if (action === 'rerun') askRerun(context, run);
	else if (action === 'openPage') openPage(context, run);
	else if (action === 'abort') askAbort(context, run);
	else if (action === 'watch') toggleWatch(context, run);
	else {
		const artifact = context.state.view === 'detail' ? context.tree?.selected?.node.artifact : null;
		if (artifact?.url) context.actions.copy(artifact.url, `the download URL of ${artifact.path}`);
		else context.actions.copy(run.url ?? shownId(run), run.url ? `the URL of ${runName(run)}` : `the id of ${runName(run)}`);
	}
	return true;
}

function listKey(context: KeyContext, action: Action): void {
	const {list, dispatch, state} = context;
	if (MOVES.has(action)) {
		const index = moveIndex(list.cursor, list.runs.length, action as Move, context.page);
		const run = list.runs[index];
		if (run) dispatch({type: 'listCursor', cursor: {key: run.key, index}});
		return;
	}
	if (runAction(context, action, list.selected, state.tab)) return;
	switch (action) {
		case 'open':
			if (list.selected) dispatch({type: 'open', runKey: list.selected.key});
			return;
		case 'back':
			if (state.text !== '') dispatch({type: 'endFilter', keep: false});
			return;
		case 'nextSource':
		case 'prevSource':
			dispatch({type: 'tab', step: action === 'nextSource' ? 1 : -1, sources: context.snapshot.sources.map((source) => source.name)});
			return;
		case 'sort':
			dispatch({type: 'sort'});
			return;
		case 'statusFilter':
			dispatch({type: 'statusFilter'});
			return;
		case 'filter':
			dispatch({type: 'editFilter'});
			return;
	}
}

function detailKey(context: KeyContext, action: Action, tree: TreeModel): void {
	const {dispatch} = context;
	const row = tree.selected;
	const moveTo = (index: number) => {
		const target = tree.rows[index];
		if (target) dispatch({type: 'treeCursor', cursor: {key: target.id, index}});
	};
	const fold = (open: boolean) => row && dispatch({type: 'fold', key: nodeKey(tree.run.key, row.node.id), open});
	if (MOVES.has(action)) return moveTo(moveIndex(tree.cursor, tree.rows.length, action as Move, context.page));
	if (runAction(context, action, tree.run, tree.run.source)) return;
	switch (action) {
		case 'back':
			dispatch({type: 'back'});
			return;
		case 'expand':
			if (row?.hasChildren && !row.open) fold(true);
			else if (row?.open) moveTo(tree.cursor + 1);
			return;
		case 'collapse':
			if (row?.open) fold(false);
			else if (row?.parentId) {
				const parent = tree.rows.findIndex((item) => item.id === row.parentId);
				if (parent >= 0) moveTo(parent);
			} else dispatch({type: 'back'});
			return;
		case 'toggle':
			if (row?.hasChildren) fold(!row.open);
			return;
		case 'log': {
			const capabilities = capabilitiesOf(context, tree.run.source);
			if (!capabilities?.logs) context.actions.say(capabilities?.reasons.logs ?? `${tree.run.source} has no logs`);
			else if (!row || !row.node.log) context.actions.say(row ? `${row.node.title} has no log` : 'no step selected');
			else dispatch({type: 'openLog', nodeId: row.node.id});
			return;
		}
	}
}

/** Typing into the text filter: the list follows every key; Enter keeps the filter, Esc drops it. */
function filterKey(context: KeyContext, name: string): void {
	const {state, dispatch} = context;
	switch (name) {
		case 'esc':
			return dispatch({type: 'endFilter', keep: false});
		case 'enter':
			return dispatch({type: 'endFilter', keep: true});
		case 'up':
		case 'down':
			return listKey(context, name);
	}
	// The filter is typed at its end: each key edits the text the key before it left.
	const text = editLine({text: state.text, cursor: Infinity}, name).text;
	if (text !== state.text) dispatch({type: 'filterText', text});
}

/** The help screen scrolls with the moving keys; any other key closes it. */
function helpKey(context: KeyContext, name: string): void {
	const {state, dispatch, help} = context;
	const action = actionFor(state.view, name);
	if (action === null || !MOVES.has(action)) return dispatch({type: 'overlay', overlay: null});
	const top = state.helpTop;
	const next = {up: top - 1, down: top + 1, pageUp: top - help.page, pageDown: top + help.page, top: 0, bottom: help.endTop}[action as Move];
	dispatch({type: 'helpTop', top: clamp(next, 0, help.endTop)});
}

/** What a key does, given everything on screen. Ctrl+C is handled before this, everywhere. */
export function handleKey(context: KeyContext, name: string): void {
	const {state, dispatch, actions} = context;
	if (state.overlay?.kind === 'help') return helpKey(context, name);
	if (isQuestion(state.overlay)) return answerKey(context, state.overlay, name);
	if (state.editing) return filterKey(context, name);
	if (state.search.editing) return searchKey(context, name);
	const action = name === 'ctrl-c' ? null : actionFor(state.view, name);
	if (action === null) return;
	const source = state.view === 'list' ? state.tab : (context.tree?.run.source ?? state.tab);
	switch (action) {
		case 'quit':
			return context.onQuit();
		case 'help':
			return dispatch({type: 'overlay', overlay: {kind: 'help'}});
		case 'refresh':
			return actions.refresh(source);
		case 'pause':
			return actions.pause();
	}
	if (state.view === 'list') listKey(context, action);
	else if (state.view === 'log') logKey(context, action);
	else if (context.tree) detailKey(context, action, context.tree);
	else dispatch({type: 'back'});
}
