import type {Clock} from '../../model/clock.js';
import type {Run} from '../../model/run.js';
import type {Store, StoreSnapshot} from '../../store/types.js';

const NOT_YET = 'citop is still starting';

/** A snapshot with nothing in it yet: no sources, no runs, nothing lit, open or watched. */
export function emptySnapshot(now: number): StoreSnapshot {
	return {now, paused: false, sources: [], runs: [], highlights: new Map(), events: [], watched: new Set(), detail: null, log: null};
}

/**
 * What the screen shows while the real store is still loading: no sources, no runs. The first
 * frame can then be drawn before the HTTP clients (and, for the demo, the simulator) have loaded.
 * It never changes, so it has nothing to tell its listeners; the screen swaps in the real store.
 */
export function startingStore(clock: Clock): Store {
	const snapshot = emptySnapshot(clock.now());
	const refuse = (): Promise<never> => Promise.reject(new Error(NOT_YET));
	const nothing = (): void => {};
	return {
		subscribe: () => nothing,
		getSnapshot: () => snapshot,
		start: nothing,
		stop: () => Promise.resolve(),
		refresh: nothing,
		pause: nothing,
		resume: nothing,
		openRun: nothing,
		openLog: nothing,
		closeLog: nothing,
		watch: nothing,
		unwatch: nothing,
		onWatchedConcluded: () => nothing,
		trigger: refuse,
		abort: refuse,
		rerunPlan: refuse,
	};
}
