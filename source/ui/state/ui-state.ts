import type {TriggerRequest} from '../../providers/types.js';
import type {SortMode, StatusFilter} from '../logic/order.js';
import {nextSort, nextStatusFilter} from '../logic/order.js';
import type {View} from '../logic/keys.js';
import type {Mode} from '../logic/modes.js';

/** What covers the screen for a moment. */
export type Overlay =
	| {kind: 'help'}
	| {kind: 'abort'; runKey: string; label: string}
	| {kind: 'trigger'; source: string | null}
	/** A new run with a run's parameters: `label` names the run and its source, `summary` what starts, `notes` what is not known. */
	| {kind: 'rerun'; source: string; label: string; summary: string; notes: readonly string[]; request: TriggerRequest; askedAt: number};

export interface Message {
	text: string;
	error: boolean;
	at: number;
}

/**
 * The log view's search: the text after `/`, whether it is being typed, and the line of the match
 * last gone to, counted from the log's start.
 */
export interface LogSearch {
	text: string;
	editing: boolean;
	line: number | null;
}

const NO_SEARCH: LogSearch = {text: '', editing: false, line: null};

/** A cursor kept by key, with the place it was last seen for when its item goes away. */
export interface Cursor {
	key: string | null;
	index: number;
}

export interface UiState {
	view: View;
	/** One source by name, or null for all. */
	tab: string | null;
	sort: SortMode;
	status: StatusFilter;
	text: string;
	/** The text filter has the keyboard. */
	editing: boolean;
	list: Cursor;
	/**
	 * The user has moved the list's cursor (or opened or started a run): from then on it holds its
	 * run while polls reorder the list. Until then, and in a tab just chosen, it stays on the top
	 * row, as top does.
	 */
	listMoved: boolean;
	/** The run open in the detail view. */
	openKey: string | null;
	tree: Cursor;
	/** Fold choices by nodeKey(runKey, nodeId). */
	folds: ReadonlyMap<string, boolean>;
	/** The node whose log is open. */
	logNode: string | null;
	/** First log line shown, counted from the log's start (not from the first line kept); null follows the end. */
	logTop: number | null;
	search: LogSearch;
	overlay: Overlay | null;
	/** First line of the help screen shown. */
	helpTop: number;
	message: Message | null;
	/** A run just started: select it as soon as it is in the list. */
	pendingSelect: string | null;
}

export const INITIAL_STATE: UiState = {
	view: 'list',
	tab: null,
	sort: 'attention',
	status: 'any',
	text: '',
	editing: false,
	list: {key: null, index: 0},
	listMoved: false,
	openKey: null,
	tree: {key: null, index: 0},
	folds: new Map(),
	logNode: null,
	logTop: null,
	search: NO_SEARCH,
	overlay: null,
	helpTop: 0,
	message: null,
	pendingSelect: null,
};

export type UiAction =
	| {type: 'tab'; step: 1 | -1; sources: readonly string[]}
	| {type: 'sort'}
	| {type: 'statusFilter'}
	| {type: 'editFilter'}
	| {type: 'filterText'; text: string}
	| {type: 'endFilter'; keep: boolean}
	| {type: 'listCursor'; cursor: Cursor}
	| {type: 'treeCursor'; cursor: Cursor}
	| {type: 'open'; runKey: string}
	| {type: 'back'}
	| {type: 'fold'; key: string; open: boolean}
	| {type: 'openLog'; nodeId: string}
	| {type: 'logTop'; top: number | null}
	| {type: 'editSearch'}
	| {type: 'searchText'; text: string}
	| {type: 'endSearch'; keep: boolean}
	| {type: 'searchMatch'; line: number; top: number}
	| {type: 'overlay'; overlay: Overlay | null}
	/** A dialog that comes when an answer arrives: it waits for nothing else on screen. */
	| {type: 'offer'; overlay: Extract<Overlay, {kind: 'rerun'}>}
	| {type: 'helpTop'; top: number}
	| {type: 'message'; text: string; error: boolean; at: number}
	| {type: 'select'; runKey: string | null};

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'tab': {
			const tabs: Array<string | null> = [null, ...action.sources];
			const index = Math.max(0, tabs.indexOf(state.tab));
			const tab = tabs[(index + action.step + tabs.length) % tabs.length] ?? null;
			// A tab just chosen is untouched: its top row, unless the run chosen before is in it (its key holds it).
			return {...state, tab, list: {key: state.list.key, index: 0}, listMoved: false};
		}
		case 'sort':
			return {...state, sort: nextSort(state.sort)};
		case 'statusFilter':
			return {...state, status: nextStatusFilter(state.status)};
		case 'editFilter':
			return {...state, editing: true};
		case 'filterText':
			return {...state, text: action.text};
		case 'endFilter':
			return {...state, editing: false, text: action.keep ? state.text : ''};
		case 'listCursor':
			return {...state, list: action.cursor, listMoved: true, pendingSelect: null};
		case 'treeCursor':
			return {...state, tree: action.cursor};
		case 'open':
			// Opening a run chooses it: back in the list, the cursor is on it wherever polls moved it.
			return {
				...state,
				view: 'detail',
				openKey: action.runKey,
				list: {key: action.runKey, index: state.list.index},
				listMoved: true,
				tree: {key: null, index: 0},
				logNode: null,
				logTop: null,
			};
		case 'back':
			if (state.view === 'log') return {...state, view: 'detail', logNode: null, logTop: null, search: NO_SEARCH};
			if (state.view === 'detail') return {...state, view: 'list', openKey: null, logNode: null};
			return {...state, text: '', editing: false};
		case 'fold': {
			const folds = new Map(state.folds);
			folds.set(action.key, action.open);
			return {...state, folds};
		}
		case 'openLog':
			return {...state, view: 'log', logNode: action.nodeId, logTop: null, search: NO_SEARCH};
		case 'logTop':
			return {...state, logTop: action.top};
		case 'editSearch':
			return {...state, search: {...NO_SEARCH, editing: true}};
		case 'searchText':
			return {...state, search: {...state.search, text: action.text}};
		case 'endSearch':
			return {...state, search: action.keep && state.search.text !== '' ? {...state.search, editing: false} : NO_SEARCH};
		case 'searchMatch':
			return {...state, search: {...state.search, line: action.line}, logTop: action.top};
		case 'overlay':
			return {...state, overlay: action.overlay, helpTop: 0};
		case 'offer':
			// Whatever the user turned to meanwhile (help, another dialog, typing a filter) keeps the
			// keys: a letter typed there must not answer a question that came up under it.
			if (state.overlay === null && !state.editing && !state.search.editing) return {...state, overlay: action.overlay};
			return {...state, message: {text: `rerun of ${action.overlay.label} not asked while you were busy: press R again`, error: false, at: action.overlay.askedAt}};
		case 'helpTop':
			return {...state, helpTop: action.top};
		case 'message':
			return {...state, message: {text: action.text, error: action.error, at: action.at}};
		case 'select':
			return {...state, pendingSelect: action.runKey};
	}
}

/** What has the keyboard: a dialog (the trigger form, or a question), then a line being typed, then the view. */
export function modeOf(state: UiState): Mode {
	if (state.overlay !== null && state.overlay.kind !== 'help') return state.overlay.kind === 'trigger' ? 'trigger' : 'confirm';
	if (state.editing) return 'filter';
	if (state.search.editing) return 'search';
	return state.view;
}

/** How long a message from an action stays in the footer. */
export const MESSAGE_MS = 8_000;

export function visibleMessage(message: Message | null, now: number): Message | null {
	return message !== null && now - message.at < MESSAGE_MS ? message : null;
}
