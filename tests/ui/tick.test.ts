import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {SPINNER_MS, Ticker} from '../../source/ui/hooks/tick.js';

describe('the shared clock', () => {
	it('ticks about 8 times a second while something spins, once a second otherwise, on the second', () => {
		const clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0, 400));
		const ticker = new Ticker(clock);
		let ticks = 0;
		const stop = ticker.subscribe(() => ticks++);
		clock.advance(599);
		expect(ticks).toBe(0);
		clock.advance(1);
		expect(ticks).toBe(1);
		expect(ticker.getSnapshot().now % 1000).toBe(0);
		ticker.setFast(true);
		clock.advance(1000);
		expect(ticks).toBe(1 + 1000 / SPINNER_MS);
		expect(ticker.getSnapshot().frame).toBe(Math.floor(clock.now() / SPINNER_MS));
		ticker.setFast(false);
		clock.advance(1000);
		expect(ticks).toBe(2 + 1000 / SPINNER_MS);
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
