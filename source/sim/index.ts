import type {Clock} from '../model/clock.js';
import {systemClock} from '../model/clock.js';
import type {ProviderName} from '../model/run.js';
import {PROVIDERS} from '../model/run.js';
import type {SourceSpec} from '../providers/types.js';
import type {SimContext} from './context.js';
import {castOf} from './cast.js';
import {handleControl} from './control.js';
import type {SimulatorWorld} from './facade.js';
import {createFacade} from './facade.js';
import type {Fault} from './faults.js';
import {FaultState} from './faults.js';
import {createNorthflankApi, createNorthflankWorlds} from './northflank/api.js';
import {RateLimiter} from './northflank/ratelimit.js';
import {hexOf} from './random.js';
import {startServer} from './server.js';
import {configYaml, simulatorSources} from './sources.js';
import {createSourceCraftApi, createSourceCraftWorlds} from './sourcecraft/api.js';
import {createWerckerApi, createWerckerWorlds} from './wercker/api.js';
import type {WorldSettings} from './world.js';
import {WriteLog} from './writes.js';

export type {Fault} from './faults.js';
export type {AddRunOptions, SimRun, SimulatorWorld} from './facade.js';
export type {SimWrite} from './writes.js';
export {runSimCommand} from './command.js';
export type {SimCommandOptions} from './command.js';

export interface SimulatorOptions {
	/** 0 (default): a random free port; a fixed port lets a test stop and start again on the same port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 1. */
	seed?: number;
	/** Default systemClock; a ManualClock lets tests step time. */
	clock?: Clock;
	/** Default: deterministic tokens derived from the seed ('sc-demo-…', 'wk-demo-…', 'nf-demo-…'). */
	tokens?: Partial<Record<ProviderName, string>>;
	/** Runs of history per repository, pipeline and flow (default 60). */
	historySize?: number;
	/** Mean seconds between new runs per world (default 40). */
	arrivalEverySec?: number;
	/** Start with oddities on everywhere. */
	oddities?: boolean;
	/** Run-duration divisor (default 1). */
	speed?: number;
	/** Northflank requests per hour per token (default 1000, as documented). */
	rateLimitPerHour?: number;
	/** Serve every repository, pipeline and release flow this many times, under other names (default 1; see Cast). */
	copies?: number;
}

export interface SimulatorHandle {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	/** Each provider's API root: `${url}/sourcecraft`, `${url}/wercker`, `${url}/northflank`. */
	baseUrls: Record<ProviderName, string>;
	tokens: Record<ProviderName, string>;
	/** Ready-made specs for every world, base URL and token filled in. */
	sources: SourceSpec[];
	setFault(provider: ProviderName | 'all', fault: Fault | null): void;
	setOddities(provider: ProviderName | 'all', on: boolean): void;
	/** Answered provider requests (all providers when none is named). */
	requestCount(provider?: ProviderName): number;
	world: SimulatorWorld;
	/** Closes the server and every open socket promptly. */
	stop(): Promise<void>;
}

const TOKEN_PREFIX: Record<ProviderName, string> = {sourcecraft: 'sc-demo-', wercker: 'wk-demo-', northflank: 'nf-demo-'};

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
	const clock = options.clock ?? systemClock;
	const seed = options.seed ?? 1;
	const tokens = {} as Record<ProviderName, string>;
	for (const name of PROVIDERS) tokens[name] = options.tokens?.[name] ?? `${TOKEN_PREFIX[name]}${hexOf(24, seed, 'token', name)}`;
	const settings: WorldSettings = {
		seed,
		historySize: Math.max(0, Math.floor(options.historySize ?? 60)),
		arrivalMs: Math.max(1, options.arrivalEverySec ?? 40) * 1000,
		speed: options.speed && options.speed > 0 ? options.speed : 1,
		startedAt: clock.now(),
	};
	const oddities = new Map<ProviderName, boolean>(PROVIDERS.map((name) => [name, options.oddities === true]));
	let url = '';
	const context: SimContext = {
		seed,
		tokens,
		baseUrl: (provider) => `${url}/${provider}`,
		oddities: (provider) => oddities.get(provider) === true,
	};
	const cast = castOf(options.copies);
	const worlds = {
		sourcecraft: createSourceCraftWorlds(settings, cast.repos),
		wercker: createWerckerWorlds(settings, cast.pipelines),
		northflank: createNorthflankWorlds(settings, cast.flows),
	};
	const apis = {
		sourcecraft: createSourceCraftApi(context, worlds.sourcecraft),
		wercker: createWerckerApi(context, worlds.wercker),
		northflank: createNorthflankApi(context, worlds.northflank, cast.projectPipelines, new RateLimiter(options.rateLimitPerHour ?? 1000), settings.speed),
	};
	const world = createFacade(clock, worlds, seed, settings.speed);
	const faults = new FaultState();
	const counts = new Map<ProviderName, number>();
	const requestCount = (provider?: ProviderName) =>
		provider ? (counts.get(provider) ?? 0) : PROVIDERS.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0);
	const setFault = (provider: ProviderName | 'all', fault: Fault | null) => faults.set(provider, fault);
	const setOddities = (provider: ProviderName | 'all', on: boolean) => {
		for (const name of provider === 'all' ? PROVIDERS : [provider]) oddities.set(name, on);
	};
	const writes = new WriteLog();
	const control = {world, faults, seed, setFault, setOddities, requestCount, writes: () => writes.list(), url: () => url, now: () => clock.now(), oddities: context.oddities};
	const server = await startServer(
		{
			apis,
			faults,
			seed,
			now: () => clock.now(),
			counted: (provider) => counts.set(provider, (counts.get(provider) ?? 0) + 1),
			wrote: (provider, request, status) => writes.add(provider, request, status),
			control: (request) => handleControl(control, request),
		},
		options.host ?? '127.0.0.1',
		options.port ?? 0,
	);
	const host = options.host ?? '127.0.0.1';
	url = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
	const baseUrls = {} as Record<ProviderName, string>;
	for (const name of PROVIDERS) baseUrls[name] = context.baseUrl(name);
	return {
		url,
		port: server.port,
		baseUrls,
		tokens,
		sources: simulatorSources(baseUrls, tokens, cast),
		setFault,
		setOddities,
		requestCount,
		world,
		stop: () => server.stop(),
	};
}

/** A ready citop config (YAML) listing every simulated source. */
export function simulatorConfigYaml(handle: Pick<SimulatorHandle, 'sources'>): string {
	return configYaml(handle.sources);
}
