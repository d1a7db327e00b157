import {useCallback, useSyncExternalStore} from 'react';
import type {Store, StoreSnapshot} from '../../store/types.js';
import type {Ticker} from './tick.js';

/**
 * Store changes come in bursts (each source's answer, a highlight ending, a poll starting), and
 * each render draws a whole screen. So a change is drawn with the clock's next frame, in the same
 * render, and a second costs one frame, not two. A change after a quiet spell (the first answer,
 * or a screen whose clock is not running) is drawn at once; a change the clock has not drawn
 * within the window is drawn then.
 */
export const SNAPSHOT_WINDOW_MS = 1000;
// The clock's frame is due at about the same time as the window's end: give it the first turn.
const FRAME_LATE_MS = 200;

/** Tells `listener` of store changes, paced to the ticker's frames as described above. */
export function paceStoreChanges(store: Pick<Store, 'subscribe'>, ticker: Ticker, listener: () => void, now = () => performance.now()): () => void {
	let drawnAt = -Infinity;
	let waiting: ReturnType<typeof setTimeout> | null = null;
	const draw = () => {
		if (waiting !== null) clearTimeout(waiting);
		waiting = null;
		drawnAt = now();
		listener();
	};
	const offFrame = ticker.onFrame(() => {
		if (waiting !== null) draw();
	});
	const offStore = store.subscribe(() => {
		if (waiting !== null) return;
		const quiet = now() - Math.max(drawnAt, ticker.lastFrameAt);
		if (quiet >= SNAPSHOT_WINDOW_MS) draw();
		else waiting = setTimeout(draw, SNAPSHOT_WINDOW_MS - quiet + FRAME_LATE_MS);
	});
	return () => {
		offStore();
		offFrame();
		if (waiting !== null) clearTimeout(waiting);
	};
}

/** The store's current snapshot; re-renders when the store says something changed, with the clock's frames. */
export function useSnapshot(store: Store, ticker: Ticker): StoreSnapshot {
	const subscribe = useCallback((listener: () => void) => paceStoreChanges(store, ticker, listener), [store, ticker]);
	const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
	return useSyncExternalStore(subscribe, getSnapshot);
}
