import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {displayWidth, truncate, wrapCells} from '../../source/output/text.js';
import {fitToWidth} from '../../source/ui/logic/text.js';
import {painter} from '../../source/ui/logic/paint.js';
import {composeLine, composeParts} from '../../source/ui/logic/compose.js';

describe('display width', () => {
	it('counts wide characters as two columns and marks as none', () => {
		expect(displayWidth('main')).toBe(4);
		expect(displayWidth('修正/ブランチ')).toBe(13);
		expect(displayWidth('e\u0301')).toBe(1);
	});

	it('truncates to the width with an ellipsis, never splitting a wide character', () => {
		expect(truncate('feature/login', 8)).toBe('feature…');
		expect(truncate('feature/login', 8, '~')).toBe('feature~');
		expect(truncate('main', 8)).toBe('main');
		const cut = truncate('修正修正修正', 7);
		expect(cut).toBe('修正修…');
		expect(stringWidth(cut)).toBe(7);
		expect(truncate('abc', 0)).toBe('');
	});

	it('fits text to an exact width, left or right', () => {
		expect(fitToWidth('ab', 5)).toBe('ab   ');
		expect(fitToWidth('ab', 5, 'right')).toBe('   ab');
		expect(stringWidth(fitToWidth('日本語のブランチ', 9))).toBe(9);
	});


	it('wraps long lines by columns', () => {
		expect(wrapCells('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
		expect(wrapCells('', 3)).toEqual(['']);
		expect(wrapCells('日本語', 4)).toEqual(['日本', '語']);
	});
});

describe('painting', () => {
	it('colours only with colour on, and keeps bold and inverse without', () => {
		const color = painter(true);
		const mono = painter(false);
		expect(color.tone('ok', 'success')).toBe('\u001b[32mok\u001b[39m');
		expect(mono.tone('ok', 'success')).toBe('ok');
		expect(mono.inverse('row')).toBe('\u001b[7mrow\u001b[27m');
		expect(mono.bold('row')).toBe('\u001b[1mrow\u001b[22m');
	});

	it('closes a colour without ending the inverse of the row around it', () => {
		const paint = painter(true);
		const row = paint.inverse(`a ${paint.tone('b', 'failed')} c`);
		expect(row).toBe('\u001b[7ma \u001b[31mb\u001b[39m c\u001b[27m');
	});
});

describe('composing a status line', () => {
	const paint = painter(false);

	it('drops the least important parts first, then cuts the last one', () => {
		const parts = [
			{text: 'first', priority: 1},
			{text: 'error: boom', priority: 3},
			{text: 'age', priority: 2},
		];
		expect(composeParts(parts, 80, paint, ' · ').text).toBe('first · error: boom · age');
		expect(composeParts(parts, 18, paint, ' · ').text).toBe('error: boom · age');
		expect(composeParts(parts, 8, paint, ' · ').text).toBe('error: …');
	});

	it('pins the right side to the edge', () => {
		const line = composeLine([{text: 'citop'}], [{text: '12:04:31'}], 20, paint, ' ');
		expect(line).toBe('citop       12:04:31');
		expect(stringWidth(line)).toBe(20);
	});
});
