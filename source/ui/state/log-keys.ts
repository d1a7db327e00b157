import type {Action} from '../logic/keys.js';
import {editLine} from '../logic/line-edit.js';
import type {MatchStep} from '../logic/log-search.js';
import {matchFrom, matchNote, nextMatch} from '../logic/log-search.js';
import {clamp} from '../logic/window.js';
import type {KeyContext} from './keys.js';

/** Goes to a match (its line on top of the view, as less does) and says which it is in the footer. */
function goTo(context: KeyContext, step: MatchStep | null, query: string, forward: boolean): void {
	const {log, dispatch, actions} = context;
	const total = log.matches(query).length;
	actions.say(matchNote(step, total, query, forward), step === null);
	if (step) dispatch({type: 'searchMatch', line: step.line, top: clamp(step.line, log.first, log.endTop)});
}

/** The log view's keys: scrolling, following, searching, back. */
export function logKey(context: KeyContext, action: Action): void {
	const {dispatch, state, log, page} = context;
	// A top line that has gone from the log is its first kept line.
	const top = state.logTop === null ? log.endTop : Math.max(state.logTop, log.first);
	const scroll = (to: number) => dispatch({type: 'logTop', top: clamp(to, log.first, log.endTop)});
	switch (action) {
		case 'up':
			return scroll(top - 1);
		case 'down':
			return state.logTop === null ? undefined : scroll(top + 1);
		case 'pageUp':
			return scroll(top - page);
		case 'pageDown':
			return state.logTop === null ? undefined : scroll(top + page);
		case 'top':
			return scroll(log.first);
		case 'bottom':
			return dispatch({type: 'logTop', top: null});
		case 'follow':
			return dispatch({type: 'logTop', top: state.logTop === null ? log.endTop : null});
		case 'search':
			return dispatch({type: 'editSearch'});
		case 'nextMatch':
		case 'prevMatch': {
			const query = state.search.text;
			if (query === '') return context.actions.say('no search yet: / starts one');
			const forward = action === 'nextMatch';
			// From the match last gone to, or else from the top of the view.
			const from = state.search.line ?? (forward ? top - 1 : top);
			return goTo(context, nextMatch(log.matches(query), from, forward ? 1 : -1), query, forward);
		}
		case 'back':
			return dispatch(state.search.text === '' ? {type: 'back'} : {type: 'endSearch', keep: false});
	}
}

/** Typing a search: Enter keeps it and goes to the first match from the top of the view, Esc drops it. */
export function searchKey(context: KeyContext, name: string): void {
	const {state, dispatch, log} = context;
	const query = state.search.text;
	switch (name) {
		case 'esc':
			return dispatch({type: 'endSearch', keep: false});
		case 'enter':
			dispatch({type: 'endSearch', keep: true});
			if (query !== '') goTo(context, matchFrom(log.matches(query), state.logTop ?? log.endTop), query, true);
			return;
	}
	// Typed at its end, as the filter is: each key edits the text the key before it left.
	const text = editLine({text: query, cursor: Infinity}, name).text;
	if (text !== query) dispatch({type: 'searchText', text});
}
