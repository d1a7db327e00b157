import {describe, expect, it} from 'vitest';
import {minimalUpdateBytes} from './cells.js';
import {tokenize, tokenizeAll, visible} from './tokens.js';
import {VirtualTerminal} from './vt.js';

describe('tokenize', () => {
	it('splits text from CSI, OSC, string controls, lone escapes and C0/C1 controls', () => {
		const tokens = tokenizeAll('a\u001b[1;31mb\u001b]0;title\u0007c\u001bPtmux;x\u001b\\d\u001b7e\u0007f\u009b2Jg\u0085');
		expect(tokens.map((token) => token.type)).toEqual(['text', 'csi', 'text', 'osc', 'text', 'dcs', 'text', 'esc', 'text', 'c0', 'text', 'csi', 'text', 'c1']);
		expect(tokens[1]).toMatchObject({params: '1;31', final: 'm'});
		expect(tokens[3]).toMatchObject({body: '0;title'});
		expect(tokens[11]).toMatchObject({params: '2', final: 'J', raw: '\u009b2J'});
	});

	it('keeps an unfinished sequence for the next chunk', () => {
		expect(tokenize('ok\u001b[12')).toEqual({tokens: [{type: 'text', text: 'ok'}], rest: '\u001b[12'});
		expect(tokenize('\u001b]0;half').rest).toBe('\u001b]0;half');
		expect(tokenizeAll('\u001b]0;half').at(-1)).toMatchObject({type: 'esc', raw: '\u001b]0;half'});
	});

	it('spells controls out for failure messages', () => {
		expect(visible('\u001b]0;x\u0007\u009b')).toBe('␛]0;x␇\\x9b');
	});
});

describe('VirtualTerminal', () => {
	it('places text with absolute moves and erases to the end of the row', () => {
		const vt = new VirtualTerminal(10, 3);
		vt.write('\u001b[2;3Hhello\u001b[2;1Hab\u001b[K');
		expect(vt.lines()).toEqual(['          ', 'ab        ', '          ']);
	});

	it('records the title, bells, notifications and scrolling', () => {
		const vt = new VirtualTerminal(5, 2);
		vt.write('\u001b]0;pwned\u0007\u0007\u001b]9;done\u0007ab\r\ncd\r\nef');
		expect(vt.title).toBe('pwned');
		expect(vt.bells).toBe(1);
		expect(vt.notifications).toEqual(['done']);
		expect(vt.scrolls).toBe(1);
		expect(vt.text()).toBe('cd\nef');
	});

	it('clips instead of wrapping when autowrap is off, and wraps when it is on', () => {
		const off = new VirtualTerminal(4, 2);
		off.write('\u001b[?7labcdef');
		expect(off.lines()).toEqual(['abcf', '    ']);
		const on = new VirtualTerminal(4, 2);
		on.write('abcdef');
		expect(on.lines()).toEqual(['abcd', 'ef  ']);
	});

	it('keeps styles per cell, and wide characters take two cells', () => {
		const vt = new VirtualTerminal(6, 1);
		vt.write('\u001b[1;7mA\u001b[22m界\u001b[0mz');
		const [row] = vt.cells();
		expect(row?.slice(0, 4)).toEqual([
			{char: 'A', style: '1;7'},
			{char: '界', style: '7'},
			{char: '', style: '7'},
			{char: 'z', style: ''},
		]);
	});

	it('leaves the alternate screen back to what was there before', () => {
		const vt = new VirtualTerminal(4, 1);
		vt.write('$ ls\u001b[?1049h\u001b[H\u001b[2Jtui\u001b[?1049l');
		expect(vt.text()).toBe('$ ls');
	});
});

describe('minimalUpdateBytes', () => {
	const screen = (...lines: string[]) => {
		const vt = new VirtualTerminal(20, lines.length);
		vt.write(lines.map((line, index) => `\u001b[${index + 1};1H${line}`).join(''));
		return vt.cells();
	};

	it('costs nothing when nothing changed', () => {
		expect(minimalUpdateBytes(screen('abc', 'def'), screen('abc', 'def'))).toBe(0);
	});

	it('costs one move and the changed cells', () => {
		// ESC[2;2H is 6 bytes, then "X".
		expect(minimalUpdateBytes(screen('abc', 'def'), screen('abc', 'dXf'))).toBe(7);
	});

	it('bridges a short gap instead of moving twice, and moves across a long one', () => {
		expect(minimalUpdateBytes(screen('abcdef'), screen('XbcdeY'))).toBe(6 + 6);
		expect(minimalUpdateBytes(screen('a                  b'), screen('X                  Y'))).toBe(6 + 1 + 7 + 1);
	});

	it('pays for a style change once per run', () => {
		const before = screen('abc');
		const vt = new VirtualTerminal(20, 1);
		vt.write('\u001b[1;1H\u001b[7mabc\u001b[0m');
		// Move (6) + ESC[0;7m (6) + three cells.
		expect(minimalUpdateBytes(before, vt.cells())).toBe(6 + 6 + 3);
	});
});
