import {LruCache} from '../../output/lru.js';
import {scanStyled} from './cells.js';

/**
 * Ink's frame tokenizer, owned here. Every frame, Ink 6.8 splits each line it writes into styled
 * characters with @alcalzone/ansi-tokenize (tokenize, styledCharsFromTokens) and joins each
 * screen row back into text (styledCharsToString). That package segments every line into
 * graphemes with Intl.Segmenter, about a microsecond a character: two thirds of a 120×40 frame.
 * The build points Ink's import of the package at this module (the only import of it anywhere),
 * which does the same job at a fraction of the cost:
 * - a line seen on one of the last few screens is split once (least recently used, so memory is
 *   bounded by what is on screen, never by how long citop runs);
 * - printable ASCII takes one step a character, and a style is one shared object per distinct
 *   SGR state, so a row joins back into text with one escape per change of style;
 * - a row made of the same character objects as last time is joined from memory.
 * The text it yields puts the same cells on screen as the package's (tests/ui/styled-chars.test.ts).
 */

export interface AnsiCode {
	type: 'ansi';
	code: string;
	endCode: string;
}

export interface StyledChar {
	type: 'char';
	value: string;
	fullWidth: boolean;
	styles: AnsiCode[];
}

export type Token = AnsiCode | StyledChar;

/** Lines split and kept, per generation of the cache: half a dozen screens of rows, however long citop runs. */
export const LINES_REMEMBERED = 256;
const RESET = '\u001b[0m';

const lines = new LruCache<string, StyledChar[]>(LINES_REMEMBERED);
const styles = new Map<string, AnsiCode[]>([['', []]]);
/** Distinct styles are few (a theme's worth); a line of odd escapes cannot make this grow without end. */
const STYLES_REMEMBERED = 256;

function stylesOf(style: string): AnsiCode[] {
	let known = styles.get(style);
	if (known === undefined) {
		if (styles.size >= STYLES_REMEMBERED) {
			styles.clear();
			styles.set('', []);
		}
		known = [{type: 'ansi', code: `\u001b[0;${style}m`, endCode: RESET}];
		styles.set(style, known);
	}
	return known;
}

function split(line: string, endChar: number): StyledChar[] {
	const chars: StyledChar[] = [];
	let visible = 0;
	scanStyled(line, (value, width, style) => {
		const last = chars.at(-1);
		if (width === 0 && last) {
			last.value += value;
			return true;
		}
		chars.push({type: 'char', value, fullWidth: width >= 2, styles: stylesOf(style)});
		visible += width >= 2 ? 2 : 1;
		return visible < endChar;
	});
	return chars;
}

/** The line's characters, each with its style already applied (so no separate SGR tokens). */
export function tokenize(line: string, endChar = Number.POSITIVE_INFINITY): Token[] {
	if (endChar !== Number.POSITIVE_INFINITY) return split(line, endChar);
	let known = lines.get(line);
	if (known === undefined) {
		known = split(line, endChar);
		lines.set(line, known);
	}
	return known;
}

export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
	if (tokens.every((token): token is StyledChar => token.type === 'char')) return tokens;
	// Only tokens of this module reach here from Ink; anything else is read as best it can be.
	return tokens.filter((token): token is StyledChar => token.type === 'char');
}

function codeOf(list: readonly AnsiCode[]): string {
	if (list.length === 0) return '';
	if (list.length === 1) return list[0]!.code;
	return list.map((code) => code.code).join('');
}

const rows = new WeakMap<StyledChar, {chars: readonly StyledChar[]; text: string}>();

function join(row: readonly StyledChar[]): string {
	let text = '';
	let current: AnsiCode[] = [];
	let currentCode = '';
	for (const char of row) {
		if (char.styles !== current) {
			const code = codeOf(char.styles);
			if (code !== currentCode) text += code === '' ? RESET : code;
			current = char.styles;
			currentCode = code;
		}
		text += char.value;
	}
	return currentCode === '' ? text : text + RESET;
}

/** One screen row as text: one escape where the style changes, reset at the end. */
export function styledCharsToString(row: StyledChar[]): string {
	const first = row[0];
	if (first === undefined) return '';
	const known = rows.get(first);
	if (known !== undefined && known.chars.length === row.length && known.chars.every((char, index) => char === row[index])) return known.text;
	const text = join(row);
	rows.set(first, {chars: row, text});
	return text;
}
