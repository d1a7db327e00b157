import * as inkTokenizer from '@alcalzone/ansi-tokenize';
import packageWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {LruCache} from '../../source/output/lru.js';
import stringWidth from '../../source/output/string-width.js';
import {rowCells} from '../../source/ui/terminal/cells.js';
import {LINES_REMEMBERED, styledCharsFromTokens, styledCharsToString, tokenize} from '../../source/ui/terminal/styled-chars.js';

const LINES = [
	'plain ascii',
	'\u001b[7m» ⠏ running   deploy   #5751\u001b[27m',
	'✓ success · 漢字 wide · 👍🏽 emoji · e\u0301 combining',
	'\u001b[31m✗ failed\u001b[39m \u001b[2m12m ago\u001b[22m',
	'\u001b[1m\u001b[38;5;208mbold orange\u001b[39m still bold\u001b[22m plain \u001b[48;2;1;2;3mtrue bg\u001b[49m',
	'\u001b[7m  ⠙ running   acme/api  #1284  ███████░░░░  52%\u001b[27m',
	'',
];

/** A row as Ink's Output builds it: the line's characters, then blank cells to the width. */
function row(chars: readonly {value: string}[], width: number) {
	const cells = [...chars];
	while (cells.length < width) cells.push({type: 'char', value: ' ', fullWidth: false, styles: []} as never);
	return cells;
}

describe('Ink’s frame tokenizer, owned', () => {
	it('puts the same cells on screen as @alcalzone/ansi-tokenize', () => {
		for (const line of LINES) {
			const ours = styledCharsToString(row(styledCharsFromTokens(tokenize(line)), 60) as never);
			const theirs = inkTokenizer.styledCharsToString(row(inkTokenizer.styledCharsFromTokens(inkTokenizer.tokenize(line)), 60) as never);
			expect(rowCells(ours, 60), line).toEqual(rowCells(theirs, 60));
		}
	});

	it('splits a line seen on a recent screen once, and forgets lines once a dozen screens have passed', () => {
		const first = tokenize('\u001b[1mrow 0\u001b[22m');
		expect(tokenize('\u001b[1mrow 0\u001b[22m')).toBe(first);
		for (let index = 1; index <= 2 * LINES_REMEMBERED; index++) tokenize(`\u001b[1mrow ${index}\u001b[22m`);
		const again = tokenize('\u001b[1mrow 0\u001b[22m');
		expect(again).not.toBe(first);
		expect(again).toEqual(first);
	});

	it('joins a row of the same characters from memory, and a row that only starts alike afresh', () => {
		const a = styledCharsFromTokens(tokenize('\u001b[7mab\u001b[27m'));
		const b = styledCharsFromTokens(tokenize('\u001b[1mcd\u001b[22m'));
		const text = styledCharsToString([...a]);
		expect(styledCharsToString([...a])).toBe(text);
		expect(rowCells(styledCharsToString([a[0]!, b[1]!]), 2)).toEqual([
			{char: 'a', style: '7'},
			{char: 'd', style: '1'},
		]);
	});

	it('stops at the asked width, as Ink’s truncation asks', () => {
		expect(tokenize('abcdef', 3).map((token) => (token as {value: string}).value)).toEqual(['a', 'b', 'c']);
	});
});

describe('remembered widths', () => {
	it('measures as string-width does, the second time from memory', () => {
		// Emoji sequences reach the screen taken apart (see the sanitizer); every other line measures as string-width says
		// (a grapheme of several letters aside: tests/model/string-width.test.ts).
		for (const line of LINES.filter((text) => !text.includes('👍🏽'))) {
			expect(stringWidth(line)).toBe(packageWidth(line));
			expect(stringWidth(line)).toBe(packageWidth(line));
		}
		for (const line of LINES) expect(stringWidth(line, {countAnsiEscapeCodes: true})).toBe(packageWidth(line, {countAnsiEscapeCodes: true}));
	});
});

describe('LruCache', () => {
	it('keeps what was used lately and forgets the rest, never holding more than two generations', () => {
		const cache = new LruCache<string, number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('c', 3);
		expect(cache.get('a')).toBe(1);
		cache.set('d', 4);
		cache.set('e', 5);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe(1);
		expect(cache.get('e')).toBe(5);
		for (let index = 0; index < 100; index++) cache.set(`k${index}`, index);
		expect(cache.size).toBeLessThanOrEqual(4);
	});
});
