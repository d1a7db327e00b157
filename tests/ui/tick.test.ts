import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {TICK_MS, Ticker} from '../../source/ui/hooks/tick.js';

describe('the shared clock', () => {
	it('ticks once a second, on the second, the spinner turning with it', () => {
		const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0, 400));
		const ticker = new Ticker(clock);
		let ticks = 0;
		const stop = ticker.subscribe(() => ticks++);
		clock.advance(599);
		expect(ticks).toBe(0);
		clock.advance(1);
		expect(ticks).toBe(1);
		expect(ticker.getSnapshot().now % 1000).toBe(0);
		const frame = ticker.getSnapshot().frame;
		clock.advance(TICK_MS * 3);
		expect(ticks).toBe(4);
		expect(ticker.getSnapshot().frame).toBe(frame + 3);
		stop();
		expect(clock.pending).toBe(0);
	});

	it('keeps one timer however many parts of the screen listen', () => {
		const clock = new ManualClock();
		const ticker = new Ticker(clock);
		const stops = [ticker.subscribe(() => {}), ticker.subscribe(() => {}), ticker.subscribe(() => {})];
		expect(clock.pending).toBe(1);
		for (const stop of stops) stop();
		expect(clock.pending).toBe(0);
	});
});
