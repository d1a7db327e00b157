import {writeSync} from 'node:fs';
import type {LoadedConfig} from '../config/load.js';
import {locateConfig} from '../config/locate.js';
import {addSecret} from '../model/secrets.js';
import {saveStartEntry, stampOf} from '../store/start-file.js';
import type {SourceSpec} from '../providers/types.js';
import type {RunCache} from '../store/cache.js';
import type {OpenedCache} from '../store/cache-file.js';
import type {Store} from '../store/types.js';
import {loadCommandConfig, useAscii, useColor} from './context.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT, liveViewRefusal} from './exit.js';

function refuseWithoutTerminal(ctx: Pick<CommandContext, 'stdin' | 'stdout' | 'env'>): void {
	const refusal = liveViewRefusal(ctx.stdin, ctx.stdout, ctx.env);
	if (refusal !== null) throw new CliError(refusal, EXIT.usage);
}

type Settings = Pick<LoadedConfig, 'poll' | 'highlightMs' | 'notify' | 'color'>;

/**
 * After a signal (the terminal hung up, or someone asked citop to stop), the store's requests are
 * given this long to end before citop exits anyway: a closed pane must not leave citop running.
 */
const SIGNAL_CLEANUP_MS = 300;

const DEMO_SETTINGS: Settings = {
	poll: {fastMs: 3_000, slowMs: 30_000, maxBackoffMs: 300_000},
	highlightMs: 6_000,
	notify: {bell: true, osc9: true},
	color: 'auto',
};

/** Whether the terminal has hung up (its pane closed, the link dropped): it refuses even an empty write. */
function terminalGone(stdout: NodeJS.WriteStream): boolean {
	if (!stdout.isTTY) return false;
	try {
		writeSync((stdout as {fd?: number}).fd ?? 1, '');
		return false;
	} catch (error) {
		return (error as {code?: unknown}).code === 'EIO';
	}
}

/** Where the live view's sources come from: the config's, or a simulator started for the demo. */
interface Origin {
	sources(): Promise<readonly SourceSpec[]>;
	stop(): Promise<void>;
}

async function createLiveStore(sources: readonly SourceSpec[], settings: Settings, cache: RunCache | null): Promise<Store> {
	// got, zod and the store load here, after the first frame is out (see showTui).
	const [{createStore}, {createSourceClient}] = await Promise.all([import('../store/index.js'), import('../providers/index.js')]);
	return createStore({
		sources,
		clientFactory: createSourceClient,
		settings: {
			fastIntervalMs: settings.poll.fastMs,
			slowIntervalMs: settings.poll.slowMs,
			maxBackoffMs: settings.poll.maxBackoffMs,
			highlightMs: settings.highlightMs,
		},
		...(cache ? {cache} : {}),
	});
}

/**
 * The screen comes first: Ink and React load and draw the layout, empty; only then do the
 * sources, the HTTP clients and the store load (the demo's simulator too) and the runs arrive.
 * Module loading is CPU on this one thread, so loading them in parallel would only delay the frame.
 */
async function showTui(ctx: CommandContext, origin: Origin, settings: Settings, config: LoadedConfig | null, opened: OpenedCache | null = null, afterStart: () => void = () => {}): Promise<number> {
	// Printed on stderr already, but hidden by the screen until citop ends: the footer keeps them.
	const warnings = [...(config?.warnings ?? []), ...(opened?.problem ? [opened.problem] : [])].map((line) => ctx.reporter.redact(line));
	const {runTui, cachedSnapshot, startingSources} = await import('../ui/index.js');
	// The cached runs are in the first frame, not only once the store has loaded.
	const specs = opened && config ? config.sources : null;
	const first = opened && specs ? cachedSnapshot(startingSources(specs), (source) => opened.cache.seed(source), Date.now()) : undefined;
	let quit = false;
	let begin: () => void = () => {};
	const loaded = new Promise<void>((resolve) => (begin = resolve)).then(async () => {
		afterStart();
		const live = await createLiveStore(await origin.sources(), settings, opened?.cache ?? null);
		if (!quit) live.start();
		return live;
	});
	let starting: NodeJS.Immediate | null = null;
	let code: number = EXIT.ok;
	try {
		const done = runTui({store: loaded, ...(first ? {starting: first} : {}), color: useColor(ctx, config), ascii: useAscii(ctx), notify: settings.notify, warnings});
		// runTui has drawn and written the first frame; the screen's effects run before the loading.
		starting = setImmediate(() => {
			starting = null;
			begin();
		});
		code = await done;
		// The pane closed or the link dropped, whatever ended the screen first: say so by the exit code.
		if (terminalGone(ctx.stdout)) code = EXIT.hangup;
		return code;
	} finally {
		quit = true;
		const cleanup = async () => {
			if (starting) clearImmediate(starting);
			else {
				// Loading may still be under way: let it end, so nothing it started outlives the screen.
				const live = await loaded.catch(() => null);
				await live?.stop();
			}
			await origin.stop();
		};
		if (code === EXIT.ok) await cleanup();
		else await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, SIGNAL_CLEANUP_MS).unref())]);
	}
}

/** `citop`: the live view of the configured sources; `cache: false` (--no-cache) starts without the last known runs. */
export async function tuiCommand(ctx: CommandContext, options: {cache: boolean} = {cache: true}): Promise<number> {
	refuseWithoutTerminal(ctx);
	// Taken before the file is read: a config changed meanwhile never matches what is kept for the next start.
	const stamp = stampOf(locateConfig({...(ctx.flags.config ? {flag: ctx.flags.config} : {}), env: ctx.env}).path);
	const config = await loadCommandConfig(ctx);
	const origin: Origin = {sources: () => Promise.resolve(config.sources), stop: () => Promise.resolve()};
	let opened: OpenedCache | null = null;
	let remember = () => {};
	if (options.cache && config.cache) {
		const [{openRunCache, cacheDir}, {systemClock}, {startingSources}] = await Promise.all([
			import('../store/cache-file.js'),
			import('../model/clock.js'),
			import('../ui/state/starting-store.js'),
		]);
		const dir = cacheDir(ctx.env);
		const kept = openRunCache(dir, config.sources, systemClock);
		opened = kept;
		// What the next start of this config draws before it reads the config. Not for a config with
		// warnings (they are printed first), nor one with a token command (it may ask on the terminal).
		remember = () => {
			if (stamp === null || config.warnings.length > 0 || config.tokenCommands) return;
			const sources = startingSources(config.sources).map((source) => ({...source, file: kept.files.get(source.name) ?? ''}));
			try {
				saveStartEntry(dir, config.path, {config: stamp, color: config.color, sources});
			} catch (error) {
				ctx.reporter.debug('could not keep the start frame', error);
			}
		};
	}
	return showTui(ctx, origin, config, config, opened, remember);
}

/** `citop demo`: the live view on a simulator in this process; no config, no token. */
export async function demoCommand(ctx: CommandContext): Promise<number> {
	refuseWithoutTerminal(ctx);
	let stopSimulator = (): Promise<void> => Promise.resolve();
	const origin: Origin = {
		sources: async () => {
			const {startSimulator} = await import('../sim/index.js');
			const simulator = await startSimulator({});
			stopSimulator = () => simulator.stop();
			for (const source of simulator.sources) addSecret(source.token);
			return simulator.sources;
		},
		stop: () => stopSimulator(),
	};
	return showTui(ctx, origin, DEMO_SETTINGS, null);
}
