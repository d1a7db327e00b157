import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {sanitizeLine, sanitizeLogLines, sanitizeOptional} from '../../source/model/sanitize.js';

const ESC = '\u001b';

describe('sanitizeLine', () => {
	it.each([
		['OSC title (BEL)', `${ESC}]0;pwned${ESC}\\deploy`, 'deploy'],
		['OSC title (ST)', `build${ESC}]2;owned${ESC}\\ ok`, 'build ok'],
		['OSC 52 clipboard write', `a${ESC}]52;c;ZXZpbA==\u0007b`, 'ab'],
		['OSC 8 hyperlink', `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
		['clear screen and home', `${ESC}[2J${ESC}[Hmain`, 'main'],
		['colours', `${ESC}[31;1mred${ESC}[0m`, 'red'],
		['cursor moves', `a${ESC}[10A${ESC}[5;5Hb${ESC}[?25l`, 'ab'],
		['DCS', `x${ESC}Pq#0;2;0;0;0${ESC}\\y`, 'xy'],
		['APC / PM / SOS', `x${ESC}_hidden${ESC}\\${ESC}^pm${ESC}\\${ESC}Xsos${ESC}\\y`, 'xy'],
		['8-bit CSI', 'a\u009b31mb', 'ab'],
		['8-bit OSC', 'a\u009d0;title\u0007b', 'ab'],
		['bell and other C0', 'a\u0007\u0000\u0008b', 'ab'],
		['DEL and C1', 'a\u007f\u0085\u0080b', 'ab'],
		['an unterminated 8-bit DCS swallows what follows, as a terminal would', 'a\u0090b', 'a'],
		['charset and reset escapes', `a${ESC}(B${ESC}c${ESC}7b`, 'ab'],
		['newlines and tabs become spaces', 'fix:\n\tthe\r\nbuild', 'fix: the build'],
		['bidi overrides', 'abc\u202edcba', 'abcdcba'],
		['a lone ESC at the end', `abc${ESC}`, 'abc'],
	])('strips %s', (_name, input, expected) => {
		expect(sanitizeLine(input)).toBe(expected);
	});

	it('keeps printable Unicode', () => {
		expect(sanitizeLine('déployer 🚀 成功 — ok')).toBe('déployer 🚀 成功 — ok');
	});

	it.each([
		['line and paragraph separators become spaces', 'a\u2028b\u2029c', 'a b c'],
		['a ZWJ family is its members', '👨\u200d👩\u200d👧 home', '👨👩👧 home'],
		['a flag is its letters', 'ship 🇩🇪 🇯🇵', 'ship DE JP'],
		['presentation selectors and skin tones go', '❤\ufe0f 👍\u{1f3fd} ☺\ufe0e', '❤ 👍 ☺'],
		['a keycap is its digit', '1\ufe0f\u20e3', '1'],
		['a tag flag is its black flag', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', '🏴'],
		['invisible characters a terminal may give a cell go (soft hyphen, Hangul fillers, number sign, zero-width space)', 'a\u00adb\u3164c\u115fd\uffa0e\u0600f\u200bg', 'abcdefg'],
		['an unassigned code point, a noncharacter and half of a UTF-16 pair show as U+FFFD', 'a\u0378b\ufffec\ud800d', 'a\ufffdb\ufffdc\ufffdd'],
		['emoji newer than Unicode 14 show as U+FFFD (shaking face, hyacinth, harp, landslide), older ones stay', '\u{1fae8}\ufe0f \u{1fabb} \u{1fa89} \u{1f6d8} \u{1fae7}\u{1faf6}\u{1faba}', '\ufffd \ufffd \ufffd \ufffd \u{1fae7}\u{1faf6}\u{1faba}'],
	])('evens out widths: %s', (_name, input, expected) => {
		const clean = sanitizeLine(input);
		expect(clean).toBe(expected);
		// A terminal that draws each character alone takes the cells citop counts for the whole.
		expect([...clean].reduce((sum, char) => sum + stringWidth(char), 0)).toBe(stringWidth(clean));
	});

	it('bounds length with an ellipsis and never splits a surrogate pair', () => {
		const long = 'x'.repeat(10_000);
		expect(sanitizeLine(long)).toHaveLength(500);
		expect(sanitizeLine(long).endsWith('…')).toBe(true);
		expect(sanitizeLine('ab🚀cd', 4)).toBe('ab…');
	});

	it('treats null and non-strings calmly', () => {
		expect(sanitizeLine(null)).toBe('');
		expect(sanitizeLine(42)).toBe('42');
		expect(sanitizeOptional(null)).toBeNull();
		expect(sanitizeOptional(`${ESC}[2J`)).toBeNull();
		expect(sanitizeOptional({})).toBeNull();
		expect(sanitizeOptional(' main ')).toBe('main');
	});
});

describe('sanitizeLogLines', () => {
	it('keeps lines, strips sequences, resolves carriage returns and expands tabs', () => {
		const log = `step 1\r\n${ESC}[32mgreen${ESC}[0m\nprogress 10%\rprogress 100%\na\tb\n${ESC}]0;title\u0007done`;
		expect(sanitizeLogLines(log)).toEqual(['step 1', 'green', 'progress 100%', 'a       b', 'done']);
	});

	it('breaks lines at line and paragraph separators, and evens out emoji widths', () => {
		expect(sanitizeLogLines('one\u2028two\u2029three 🇫🇷 a\u00adb\u0378 \u{1fae8}')).toEqual(['one', 'two', 'three FR ab\ufffd \ufffd']);
	});

	it('bounds each line and gives nothing for non-text', () => {
		expect(sanitizeLogLines('y'.repeat(9000))[0]).toHaveLength(4000);
		expect(sanitizeLogLines(null)).toEqual([]);
		expect(sanitizeLogLines('')).toEqual([]);
	});

	it('shows each column as last written, a shorter overwrite leaving the longer text after it', () => {
		expect(sanitizeLogLines('downloading 10%\rdone\r\u0007D')).toEqual(['Doneloading 10%']);
		expect(sanitizeLogLines('x'.repeat(9000) + '\ry'.repeat(3))[0]).toBe(`y${'x'.repeat(3998)}…`);
	});
});
