import * as original from '@alcalzone/ansi-tokenize';
import packageWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import stringWidth from '../../source/output/string-width.js';
import {styledCharsFromTokens, styledCharsToString, tokenize} from '../../source/ui/terminal/ansi-tokenize.js';

const LINES = [
	'plain ascii',
	'\u001b[7m» ⠏ running   deploy   #5751\u001b[27m',
	'✓ success · 漢字 wide · 👍🏽 emoji · e\u0301 combining',
	'\u001b[31m✗ failed\u001b[39m \u001b[2m12m ago\u001b[22m',
	'',
];

describe('the measuring and splitting that every frame repeats, remembered', () => {
	it('measures exactly as string-width does, the second time from memory', () => {
		for (const line of LINES) {
			expect(stringWidth(line)).toBe(packageWidth(line));
			expect(stringWidth(line)).toBe(packageWidth(line));
			expect(stringWidth(line, {countAnsiEscapeCodes: true})).toBe(packageWidth(line, {countAnsiEscapeCodes: true}));
		}
	});

	it('splits a line into the same styled characters as Ink’s tokenizer, and the same line into the same objects', () => {
		for (const line of LINES) {
			const chars = styledCharsFromTokens(tokenize(line));
			expect(chars).toEqual(original.styledCharsFromTokens(original.tokenize(line)));
			expect(styledCharsFromTokens(tokenize(line))).toBe(chars);
		}
	});

	it('joins a row back into the same text, whether it was seen before or only looks alike', () => {
		for (const line of LINES) {
			const chars = styledCharsFromTokens(tokenize(line));
			const expected = original.styledCharsToString(chars);
			expect(styledCharsToString([...chars])).toBe(expected);
			expect(styledCharsToString([...chars])).toBe(expected);
		}
		// A row that shares its first character object but not the rest is joined afresh.
		const [a, b] = [styledCharsFromTokens(tokenize('\u001b[7mab\u001b[27m')), styledCharsFromTokens(tokenize('\u001b[1mcd\u001b[22m'))];
		expect(styledCharsToString([a[0]!, a[1]!])).toBe(original.styledCharsToString([a[0]!, a[1]!]));
		expect(styledCharsToString([a[0]!, b[1]!])).toBe(original.styledCharsToString([a[0]!, b[1]!]));
	});
});
