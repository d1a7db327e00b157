import {describe, expect, it} from 'vitest';
import {rowCells, rowUpdate} from '../../source/ui/terminal/cells.js';
import {ScreenWriter} from '../../source/ui/terminal/screen.js';

const RED = '\u001b[31m';
const OFF = '\u001b[39m';

class FakeTerminal {
	readonly written: string[] = [];
	columns = 40;
	rows = 5;
	write(data: string): void {
		this.written.push(data);
	}
	on(): void {}
	off(): void {}
	take(): string {
		return this.written.splice(0).join('');
	}
}

describe('row cells', () => {
	it('reads characters with their style, wide characters as two cells, and pads to the width', () => {
		const cells = rowCells(`a${RED}✓${OFF}漢b`, 6);
		expect(cells.map((cell) => cell.char)).toEqual(['a', '✓', '漢', '', 'b', ' ']);
		expect(cells.map((cell) => cell.style)).toEqual(['', '31', '', '', '', '']);
		expect(rowCells('\u001b[1m\u001b[7mx\u001b[22my\u001b[0mz', 3).map((cell) => cell.style)).toEqual(['1;7', '7', '']);
	});

	it('writes only the cells that changed, joining close runs and styling as it goes', () => {
		const before = rowCells(`  ${RED}⠙ running${OFF}  0:41`, 20);
		const after = rowCells(`  ${RED}⠹ running${OFF}  0:42`, 20);
		const pen = {style: ''};
		expect(rowUpdate(3, before, after, pen)).toBe(`\u001b[4;3H\u001b[0;31m⠹\u001b[4;17H\u001b[0m2`);
		expect(pen.style).toBe('');
		const far = rowUpdate(0, rowCells('abcdefghij', 10), rowCells('xbcdefghiz', 10), {style: ''});
		expect(far).toBe('\u001b[1;1Hx\u001b[1;10Hz');
		expect(rowUpdate(0, rowCells('abcdef', 6), rowCells('xbydef', 6), {style: ''})).toBe('\u001b[1;1Hxby');
	});

	it('blanks what a shorter row left behind', () => {
		expect(rowUpdate(0, rowCells('abcd', 4), rowCells('ab', 4), {style: ''})).toBe('\u001b[1;3H  ');
	});
});

describe('screen writer, cell by cell', () => {
	it('sends a turning spinner as its one cell, and leaves the terminal with no style open', () => {
		const terminal = new FakeTerminal();
		const writer = new ScreenWriter(terminal);
		writer.frame(`citop\n  ${RED}⠙${OFF} build #12 running\nfooter`);
		writer.flush();
		terminal.take();
		writer.frame(`citop\n  ${RED}⠹${OFF} build #12 running\nfooter`);
		writer.flush();
		expect(terminal.take()).toBe('\u001b[?2026h\u001b[2;3H\u001b[0;31m⠹\u001b[0m\u001b[?2026l');
	});
});
