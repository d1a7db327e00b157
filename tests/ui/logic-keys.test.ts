import {describe, expect, it} from 'vitest';
import type {KeyFlags} from '../../source/ui/logic/keys.js';
import {BINDINGS, actionFor, keyName, keyNames} from '../../source/ui/logic/keys.js';
import {helpLines, keyHints, typedModeLines} from '../../source/ui/logic/modes.js';

const none: KeyFlags = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
};

describe('key names', () => {
	it('names special keys and passes characters through', () => {
		expect(keyName('', {...none, downArrow: true})).toBe('down');
		expect(keyName('', {...none, tab: true, shift: true})).toBe('shift-tab');
		expect(keyName('c', {...none, ctrl: true})).toBe('ctrl-c');
		expect(keyName('G', {...none, shift: true})).toBe('G');
		expect(keyName(' ', none)).toBe('space');
		expect(keyName('', {...none, return: true})).toBe('enter');
	});

	it('splits a burst of plain keys into one name each', () => {
		expect(keyNames('jjk', none)).toEqual(['j', 'j', 'k']);
		expect(keyNames('k\r', none)).toEqual(['k', 'enter']);
		expect(keyNames('', {...none, upArrow: true})).toEqual(['up']);
		expect(keyNames('G', {...none, shift: true})).toEqual(['G']);
	});
});

describe('key maps', () => {
	it('maps keys to actions per view', () => {
		expect(actionFor('list', 'j')).toBe('down');
		expect(actionFor('list', 'enter')).toBe('open');
		expect(actionFor('detail', 'enter')).toBe('toggle');
		expect(actionFor('detail', 'l')).toBe('log');
		expect(actionFor('log', 'F')).toBe('follow');
		expect(actionFor('log', 't')).toBeNull();
		expect(actionFor('list', 'z')).toBeNull();
	});

	it('gives no key two meanings in one view', () => {
		for (const bindings of Object.values(BINDINGS)) {
			const keys = bindings.flatMap((binding) => binding.keys);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});

	it('draws the key bar and the help from the same tables', () => {
		expect(keyHints('list', false)).toContain('↑↓ move');
		expect(keyHints('list', true)).toContain('j/k move');
		expect(keyHints('list', true).join(' ')).toMatch(/^[\x20-\x7e]+$/);
		expect(helpLines('log').map((line) => line.keys)).toContain('F');
	});

	it('lists every key of every view in the help, the current view first, each other view once under its heading', () => {
		const lines = helpLines('list');
		for (const view of ['list', 'detail', 'log'] as const) {
			for (const binding of BINDINGS[view]) expect(lines.map((line) => line.help)).toContain(binding.help);
		}
		expect(lines[0]?.help).toBe('move up');
		expect(lines.filter((line) => line.keys === '').map((line) => line.help)).toEqual(['in the run view:', 'in the log view:']);
		expect(typedModeLines().filter((line) => line.keys === '').map((line) => line.help)).toEqual([
			'while typing a filter (/ in the run list):',
			'while typing a search (/ in the log view):',
			'in the trigger form (t):',
			'when citop asks first (x, R):',
		]);
		expect(lines.filter((line) => line.help === 'refresh now')).toHaveLength(1);
	});
});

describe('the key bar of each mode', () => {
	const MODES = ['list', 'detail', 'log', 'filter', 'search', 'trigger', 'confirm'] as const;

	it('names keys the mode takes, each also in the help with what it does', () => {
		const help = typedModeLines();
		for (const mode of MODES) {
			const hints = keyHints(mode, true);
			expect(hints.length, mode).toBeGreaterThan(1);
			expect(hints.join(' '), mode).toMatch(/^[\x20-\x7e]+$/);
			if (mode === 'list' || mode === 'detail' || mode === 'log') {
				// A view's hint is a key of its own key map, by the key that does it.
				for (const hint of keyHints(mode, false)) {
					const key = hint.split(' ')[0]!;
					const first = {'↑↓': 'up', '←→': 'right', '⏎': 'enter', 'n/N': 'n'}[key] ?? key;
					expect(actionFor(mode, first), `${mode}: ${hint}`).not.toBeNull();
				}
			}
		}
		// The typed modes' keys are listed in the help under their heading.
		const search = help.findIndex((line) => line.help.startsWith('while typing a search'));
		expect(help.slice(search + 1, search + 3)).toEqual([
			{keys: 'enter', help: 'keep the search and go to the first match from the top of the view'},
			{keys: 'esc', help: 'clear the search'},
		]);
	});

	it('says what each mode takes', () => {
		expect(keyHints('filter', false)).toEqual(['⏎ keep', 'esc clear', '↑↓ move']);
		expect(keyHints('search', false)).toEqual(['⏎ find', 'esc clear']);
		expect(keyHints('trigger', false)).toEqual(['↑↓ pick', '⏎ next', 'esc cancel']);
		expect(keyHints('confirm', false)).toEqual(['y yes', 'n/esc no']);
		expect(keyHints('log', false)).toEqual(['↑↓ move', '/ search', 'n/N match', 'F follow', 'G end', 'r refresh', 'p pause', 'esc back', '? help', 'q quit']);
		expect(keyHints('detail', true).slice(0, 3)).toEqual(['j/k move', 'left/right fold', 'l log']);
	});
});
