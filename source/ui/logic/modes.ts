import type {Action, View} from './keys.js';
import {BINDINGS, VIEW_NAMES} from './keys.js';

/**
 * What has the keyboard: a view, or what is typed or answered over it. Each mode's keys are
 * told in one place here, and both the key bar and the help screen are drawn from it, so the
 * two cannot disagree with each other, nor (for the views) with the key maps.
 */
export type TypedMode = 'filter' | 'search' | 'trigger' | 'confirm';
export type Mode = View | TypedMode;

/** How the key bar draws a key, in Unicode and in ASCII. */
type Label = readonly [unicode: string, ascii: string];

interface ModeKey {
	keys: readonly string[];
	help: string;
	/** The key bar's word for it; only the keys worth a reminder have one. */
	hint?: string;
	/** The key bar's name for the key when its first key does not say it all (↑↓ for both arrows). */
	label?: Label;
}

/** The keys of each view worth a reminder in the key bar, in its order. */
const VIEW_HINTS: Record<View, readonly Action[]> = {
	list: ['up', 'open', 'filter', 'statusFilter', 'sort', 'nextSource', 'trigger', 'rerun', 'abort', 'watch', 'copy', 'openPage', 'refresh', 'pause', 'help', 'quit'],
	detail: ['up', 'expand', 'log', 'trigger', 'rerun', 'abort', 'watch', 'copy', 'openPage', 'refresh', 'pause', 'back', 'help', 'quit'],
	log: ['up', 'search', 'nextMatch', 'follow', 'bottom', 'refresh', 'pause', 'back', 'help', 'quit'],
};

const HINT_WORDS: Partial<Record<Action, string>> = {
	up: 'move',
	open: 'open',
	filter: 'filter',
	statusFilter: 'status',
	sort: 'sort',
	nextSource: 'source',
	trigger: 'trigger',
	rerun: 'rerun',
	abort: 'abort',
	watch: 'watch',
	copy: 'copy',
	openPage: 'page',
	refresh: 'refresh',
	pause: 'pause',
	expand: 'fold',
	log: 'log',
	back: 'back',
	follow: 'follow',
	bottom: 'end',
	search: 'search',
	nextMatch: 'match',
	help: 'help',
	quit: 'quit',
};

const MOVE_LABEL: Label = ['↑↓', 'j/k'];

/** Hints that stand for more than their first key. */
const HINT_LABELS: Partial<Record<Action, Label>> = {up: MOVE_LABEL, expand: ['←→', 'left/right'], nextMatch: ['n/N', 'n/N']};

const KEY_LABELS: Record<string, Label> = {
	enter: ['⏎', 'enter'],
	up: ['↑', 'up'],
	down: ['↓', 'down'],
	left: ['←', 'left'],
	right: ['→', 'right'],
};

function keyLabel(key: string, ascii: boolean): string {
	const label = KEY_LABELS[key];
	return label ? label[ascii ? 1 : 0] : key;
}

/** Typed at the end of a line: the keys that take back what was typed. */
const DELETE_KEYS: readonly ModeKey[] = [
	{keys: ['backspace'], help: 'delete the last character'},
	{keys: ['ctrl-u'], help: 'delete all that is typed'},
];

/** The keys of the modes that type or answer, each under the help's heading for it. */
export const TYPED_MODES: Record<TypedMode, {title: string; keys: readonly ModeKey[]}> = {
	filter: {
		title: 'while typing a filter (/ in the run list)',
		keys: [
			{keys: ['enter'], help: 'keep the filter', hint: 'keep'},
			{keys: ['esc'], help: 'clear the filter', hint: 'clear'},
			{keys: ['up', 'down'], help: 'move in the list as it narrows', hint: 'move', label: ['↑↓', 'up/down']},
			...DELETE_KEYS,
		],
	},
	search: {
		title: 'while typing a search (/ in the log view)',
		keys: [
			{keys: ['enter'], help: 'keep the search and go to the first match from the top of the view', hint: 'find'},
			{keys: ['esc'], help: 'clear the search', hint: 'clear'},
			...DELETE_KEYS,
		],
	},
	trigger: {
		title: 'in the trigger form (t)',
		keys: [
			{keys: ['up', 'down', 'k', 'j'], help: 'pick from a list', hint: 'pick', label: MOVE_LABEL},
			{keys: ['enter'], help: 'choose, or go on to the next question; at the end, start the run', hint: 'next'},
			{keys: ['left', 'right'], help: 'move the caret in a text field'},
			{keys: ['home', 'ctrl-a'], help: 'to the start of a text field'},
			{keys: ['end', 'ctrl-e'], help: 'to the end of a text field'},
			{keys: ['backspace'], help: 'delete the character before the caret'},
			{keys: ['ctrl-u'], help: 'delete all before the caret'},
			{keys: ['left'], help: 'at the end: back to change an answer'},
			{keys: ['y'], help: 'at the end: start the run'},
			{keys: ['esc'], help: 'cancel', hint: 'cancel'},
		],
	},
	confirm: {
		title: 'when citop asks first (x, R)',
		keys: [
			{keys: ['y'], help: 'yes', hint: 'yes'},
			{keys: ['n', 'esc'], help: 'no (so does any other key)', hint: 'no', label: ['n/esc', 'n/esc']},
		],
	},
};

function isView(mode: Mode): mode is View {
	return mode in BINDINGS;
}

/** The key bar of a mode: the few keys worth a reminder, in Unicode or ASCII. */
export function keyHints(mode: Mode, ascii: boolean): string[] {
	const hints: Array<{keys: readonly string[]; word: string; label?: Label}> = isView(mode)
		? VIEW_HINTS[mode].flatMap((action) => {
				const binding = BINDINGS[mode].find((item) => item.action === action);
				const word = HINT_WORDS[action];
				if (!binding || word === undefined) return [];
				const label = HINT_LABELS[action];
				return [{keys: binding.keys, word, ...(label ? {label} : {})}];
			})
		: TYPED_MODES[mode].keys.flatMap((key) => (key.hint === undefined ? [] : [{keys: key.keys, word: key.hint, ...(key.label ? {label: key.label} : {})}]));
	return hints.map(({keys, word, label}) => `${label ? label[ascii ? 1 : 0] : keyLabel(keys[0] ?? '', ascii)} ${word}`);
}

const helpLine = (key: {keys: readonly string[]; help: string}) => ({keys: key.keys.join(' '), help: key.help});

/**
 * Help overlay lines: every key of the current view, then what the other views add, each under
 * its heading (a line with empty keys).
 */
export function helpLines(view: View): Array<{keys: string; help: string}> {
	const lines = BINDINGS[view].map(helpLine);
	const said = new Set(lines.map((entry) => `${entry.keys}\u0000${entry.help}`));
	for (const other of (['list', 'detail', 'log'] as const).filter((name) => name !== view)) {
		const more = BINDINGS[other].map(helpLine).filter((entry) => !said.has(`${entry.keys}\u0000${entry.help}`));
		if (more.length === 0) continue;
		lines.push({keys: '', help: `in the ${VIEW_NAMES[other]}:`}, ...more);
		for (const entry of more) said.add(`${entry.keys}\u0000${entry.help}`);
	}
	return lines;
}

/** The help's lines for the modes that type or answer: each one's keys under its heading. */
export function typedModeLines(): Array<{keys: string; help: string}> {
	return Object.values(TYPED_MODES).flatMap((mode) => [{keys: '', help: `${mode.title}:`}, ...mode.keys.map(helpLine)]);
}
