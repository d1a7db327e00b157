import type {Clock} from '../../model/clock.js';
import type {Run} from '../../model/run.js';
import {capabilitiesOf} from '../../providers/capabilities.js';
import type {SourceSpec} from '../../providers/types.js';
import type {CachedRuns} from '../../store/cache.js';
import type {SourceState, Store, StoreSnapshot} from '../../store/types.js';

const NOT_YET = 'citop is still starting';

/** A snapshot with nothing in it yet: no sources, no runs, nothing lit, open or watched. */
export function emptySnapshot(now: number): StoreSnapshot {
	return {now, paused: false, sources: [], runs: [], highlights: new Map(), events: [], watched: new Set(), detail: null, log: null};
}

/** What the first frame knows of a source before its client has loaded. */
export type StartingSource = Pick<SourceState, 'name' | 'provider' | 'capabilities'>;

export function startingSources(specs: readonly SourceSpec[]): StartingSource[] {
	return specs.map((spec) => ({name: spec.name, provider: spec.provider, capabilities: capabilitiesOf(spec)}));
}

/**
 * The sources and the runs the cache kept, as the store will show them once loaded (stale since
 * they were saved): the first frame shows them before the HTTP clients and the store load.
 */
export function cachedSnapshot(sources: readonly StartingSource[], seed: (source: string) => CachedRuns | null, now: number): StoreSnapshot {
	const cached = sources.map((source) => ({source, kept: seed(source.name)}));
	const states = cached.map(
		({source, kept}): SourceState => ({
			...source,
			health: kept ? 'stale' : 'loading',
			lastSuccessAt: kept?.savedAt ?? null,
			lastError: null,
			nextPollAt: null,
			rate: null,
			wait: null,
			runCount: kept?.runs.length ?? 0,
			cut: null,
		}),
	);
	return {...emptySnapshot(now), sources: states, runs: cached.flatMap(({kept}) => kept?.runs ?? [])};
}

/**
 * What the screen shows while the real store is still loading: `first` (the cached runs), else no
 * sources and no runs. The first frame can then be drawn before the HTTP clients (and, for the
 * demo, the simulator) have loaded. It never changes, so it has nothing to tell its listeners; the
 * screen swaps in the real store.
 */
export function startingStore(clock: Clock, first: StoreSnapshot = emptySnapshot(clock.now())): Store {
	const snapshot = first;
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
