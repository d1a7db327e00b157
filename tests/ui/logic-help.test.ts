import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/output/text.js';
import {helpBody} from '../../source/ui/logic/help.js';
import {ASCII_SYMBOLS, UNICODE_SYMBOLS} from '../../source/ui/logic/symbols.js';

describe('the help screen', () => {
	it('keeps a gutter between its two columns on a wide screen: no line runs into the next column', () => {
		const lines = helpBody('list', 120, UNICODE_SYMBOLS, false);
		const width = Math.floor((120 - 3) / 2);
		for (const line of lines) {
			expect(displayWidth(line)).toBeLessThanOrEqual(120);
			expect(line.slice(width, width + 3).trim()).toBe('');
		}
		expect(lines.some((line) => line.slice(width + 3).trim() !== '')).toBe(true);
	});

	it('wraps long lines within one column on a narrow screen, and explains every mark', () => {
		for (const columns of [60, 80]) {
			const lines = helpBody('detail', columns, ASCII_SYMBOLS, true);
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
			const text = lines.join('\n');
			// Nothing cut short (the ASCII ellipsis), though '~' marks a stale row in the legend.
			for (const line of lines) expect(line.trimEnd()).not.toMatch(/\S~$/);
			expect(text).toMatch(/^~ +a row of a stale source/m);
			for (const mark of ['approval', 'timed out', 'canceling', 'STALE', '+2']) expect(text).toContain(mark);
			// The ASCII marks for changed and watched.
			expect(text).toMatch(/^! +changed just now/m);
			expect(text).toMatch(/^@ +watched/m);
		}
	});

	it("explains both progress bars: the provider's, and the estimate from past runs with its time left or over", () => {
		for (const [symbols, ascii, bar, estimate] of [
			[UNICODE_SYMBOLS, false, '██░░  50%', '▰▰▱▱ ~2m left'],
			[ASCII_SYMBOLS, true, '##..  50%', '==-- ~2m left'],
		] as const) {
			const text = helpBody('list', 80, symbols, ascii).join('\n');
			expect(text).toMatch(new RegExp(`^${bar} +the provider's own progress`, 'm'));
			expect(text).toMatch(new RegExp(`^${estimate} +an estimate from the pipeline's past runs`, 'm'));
			expect(text).toContain('+1:20 over');
		}
	});
});
