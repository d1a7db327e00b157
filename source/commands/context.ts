import type {LoadedConfig} from '../config/load.js';
import type {SourceSpec} from '../providers/types.js';
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

/** Loads the config for a command: tokens become secrets the reporter redacts, warnings are printed once. */
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
	ctx.reporter.addSecrets(config.sources.map((source) => source.token));
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
