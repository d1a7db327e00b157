import measure from 'string-width';
import {describe, expect, it} from 'vitest';
import stringWidth, {simpleWidth} from '../../source/output/string-width.js';
import {ASCII_SYMBOLS, UNICODE_SYMBOLS} from '../../source/ui/logic/symbols.js';

describe('cell widths', () => {
	it('agree with string-width for every code point they work out themselves, alone and beside others', () => {
		const own: number[] = [];
		for (let code = 0; code < 0x3000; code++) {
			const char = String.fromCodePoint(code);
			if (simpleWidth(char) === -1) continue;
			own.push(code);
			for (const text of [char, char + char, `a${char}`, `${char}a`, `\u001b[1;31m${char}\u001b[39m`]) expect(simpleWidth(text), `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(measure(text));
		}
		// Every letter of Latin, Greek and Cyrillic, and the shapes and braille of the screen.
		expect(own.length).toBeGreaterThan(2_000);
	});

	it('work out every glyph of the screen without string-width', () => {
		for (const symbols of [UNICODE_SYMBOLS, ASCII_SYMBOLS]) {
			for (const glyph of Object.values(symbols).flat()) expect(simpleWidth(glyph), glyph).toBe(1 * [...glyph].length);
		}
		for (const glyph of ['✓', '✗', '○', '▷', '█', '░', '▰', '▱', '⊘']) expect(simpleWidth(glyph), glyph).toBe(1);
	});

	it('leave wide, joined and combined text to string-width, and answer the same', () => {
		for (const text of ['界面', 'e\u0301', 'a\u200db', '\u0007', '\u001b]0;title\u0007x', '\u001b[', 'ﾊﾟ']) {
			expect(simpleWidth(text), JSON.stringify(text)).toBe(-1);
			expect(stringWidth(text), JSON.stringify(text)).toBe(measure(text));
		}
	});

	it('count a grapheme of several letters a cell per letter, as terminals draw it', () => {
		// string-width counts each as one grapheme; the sanitizer takes emoji sequences apart before they are measured.
		for (const [text, cells, graphemeCells] of [['हिन्दी', 5, 4], ['กำ', 2, 1], ['👍🏽', 4, 2]] as const) {
			expect([stringWidth(text), measure(text)], text).toEqual([cells, graphemeCells]);
		}
		// A syllable written as separate jamo: its vowel and final consonant take no cell of their own.
		expect(stringWidth('\u1100\u1161\u11a8')).toBe(2);
		expect(stringWidth('\u001b[31m漢字 हिन्दी\u001b[39m')).toBe(10);
	});
});
