import {systemClock} from '../model/clock.js';
import type {Clock} from '../model/clock.js';
import {createSourceClient} from '../providers/index.js';
import type {ClientOptions, SourceClient, SourceSpec} from '../providers/types.js';
import type {RunCache} from './cache.js';
import {StoreCore} from './store.js';
import type {LiveStore} from './store.js';
import {DEFAULT_SETTINGS} from './types.js';
import type {StoreSettings} from './types.js';

export type ClientFactory = (spec: SourceSpec, options: ClientOptions) => SourceClient;

export interface CreateStoreOptions {
	/**
	 * Sources to create clients for. The store creates each with `clientFactory(spec, {clock, onRateLimit, onCut})`
	 * (createSourceClient by default), so every rate-limit header the client reads reaches the source's budget.
	 */
	sources?: readonly SourceSpec[];
	clientFactory?: ClientFactory;
	/** Further options for the clients the store creates (timeouts, retries). */
	clientOptions?: Omit<ClientOptions, 'clock' | 'onRateLimit' | 'onCut'>;
	/**
	 * Clients made elsewhere (tests, custom wiring). Their rate-limit reports reach the budget only
	 * through `store.observeRateLimit(source, info)`; Northflank's documented quota applies regardless.
	 */
	clients?: readonly SourceClient[];
	clock?: Clock;
	settings?: Partial<StoreSettings>;
	/** [0, 1): the jitter's randomness (tests pass a fixed one). */
	random?: () => number;
	/** Where each source's last good list is kept: its runs show, stale, until the first answer. */
	cache?: RunCache;
}

/**
 * The live store: one poller per source, a shared rate budget per budget key, the open run's tree
 * and log, highlights, events and watched runs. Sources first, then ready clients, in order.
 * Nothing is requested until start().
 */
export function createStore(options: CreateStoreOptions): LiveStore {
	const clock = options.clock ?? systemClock;
	const settings: StoreSettings = {...DEFAULT_SETTINGS, ...options.settings};
	const clients: SourceClient[] = [];
	const factory = options.clientFactory ?? createSourceClient;
	// The clients exist before the store; their reports find it through this reference.
	let store: LiveStore | null = null;
	for (const spec of options.sources ?? []) {
		clients.push(
			factory(spec, {
				...options.clientOptions,
				clock,
				onRateLimit: (info) => store?.observeRateLimit(spec.name, info),
				onCut: (what) => store?.observeCut(spec.name, what),
			}),
		);
	}
	clients.push(...(options.clients ?? []));
	store = new StoreCore(clients, clock, settings, options.random ?? Math.random, options.cache ?? null);
	return store;
}

export type {LiveStore} from './store.js';
export type * from './types.js';
export {DEFAULT_SETTINGS} from './types.js';
export type {CachedRuns, RunCache} from './cache.js';
export {diffRuns, diffTree, TREE_SETTLE_MS} from './diff.js';
export type {RunChange, RunsDiff, TreeDiff} from './diff.js';
export {Highlights, highlightKey} from './highlights.js';
export {EventLog} from './events.js';
export {RateBudget, defaultQuota, BUDGET_SHARE} from './budget.js';
export type {Quota} from './budget.js';
export {pollDelay, backoffDelay, withJitter, errorFields, isAuthError} from './schedule.js';
export {parseRunKey} from './keys.js';
export {appendLines, MAX_LOG_LINES} from './log.js';
export type {LogSink} from './log.js';
