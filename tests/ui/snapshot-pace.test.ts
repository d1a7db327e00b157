import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {SNAPSHOT_WINDOW_MS, paceStoreChanges} from '../../source/ui/hooks/snapshot.js';
import {Ticker} from '../../source/ui/hooks/tick.js';

/** A store that only says it changed. */
function changingStore() {
	const listeners = new Set<() => void>();
	return {
		subscribe: (listener: () => void) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		change: () => {
			for (const listener of listeners) listener();
		},
	};
}

describe('store changes on screen', () => {
	it('are drawn with the clock’s next frame, in the same turn: one render a second however often the store changes', () => {
		const clock = new ManualClock(Date.UTC(2026, 11, 2, 12, 0, 0));
		const ticker = new Ticker(clock);
		const store = changingStore();
		const renders: string[] = [];
		const stopTicks = ticker.subscribe(() => renders.push('frame'));
		const stop = paceStoreChanges(store, ticker, () => renders.push('store'));
		clock.advance(1000);
		expect(renders).toEqual(['frame']);
		store.change();
		store.change();
		clock.advance(500);
		store.change();
		expect(renders).toEqual(['frame']);
		clock.advance(500);
		expect(renders).toEqual(['frame', 'store', 'frame']);
		clock.advance(1000);
		expect(renders).toEqual(['frame', 'store', 'frame', 'frame']);
		stop();
		stopTicks();
	});

	it('are drawn at once after a quiet spell (the first answer), and within the window when no frame comes', async () => {
		const ticker = new Ticker(new ManualClock());
		const store = changingStore();
		let renders = 0;
		const stop = paceStoreChanges(store, ticker, () => renders++);
		store.change();
		expect(renders).toBe(1);
		store.change();
		store.change();
		expect(renders).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_WINDOW_MS + 400));
		expect(renders).toBe(2);
		stop();
	});
});
