import {ManualClock} from '../../source/model/clock.js';
import type {ProviderName} from '../../source/model/run.js';
import {isConcluded} from '../../source/model/status.js';
import {createSourceClient} from '../../source/providers/index.js';
import {startSimulator} from '../../source/sim/index.js';
import type {SimulatorHandle} from '../../source/sim/index.js';
import type {SourceSpec} from '../../source/providers/types.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore} from '../../source/store/index.js';

const MINUTE = 60_000;

export type Scenario = 'idle' | 'active';

export interface HourResult {
	perSource: Record<string, number>;
	perProvider: Partial<Record<ProviderName, number>>;
}

/** Every run of every source that is still going, ended now: an idle hour has nothing to poll fast for. */
function concludeAll(sim: SimulatorHandle, sources: readonly SourceSpec[]): void {
	for (const spec of sources) {
		for (const run of sim.world.runs(spec.name)) {
			if (run.concluded) continue;
			try {
				sim.world.concludeRun(spec.name, run.id, 'success');
			} catch {
				// Another view of the same pipeline (the Wercker application) ended it already.
			}
		}
	}
}

/** Each source has a run going, and the store has a Northflank run open (the tightest budget). */
function keepBusy(sim: SimulatorHandle, sources: readonly SourceSpec[], store: LiveStore): void {
	for (const spec of sources) {
		if (!sim.world.runs(spec.name).some((run) => !run.concluded)) sim.world.addRun(spec.name);
	}
	const snapshot = store.getSnapshot();
	const open = snapshot.detail?.run ?? snapshot.runs.find((run) => run.key === snapshot.detail?.runKey);
	if (open && !isConcluded(open.status)) return;
	const running = snapshot.runs.find((run) => run.provider === 'northflank' && !isConcluded(run.status));
	if (running) store.openRun(running.key);
}

/**
 * One simulated hour of the real store polling the real simulator over HTTP, on a ManualClock
 * (every poll timer fires; every answer is awaited before time moves on). Requests are counted
 * per source as answers reach the client, and per provider by the simulator.
 */
export async function simulatedHour(scenario: Scenario, providers: readonly ProviderName[]): Promise<HourResult> {
	const clock = new ManualClock();
	// Idle: no new runs for days, so nothing starts within the hour. Active: keepBusy starts what
	// the arrivals do not. Short lists: the cadence, not the answer's size, sets the request count.
	const sim = await startSimulator({clock, seed: 11, historySize: 5, arrivalEverySec: scenario === 'idle' ? 30 * 24 * 3600 : 600});
	const perSource: Record<string, number> = {};
	const sources = sim.sources.filter((spec) => providers.includes(spec.provider));
	const store = createStore({
		sources,
		clock,
		random: () => 0.5,
		clientFactory: (spec, options) =>
			createSourceClient(spec, {
				...options,
				onRateLimit: (info) => {
					perSource[spec.name] = (perSource[spec.name] ?? 0) + 1;
					options.onRateLimit?.(info);
				},
			}),
	});
	try {
		if (scenario === 'idle') concludeAll(sim, sources);
		store.start();
		await store.settled();
		for (let minute = 0; minute < 60; minute++) {
			if (scenario === 'idle') concludeAll(sim, sources);
			else keepBusy(sim, sources, store);
			await clock.advanceAsync(MINUTE, () => store.settled());
		}
		const perProvider: Partial<Record<ProviderName, number>> = {};
		for (const provider of providers) perProvider[provider] = sim.requestCount(provider);
		return {perSource, perProvider};
	} finally {
		await store.stop();
		await sim.stop();
	}
}
