import {ManualClock} from '../../source/model/clock.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore, StoreSettings} from '../../source/store/index.js';
import type {FakeClient} from './fake.js';
import {flush} from './fake.js';

const stores = new Set<LiveStore>();

/** A store on fake clients and a manual clock, not started yet; stopStores() stops it. */
export function makeStore(clients: FakeClient[], settings: Partial<StoreSettings> = {}, random = (): number => 0.5) {
	const clock = new ManualClock();
	const store = createStore({clients, clock, settings, random});
	stores.add(store);
	return {clock, store};
}

/** A started store whose first answers have landed. */
export async function started(clients: FakeClient[], settings: Partial<StoreSettings> = {}) {
	const {clock, store} = makeStore(clients, settings);
	store.start();
	await flush();
	return {clock, store, snapshot: () => store.getSnapshot()};
}

/** Stops every store a test made; use as `afterEach(stopStores)`. */
export async function stopStores(): Promise<void> {
	const all = [...stores];
	stores.clear();
	await Promise.all(all.map((store) => store.stop()));
}
