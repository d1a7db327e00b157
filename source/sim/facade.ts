import type {Clock} from '../model/clock.js';
import type {ProviderName} from '../model/run.js';
import type {Status} from '../model/status.js';
import {mapNorthflankStatus, mapSourceCraftStatus, mapWerckerStatus} from '../model/status.js';
import type {NfWorld} from './northflank/api.js';
import {ABORT_DELAY_MS} from './northflank/api.js';
import {runId as northflankRunId, runStatus as northflankStatus} from './northflank/render.js';
import type {RunRequestBase} from './requests.js';
import type {ScWorld} from './sourcecraft/api.js';
import {runStatus as sourceCraftStatus} from './sourcecraft/render.js';
import type {Cut, Outcome} from './timeline.js';
import type {WkWorld} from './wercker/api.js';
import {objectId, runStatus as werckerStatus} from './wercker/render.js';
import type {RunPlanBase, World} from './world.js';
import {WERCKER_APPLICATION} from './worlds.js';

/** A run as a test sees it: ids, where it is now (without oddities), and its planned shape. */
export interface SimRun {
	source: string;
	provider: ProviderName;
	/** Provider-native id: SourceCraft run slug, Wercker ObjectId, Northflank UUID. */
	id: string;
	/** The run counter (SourceCraft's slug). */
	number: number;
	status: Status;
	providerStatus: string;
	concluded: boolean;
	createdAt: number;
	startedAt: number | null;
	/** When it concluded (or will, as planned now). */
	endsAt: number;
	branch: string | null;
	commit: string | null;
	user: string | null;
	odd: boolean;
}

/** What a test may ask for in a new run. */
export interface AddRunOptions extends RunRequestBase {
	branch?: string;
	/** Wercker message; Northflank run name. */
	message?: string;
	name?: string;
}

export interface SimulatorWorld {
	/** Every source name the simulator serves. */
	readonly sources: readonly string[];
	/** The runs of a source at the clock's now, newest first. */
	runs(source: string): SimRun[];
	run(source: string, id: string): SimRun | undefined;
	/** Starts a run now, as if someone pushed (SourceCraft), triggered (Wercker) or started it (Northflank). */
	addRun(source: string, options?: AddRunOptions): SimRun;
	/** Ends a running or queued run now with this outcome. Throws when it has concluded already. */
	concludeRun(source: string, id: string, outcome: 'success' | 'failed' | 'canceled'): SimRun;
	/** Aborts as the provider would (Northflank: `aborting` first). Throws when it has concluded already. */
	abortRun(source: string, id: string): SimRun;
}

/** One world as the facade drives it, whatever its provider. */
interface WorldHandle {
	numbers(now: number): Iterable<number>;
	info(number: number, now: number): SimRun | undefined;
	add(options: AddRunOptions, now: number): number;
	plan(number: number, now: number): RunPlanBase | undefined;
	setCut(number: number, cut: Cut): void;
}

interface Adapter {
	handles: readonly WorldHandle[];
	abortDelayMs: number;
}

export interface FacadeWorlds {
	sourcecraft: readonly ScWorld[];
	wercker: readonly WkWorld[];
	northflank: readonly NfWorld[];
}

function common(run: RunPlanBase, source: string, provider: ProviderName, id: string, now: number) {
	return {
		source,
		provider,
		id,
		number: run.number,
		concluded: now >= run.span.end,
		createdAt: run.createdAt,
		startedAt: run.span.start,
		endsAt: run.span.end,
		odd: run.odd,
	};
}

function handle<D extends {name: string}, P extends RunPlanBase, R>(world: World<D, P, R>, info: WorldHandle['info'], add: WorldHandle['add']): WorldHandle {
	return {
		numbers: (now) => world.numbers(now),
		info,
		add,
		plan: (number, now) => world.run(number, now)?.plan,
		setCut: (number, cut) => world.setCut(number, cut),
	};
}

function sourceCraftHandle(world: ScWorld): WorldHandle {
	return handle(
		world,
		(number, now) => {
			const plan = world.run(number, now)?.plan;
			if (!plan) return undefined;
			const raw = sourceCraftStatus(plan, now);
			const status = mapSourceCraftStatus(raw).status;
			return {...common(plan, world.name, 'sourcecraft', String(number), now), status, providerStatus: raw, branch: plan.branch ?? plan.tag, commit: plan.commit, user: plan.user};
		},
		(options, now) => world.addTrigger({...options, event: 'push', ...(options.branch ? {head: {branch: options.branch}} : {})}, now).number,
	);
}

function werckerHandle(world: WkWorld, source: string): WorldHandle {
	return handle(
		world,
		(number, now) => {
			const plan = world.run(number, now)?.plan;
			if (!plan) return undefined;
			const {status, result} = werckerStatus(plan, now);
			const id = objectId(plan.createdAt, world.def, number * 16);
			const providerStatus = status === 'finished' ? `finished/${result}` : status;
			return {...common(plan, source, 'wercker', id, now), status: mapWerckerStatus(status, result).status, providerStatus, branch: plan.branch, commit: plan.commitHash, user: plan.user};
		},
		(options, now) => world.addTrigger(options, now).number,
	);
}

function northflankHandle(world: NfWorld, seed: number): WorldHandle {
	return handle(
		world,
		(number, now) => {
			const run = world.run(number, now);
			if (!run) return undefined;
			const raw = northflankStatus(run.plan, now, run.cut);
			const id = northflankRunId(world.def, number, run.plan.createdAt, seed);
			return {...common(run.plan, world.name, 'northflank', id, now), status: mapNorthflankStatus(raw).status, providerStatus: raw, branch: null, commit: null, user: null};
		},
		(options, now) => {
			const name = options.name ?? options.message;
			return world.addTrigger({...options, ...(name ? {name} : {})}, now).number;
		},
	);
}

export function createFacade(clock: Clock, worlds: FacadeWorlds, seed: number, speed: number): SimulatorWorld {
	const adapters = new Map<string, Adapter>();
	for (const world of worlds.sourcecraft) adapters.set(world.name, {handles: [sourceCraftHandle(world)], abortDelayMs: 0});
	for (const world of worlds.wercker) adapters.set(world.name, {handles: [werckerHandle(world, world.name)], abortDelayMs: 0});
	const application = worlds.wercker.filter((world) => WERCKER_APPLICATION.pipelines.includes(world.name));
	adapters.set(WERCKER_APPLICATION.name, {handles: application.map((world) => werckerHandle(world, WERCKER_APPLICATION.name)), abortDelayMs: 0});
	const northflankDelay = Math.max(500, Math.round(ABORT_DELAY_MS / speed));
	for (const world of worlds.northflank) adapters.set(world.name, {handles: [northflankHandle(world, seed)], abortDelayMs: northflankDelay});

	const adapter = (source: string): Adapter => {
		const found = adapters.get(source);
		if (!found) throw new Error(`no simulated source named "${source}"; known: ${[...adapters.keys()].join(', ')}`);
		return found;
	};
	const runs = (source: string): SimRun[] => {
		const {handles} = adapter(source);
		const now = clock.now();
		const all: SimRun[] = [];
		for (const world of handles) {
			for (const number of world.numbers(now)) {
				const run = world.info(number, now);
				if (run) all.push(run);
			}
		}
		return handles.length > 1 ? all.sort((a, b) => b.createdAt - a.createdAt) : all;
	};
	const locate = (source: string, id: string) => {
		const now = clock.now();
		for (const world of adapter(source).handles) {
			for (const number of world.numbers(now)) {
				const info = world.info(number, now);
				if (info?.id === id) return {world, number, now, info};
			}
		}
		return undefined;
	};
	const end = (source: string, id: string, outcome: Outcome, delayMs: number): SimRun => {
		const located = locate(source, id);
		if (!located) throw new Error(`no run ${id} in ${source}`);
		const {world, number, now, info} = located;
		if (info.concluded) throw new Error(`run ${id} of ${source} has concluded already`);
		world.setCut(number, {requestedAt: now, at: now + delayMs, outcome});
		const after = world.info(number, now);
		if (!after) throw new Error(`run ${id} vanished`);
		return after;
	};
	return {
		sources: [...adapters.keys()],
		runs,
		run: (source, id) => locate(source, id)?.info,
		addRun(source, options = {}) {
			const world = adapter(source).handles[0];
			if (!world) throw new Error(`source ${source} has no pipeline`);
			const now = clock.now();
			const info = world.info(world.add(options, now), now);
			if (!info) throw new Error('the new run vanished');
			return info;
		},
		concludeRun: (source, id, outcome) => end(source, id, outcome, 0),
		abortRun: (source, id) => end(source, id, 'canceled', adapter(source).abortDelayMs),
	};
}
