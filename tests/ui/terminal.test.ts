import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {InkOutput, ScreenWriter} from '../../source/ui/terminal/screen.js';
import {BELL, ENTER_SCREEN, LEAVE_SCREEN, osc52, osc9} from '../../source/ui/terminal/sequences.js';

class FakeTerminal extends EventEmitter {
	columns = 20;
	rows = 5;
	readonly written: string[] = [];
	write(data: string): boolean {
		this.written.push(data);
		return true;
	}
	take(): string {
		return this.written.splice(0).join('');
	}
}

describe('escape sequences', () => {
	it('enters and leaves the alternate screen, hiding and showing the cursor', () => {
		expect(ENTER_SCREEN).toContain('\u001b[?1049h');
		expect(ENTER_SCREEN).toContain('\u001b[?25l');
		expect(LEAVE_SCREEN).toContain('\u001b[?1049l');
		expect(LEAVE_SCREEN).toContain('\u001b[?25h');
		expect(BELL).toBe('\u0007');
	});

	it('sends a desktop notification with sanitized text', () => {
		expect(osc9('citop: deploy #5751 success')).toBe('\u001b]9;citop: deploy #5751 success\u0007');
		expect(osc9('citop: evil\u0007\u001b]52;c;aGk=\u0007 name')).toBe('\u001b]9;citop: evil name\u0007');
		expect(osc9('citop: deploy #5751 success', true)).toBe('\u001bPtmux;\u001b\u001b]9;citop: deploy #5751 success\u0007\u001b\\');
	});

	it('copies with OSC 52, wrapped for tmux', () => {
		const text = 'https://ci.example/deploy/5751';
		const base64 = Buffer.from(text).toString('base64');
		expect(osc52(text, false)).toBe(`\u001b]52;c;${base64}\u0007`);
		// In tmux: once for tmux's own clipboard, once passed through to the outer terminal.
		expect(osc52(text, true)).toBe(`\u001b]52;c;${base64}\u0007\u001bPtmux;\u001b\u001b]52;c;${base64}\u0007\u001b\\`);
	});
});

/** A frame is written two turns after Ink hands it over. */
async function twoTurns(): Promise<void> {
	for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('screen writer', () => {
	it('paints the first frame whole, then only the rows that changed, at their places', () => {
		const terminal = new FakeTerminal();
		const writer = new ScreenWriter(terminal);
		writer.frame('one\ntwo\nthree');
		writer.flush();
		const first = terminal.take();
		expect(first).toContain('\u001b[H\u001b[2J');
		expect(first).toContain('\u001b[1;1Hone\u001b[K');
		expect(first).toContain('\u001b[3;1Hthree\u001b[K');
		writer.frame('one\nTWO\nthree');
		writer.flush();
		const second = terminal.take();
		expect(second).toBe('\u001b[?2026h\u001b[2;1HTWO\u001b[?2026l');
		writer.frame('one\nTWO\nthree');
		writer.flush();
		expect(terminal.take()).toBe('');
	});

	it('never writes a newline, so the screen cannot scroll, and clears rows a shorter frame left', () => {
		const terminal = new FakeTerminal();
		const writer = new ScreenWriter(terminal);
		writer.frame('a\nb\nc\nd\ne\nf\ng');
		writer.flush();
		const written = terminal.take();
		expect(written).not.toContain('\n');
		expect(written).not.toContain('\u001b[6;1H');
		writer.frame('a\nb');
		writer.flush();
		expect(terminal.take()).toContain('\u001b[3;1H\u001b[2K');
	});

	it('does not erase the last cell of a full-width row, and closes a row’s open style', () => {
		const terminal = new FakeTerminal();
		const writer = new ScreenWriter(terminal);
		writer.frame(`${'x'.repeat(20)}\n\u001b[7mlit`);
		writer.flush();
		const written = terminal.take();
		expect(written).toContain(`${'x'.repeat(20)}\u001b[2;1H`);
		expect(written).toContain('\u001b[7mlit\u001b[0m\u001b[K');
	});

	it('repaints everything after a resize and batches frames into one write per turn', async () => {
		const terminal = new FakeTerminal();
		const output = new InkOutput(terminal);
		output.write('a\nb');
		output.write('a\nc');
		await twoTurns();
		expect(terminal.written).toHaveLength(1);
		expect(terminal.take()).toContain('\u001b[2;1Hc');
		let resized = 0;
		output.on('resize', () => resized++);
		terminal.columns = 30;
		terminal.emit('resize');
		expect(resized).toBe(1);
		expect(output.columns).toBe(30);
		output.write('a\nc');
		await twoTurns();
		const repaint = terminal.take();
		expect(repaint).toContain('\u001b[2J');
		expect(repaint).toContain('\u001b[1;1Ha');
		output.write('\u001b[?25h');
		output.dispose();
		output.write('late');
		await twoTurns();
		expect(terminal.take()).toBe('');
		expect(terminal.listenerCount('resize')).toBe(0);
	});
});
