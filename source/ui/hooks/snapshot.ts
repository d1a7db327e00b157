import {useCallback, useSyncExternalStore} from 'react';
import type {Store, StoreSnapshot} from '../../store/types.js';

/**
 * Store changes come in bursts (each source's answer, a highlight ending, a poll starting): a whole
 * screen is drawn for each render, so at most one render per window is asked for, the first at
 * once and the last at the window's end. Renders for other reasons (keys, the clock) read the
 * newest snapshot anyway, and a later ask for a snapshot already drawn costs nothing.
 */
export const SNAPSHOT_WINDOW_MS = 1000;

/** The store's current snapshot; re-renders when the store says something changed, at most once per window. */
export function useSnapshot(store: Store): StoreSnapshot {
	const subscribe = useCallback(
		(listener: () => void) => {
			let quietUntil = 0;
			let trailing: NodeJS.Timeout | null = null;
			const unsubscribe = store.subscribe(() => {
				if (trailing !== null) return;
				const wait = quietUntil - performance.now();
				if (wait <= 0) {
					quietUntil = performance.now() + SNAPSHOT_WINDOW_MS;
					listener();
					return;
				}
				trailing = setTimeout(() => {
					trailing = null;
					quietUntil = performance.now() + SNAPSHOT_WINDOW_MS;
					listener();
				}, wait);
			});
			return () => {
				unsubscribe();
				if (trailing !== null) clearTimeout(trailing);
			};
		},
		[store],
	);
	const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
	return useSyncExternalStore(subscribe, getSnapshot);
}
