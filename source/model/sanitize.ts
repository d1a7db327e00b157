/**
 * Server text (run names, messages, logs) never reaches the terminal raw.
 * These functions strip every escape sequence (CSI, OSC, DCS, SOS, PM, APC, and
 * the 8-bit C1 forms), every C0/C1 control and DEL, and every invisible format character (the
 * bidirectional overrides that can make text read differently from what it is among them); line
 * and paragraph separators break lines like newlines, emoji sequences a terminal may draw at
 * another width are taken apart, and what is no character, or an emoji newer than a terminal may
 * know, shows as U+FFFD.
 * Any token citop holds is replaced (a server may echo the one it was sent).
 */
import {redactSecrets} from './secrets.js';

// ESC-introduced strings that end with BEL or ST (ESC \ or 0x9C): OSC, DCS, SOS, PM, APC.
const ESC_STRING = /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
// 8-bit introducers of the same strings.
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
// CSI, 7-bit and 8-bit: parameters, intermediates, one final byte.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
// Any other escape: intermediates then one final byte (ESC 7, ESC c, ESC ( B …).
const ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// Format characters and the others Unicode says to draw as nothing (the bidirectional overrides,
// a soft hyphen, Hangul fillers, Arabic's number sign): terminals give some of them a cell.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
// A code point Unicode has not assigned, or half of a UTF-16 pair: a terminal draws it in no cell
// or one, and written out it becomes U+FFFD anyway.
const NOT_A_CHARACTER = /[\p{Cn}\p{Cs}]/gu;
// Emoji added in Unicode 15.0, 16.0 and 17.0 (15.1 added none): a terminal whose tables are older
// draws them in no cell or one (tmux 3.3a: none) where citop counts two, so they show as U+FFFD,
// like a code point the terminal does not know at all.
const NEWER_EMOJI = new RegExp(
	`[${[
		'\u{1f6dc}\u{1fa75}-\u{1fa77}\u{1fa87}\u{1fa88}\u{1faad}-\u{1faaf}\u{1fabb}-\u{1fabd}\u{1fabf}\u{1face}\u{1facf}\u{1fada}\u{1fadb}\u{1fae8}\u{1faf7}\u{1faf8}', // 15.0
		'\u{1fa89}\u{1fa8f}\u{1fabe}\u{1fac6}\u{1fadc}\u{1fadf}\u{1fae9}', // 16.0
		'\u{1f6d8}\u{1fa8a}\u{1fa8e}\u{1fac8}\u{1facd}\u{1faea}\u{1faef}', // 17.0
	].join('')}]`,
	'gu',
);
// What is left of C0 (except tab and newline, handled by the callers), DEL and C1.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// The line and paragraph separators: a terminal may move to the next line, draw a cell, or nothing.
const SEPARATORS = /[\u2028\u2029]/g;
const LINE_BREAKS = /[\t\r\n\u2028\u2029]+/g;
// What joins emoji into one picture (ZWJ, presentation selectors, skin tones, keycaps, tags): a
// terminal draws the picture in 2 cells or its parts side by side, and citop cannot know which.
// Without them each part is drawn alike everywhere, at the width citop counts.
const EMOJI_JOINERS = /[\u200d\ufe0e\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{e0000}-\u{e007f}]/gu;
// A flag is a pair of regional indicators, one cell or two or four: shown as its letters ("DE").
const REGIONAL_INDICATOR = /[\u{1f1e6}-\u{1f1ff}]/gu;
const REGIONAL_A = 0x1f1e6;
// The same but carriage return, which a log line resolves as a terminal would.
const CONTROL_BUT_CR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Half of a UTF-16 pair without its other half: no character, and URI encoding throws on it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with each lone surrogate replaced by U+FFFD, as a decoder would. */
export function wellFormed(text: string): string {
	return text.replace(LONE_SURROGATE, '\ufffd');
}

export const DEFAULT_LINE_LENGTH = 500;
// Longer than any token a header carries.
const TOKEN_MARGIN = 512;
export const DEFAULT_LOG_LINE_LENGTH = 4000;

function stripSequences(text: string): string {
	return text
		.replace(ESC_STRING, '')
		.replace(C1_STRING, '')
		.replace(CSI, '')
		.replace(ESC_OTHER, '')
		.replace(INVISIBLE, '')
		.replace(NOT_A_CHARACTER, '\ufffd')
		.replace(NEWER_EMOJI, '\ufffd');
}

/** Text whose every character is drawn at the width citop counts for it, on any terminal. */
function evenWidths(text: string): string {
	return text
		.replace(EMOJI_JOINERS, '')
		.replace(REGIONAL_INDICATOR, (char) => String.fromCharCode(65 + (char.codePointAt(0) ?? REGIONAL_A) - REGIONAL_A));
}

function bound(text: string, max: number): string {
	if (text.length <= max) return text;
	// Do not cut a surrogate pair in half.
	let end = Math.max(0, max - 1);
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end -= 1;
	return text.slice(0, end) + '…';
}

function expandTabs(line: string): string {
	if (!line.includes('\t')) return line;
	let out = '';
	for (const char of line) {
		out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
	}
	return out;
}

/**
 * Keep what a terminal would show after carriage returns: the text written last over each column,
 * up to `max` columns. Each column is taken from the last part that reaches it, so the work is one
 * pass over the line, however many times it is overwritten.
 */
function resolveCarriageReturns(line: string, max: number): string {
	if (!line.includes('\r')) return line;
	const parts = line.split('\r');
	let shown = '';
	for (let index = parts.length - 1; index >= 0 && shown.length < max; index--) {
		const part = parts[index]!;
		if (part.length > shown.length) shown += part.slice(shown.length, max);
	}
	return shown;
}

/** One line of server text for a cell: no controls, no newlines, bounded length. */
export function sanitizeLine(value: unknown, max = DEFAULT_LINE_LENGTH): string {
	if (value === null || value === undefined) return '';
	const text = typeof value === 'string' ? value : String(value);
	const clean = evenWidths(stripSequences(text).replace(LINE_BREAKS, ' ').replace(CONTROL, ''));
	return bound(redactSecrets(clean.trim()), max);
}

/** Optional server text: null stays null, so the view can show it as missing. */
export function sanitizeOptional(value: unknown, max = DEFAULT_LINE_LENGTH): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const clean = sanitizeLine(value, max);
	return clean === '' ? null : clean;
}

/** Log text: split into clean lines, each bounded. */
export function sanitizeLogLines(value: unknown, maxLine = DEFAULT_LOG_LINE_LENGTH): string[] {
	if (typeof value !== 'string' || value === '') return [];
	const lines = stripSequences(value).replace(/\r\n/g, '\n').replace(SEPARATORS, '\n').split('\n');
	// Cut before tabs are expanded (a tab only widens the line, and past maxLine nothing is shown),
	// but after a margin for a token that starts before the cut, so no part of it is left.
	const kept = maxLine + 1 + TOKEN_MARGIN;
	return lines.map((line) => bound(redactSecrets(evenWidths(expandTabs(resolveCarriageReturns(line.replace(CONTROL_BUT_CR, ''), kept).slice(0, kept)))), maxLine));
}
