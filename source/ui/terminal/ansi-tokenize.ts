// Ink's own tokenizer, by path: the build points Ink's `@alcalzone/ansi-tokenize` import at this file.
import {styledCharsFromTokens as charsOf, styledCharsToString as textOf, tokenize as tokensOf} from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import type {StyledChar, Token} from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

export * from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

const LIMIT = 20_000;
const tokens = new Map<string, Token[]>();
const chars = new WeakMap<Token[], StyledChar[]>();

/**
 * Ink splits every line of every frame into styled characters and joins each screen row back into
 * text, and a frame differs from the one before in a few cells: remembering both (Ink only reads
 * what it gets) takes most of the cost out of a frame. A line maps to one token array, that array to
 * one list of characters, and a row made of the same character objects to the same text.
 */
export function tokenize(line: string, endCharIdx?: number): Token[] {
	if (endCharIdx !== undefined) return tokensOf(line, endCharIdx);
	let known = tokens.get(line);
	if (known === undefined) {
		known = tokensOf(line);
		if (tokens.size >= LIMIT) tokens.clear();
		tokens.set(line, known);
	}
	return known;
}

export function styledCharsFromTokens(list: Token[]): StyledChar[] {
	let known = chars.get(list);
	if (known === undefined) {
		known = charsOf(list);
		chars.set(list, known);
	}
	return known;
}

const rows = new WeakMap<StyledChar, {chars: readonly StyledChar[]; text: string}>();

export function styledCharsToString(row: StyledChar[]): string {
	const first = row[0];
	if (first === undefined) return '';
	const known = rows.get(first);
	if (known !== undefined && known.chars.length === row.length && known.chars.every((char, index) => char === row[index])) return known.text;
	const text = textOf(row);
	rows.set(first, {chars: row, text});
	return text;
}
