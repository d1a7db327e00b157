/**
 * Key maps: one table per view says which key does what; the key bar and the help overlay are
 * drawn from the same tables (modes.ts), so they cannot drift from what the keys do.
 */
export type View = 'list' | 'detail' | 'log';

export type Action =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'open'
	| 'back'
	| 'expand'
	| 'collapse'
	| 'toggle'
	| 'nextSource'
	| 'prevSource'
	| 'sort'
	| 'statusFilter'
	| 'filter'
	| 'trigger'
	| 'rerun'
	| 'abort'
	| 'watch'
	| 'copy'
	| 'openPage'
	| 'refresh'
	| 'pause'
	| 'log'
	| 'follow'
	| 'search'
	| 'nextMatch'
	| 'prevMatch'
	| 'help'
	| 'quit';

/** The subset of Ink's Key that names a key. */
export interface KeyFlags {
	upArrow: boolean;
	downArrow: boolean;
	leftArrow: boolean;
	rightArrow: boolean;
	pageUp: boolean;
	pageDown: boolean;
	home: boolean;
	end: boolean;
	return: boolean;
	escape: boolean;
	ctrl: boolean;
	shift: boolean;
	tab: boolean;
	backspace: boolean;
	delete: boolean;
}

/** One name per key press: "up", "enter", "shift-tab", "ctrl-c", or the character typed. */
export function keyName(input: string, key: KeyFlags): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'esc';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl) return `ctrl-${input}`;
	if (input === ' ') return 'space';
	return input;
}

const CONTROL_NAMES: Record<string, string> = {'\r': 'enter', '\n': 'enter', '\t': 'tab', '\u007f': 'backspace', '\b': 'backspace', ' ': 'space'};

/**
 * Every key in one read from the terminal. Ink hands a burst of plain keys (fast typing over a
 * slow link, tmux send-keys) over as one string, "jj" or "k\r"; each of them is a command here.
 */
export function keyNames(input: string, key: KeyFlags): string[] {
	const special = Object.values(key).some((flag) => flag === true) && !(key.shift && input.length === 1);
	if (special || input.length <= 1) return [keyName(input, key)];
	return [...input].map((char) => CONTROL_NAMES[char] ?? char);
}

export interface Binding {
	keys: readonly string[];
	action: Action;
	/** What the help overlay says. */
	help: string;
}

const MOVE: readonly Binding[] = [
	{keys: ['up', 'k'], action: 'up', help: 'move up'},
	{keys: ['down', 'j'], action: 'down', help: 'move down'},
	{keys: ['pageup'], action: 'pageUp', help: 'page up'},
	{keys: ['pagedown'], action: 'pageDown', help: 'page down'},
	{keys: ['g', 'home'], action: 'top', help: 'first'},
	{keys: ['G', 'end'], action: 'bottom', help: 'last'},
];

const RUN_ACTIONS: readonly Binding[] = [
	{keys: ['x'], action: 'abort', help: 'abort the run (asks first)'},
	{keys: ['w'], action: 'watch', help: 'watch / unwatch: bell and notification when it ends'},
	{keys: ['y'], action: 'copy', help: 'copy the URL (or id) to the clipboard'},
	{keys: ['o'], action: 'openPage', help: "open the run's page in the browser (the source's webUrl)"},
	{keys: ['t'], action: 'trigger', help: 'start a new run'},
	{keys: ['R'], action: 'rerun', help: 'rerun: a new run with the same parameters (asks first)'},
];

const COMMON: readonly Binding[] = [
	{keys: ['r'], action: 'refresh', help: 'refresh now'},
	{keys: ['p'], action: 'pause', help: 'pause / resume polling'},
	{keys: ['?'], action: 'help', help: 'this help'},
	{keys: ['q', 'ctrl-c'], action: 'quit', help: 'quit'},
];

export const BINDINGS: Record<View, readonly Binding[]> = {
	list: [
		...MOVE,
		{keys: ['enter', 'right'], action: 'open', help: 'open the run'},
		{keys: ['esc'], action: 'back', help: 'clear the filter'},
		{keys: ['tab'], action: 'nextSource', help: 'next source (all, then each)'},
		{keys: ['shift-tab'], action: 'prevSource', help: 'previous source'},
		{keys: ['/'], action: 'filter', help: 'filter by text (title, branch, user, id)'},
		{keys: ['f'], action: 'statusFilter', help: 'cycle the status filter'},
		{keys: ['s'], action: 'sort', help: 'cycle the sort order'},
		...RUN_ACTIONS,
		...COMMON,
	],
	detail: [
		...MOVE,
		{keys: ['right'], action: 'expand', help: 'unfold the node'},
		{keys: ['enter', 'space'], action: 'toggle', help: 'fold / unfold the node'},
		{keys: ['left'], action: 'collapse', help: 'fold the node, or go to its parent'},
		{keys: ['esc'], action: 'back', help: 'back to the list'},
		{keys: ['l'], action: 'log', help: "open the node's log"},
		...RUN_ACTIONS,
		...COMMON,
	],
	log: [
		...MOVE,
		{keys: ['F'], action: 'follow', help: 'follow the end on / off (End jumps there)'},
		{keys: ['/'], action: 'search', help: 'search the log; an upper-case letter makes it match case'},
		{keys: ['n'], action: 'nextMatch', help: 'next match (after the last, the first)'},
		{keys: ['N'], action: 'prevMatch', help: 'previous match (before the first, the last)'},
		{keys: ['esc', 'left'], action: 'back', help: 'clear the search, or back to the run'},
		...COMMON,
	],
};

export function actionFor(view: View, name: string): Action | null {
	for (const binding of BINDINGS[view]) {
		if (binding.keys.includes(name)) return binding.action;
	}
	return null;
}

export const VIEW_NAMES: Record<View, string> = {list: 'run list', detail: 'run view', log: 'log view'};
