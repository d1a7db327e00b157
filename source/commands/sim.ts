import type {CommandContext} from './context.js';

export interface SimOptions {
	port?: number;
	seed?: number;
	configOut?: string;
	/** Copies of the simulator's cast. */
	repos?: number;
}

/** `citop sim`: the simulator alone, for other clients; runs until interrupted. */
export async function simCommand(ctx: CommandContext, options: SimOptions): Promise<number> {
	const {runSimCommand} = await import('../sim/index.js');
	const {repos, ...rest} = options;
	return runSimCommand({...rest, ...(repos !== undefined ? {copies: repos} : {}), stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal});
}
