import {useCallback, useSyncExternalStore} from 'react';
import type {Store, StoreSnapshot} from '../../store/types.js';

/** The store's current snapshot; re-renders when the store says something changed. */
export function useSnapshot(store: Store): StoreSnapshot {
	const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
	const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
	return useSyncExternalStore(subscribe, getSnapshot);
}
