import {systemClock} from '../../source/model/clock.js';
import {capabilitiesOf} from '../../source/providers/capabilities.js';
import type {SourceClient, SourceSpec} from '../../source/providers/types.js';
import {createStore} from '../../source/store/index.js';
import {BENCH_SOURCES, makeRuns} from './fixtures.js';
import {Session} from './session.js';

/**
 * Run by the bench as `node --expose-gc rss-child.js`: the real store holding 10,000 runs (from
 * clients that answer at once, 2,000 runs a source) and the screen drawing them, then the RSS
 * after a full GC, as one JSON line on stdout.
 */

const PER_SOURCE = 2_000;

function client(spec: SourceSpec): SourceClient {
	const unsupported = () => Promise.reject(new Error('not in this bench'));
	return {
		name: spec.name,
		provider: spec.provider,
		capabilities: capabilitiesOf(spec),
		budgetKey: spec.name,
		// A new answer each poll, as JSON parsing makes one.
		listRuns: async () => makeRuns(PER_SOURCE, systemClock.now(), {sources: [spec], running: 4}),
		getRun: unsupported,
		readLog: unsupported,
		trigger: unsupported,
		abort: unsupported,
		rerunPlan: unsupported,
	};
}

function rssMb(): number {
	(globalThis as {gc?: () => void}).gc?.();
	return Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
}

const baseline = rssMb();
const store = createStore({clients: BENCH_SOURCES.map(client)});
store.start();
await store.settled();
const runs = store.getSnapshot().runs.length;
const session = new Session(store, {columns: 120, rows: 40});
await session.waitForScreen((screen) => screen.startsWith('citop') && screen.includes('#'), 'the run list');
const loaded = rssMb();
await session.quit();
await store.stop();
process.stdout.write(`${JSON.stringify({baseline, loaded, runs, gc: typeof (globalThis as {gc?: unknown}).gc === 'function'})}\n`);
process.exit(0);
