import type {LoadedConfig} from '../config/load.js';
import type {SourceSpec} from '../providers/types.js';
import type {LiveStore} from '../store/index.js';
import {prefersAscii, shouldUseColor} from '../output/terminal.js';
import type {Reporter} from './report.js';

/** The flags every command takes. */
export interface GlobalFlags {
	config?: string;
	/** False with --no-color. */
	color: boolean;
	debug: boolean;
}

export interface CommandContext {
	flags: GlobalFlags;
	reporter: Reporter;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	env: NodeJS.ProcessEnv;
	/** Aborted on SIGINT: requests in flight stop. */
	signal: AbortSignal;
	/** Work to finish before exiting on SIGINT (stop the store, restore the cursor). */
	onInterrupt(cleanup: () => unknown): void;
}

/** Loads the config for a command: warnings are printed once. */
export async function loadCommandConfig(ctx: CommandContext, select: readonly string[] = [], single = false): Promise<LoadedConfig> {
	// zod and yaml load only for commands that read the config.
	const {loadConfig} = await import('../config/load.js');
	const config = await loadConfig({
		...(ctx.flags.config ? {flag: ctx.flags.config} : {}),
		env: ctx.env,
		select,
		single,
		onWarning: (line) => ctx.reporter.warn(line),
	});
	return config;
}

/** The one source a command is about: --source NAME, or the only one configured. */
export async function loadOneSource(ctx: CommandContext, name: string | undefined): Promise<{config: LoadedConfig; spec: SourceSpec}> {
	const config = await loadCommandConfig(ctx, name === undefined ? [] : [name], true);
	const spec = config.sources[0];
	if (!spec) throw new Error('the config has no source');
	return {config, spec};
}

export function useColor(ctx: CommandContext, config: LoadedConfig | null, stream: NodeJS.WriteStream = ctx.stdout): boolean {
	return shouldUseColor({noColorFlag: !ctx.flags.color, config: config?.color ?? 'auto', env: ctx.env, isTTY: stream.isTTY === true});
}

export function useAscii(ctx: CommandContext): boolean {
	return prefersAscii(ctx.env);
}

/** A store that follows `specs` with the config's polling (`interval`: seconds between polls while runs go on). */
export async function liveStore(config: LoadedConfig, specs: readonly SourceSpec[], interval?: number): Promise<LiveStore> {
	// Loaded here, not on top: the live view's first frame does not wait for them.
	const [{createStore}, {createSourceClient}] = await Promise.all([import('../store/index.js'), import('../providers/index.js')]);
	const fast = interval !== undefined ? interval * 1000 : config.poll.fastMs;
	return createStore({
		sources: [...specs],
		clientFactory: createSourceClient,
		settings: {
			fastIntervalMs: fast,
			slowIntervalMs: Math.max(fast, config.poll.slowMs),
			maxBackoffMs: config.poll.maxBackoffMs,
			highlightMs: config.highlightMs,
		},
	});
}
