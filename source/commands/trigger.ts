import {shownId} from '../model/run.js';
import {runWithTreeToJson, toSafeJson} from '../output/json.js';
import {createSourceClient} from '../providers/index.js';
import type {LoadedConfig} from '../config/load.js';
import type {SourceClient, SourceSpec, TriggerRequest} from '../providers/types.js';
import {loadCommandConfig, loadOneSource} from './context.js';
import type {CommandContext} from './context.js';
import {CliError} from './exit.js';
import {resolveRun} from './resolve-run.js';
import {buildTriggerRequest} from './trigger-request.js';
import type {TriggerFlags} from './trigger-request.js';
import {followRun} from './watch.js';

export interface TriggerOptions extends TriggerFlags {
	source?: string;
	watch: boolean;
	json: boolean;
	interval?: number;
	giveUp: number;
}

// A run just started may not be found at once (Northflank's reply may not carry its id).
const NEW_RUN_GRACE_MS = 15_000;

/**
 * --source-run names the run as the RUN column shows it; the provider takes its id. A chained
 * deploy follows a run of another pipeline, so every Wercker source is searched.
 */
async function withSourceRun(ctx: CommandContext, request: TriggerRequest): Promise<TriggerRequest> {
	if (request.sourceRun === undefined) return request;
	// Warnings were printed by the first load; the whole config is read again only to search it.
	const quiet = {...ctx, reporter: Object.assign(Object.create(ctx.reporter) as typeof ctx.reporter, {warn: () => undefined})};
	const config = await loadCommandConfig(quiet);
	const found = await resolveRun(ctx, config.sources.filter((source) => source.provider === 'wercker'), request.sourceRun);
	return {...request, sourceRun: found.id};
}

/** The source's client, when it can start runs; otherwise why not, as the line to print. */
export function startingClient(spec: SourceSpec): SourceClient {
	const client = createSourceClient(spec, {});
	if (!client.capabilities.trigger) {
		throw new CliError(`${spec.name}: cannot start runs: ${client.capabilities.reasons.trigger ?? `${spec.provider} has no way to start one`}`);
	}
	return client;
}

export type StartOptions = Pick<TriggerOptions, 'watch' | 'json' | 'interval' | 'giveUp'>;

/** Starts a run and prints its id (or JSON); with --watch follows it to its end. `trigger` and `rerun` end here. */
export async function startRun(ctx: CommandContext, config: LoadedConfig, spec: SourceSpec, client: SourceClient, request: TriggerRequest, options: StartOptions): Promise<number> {
	const run = await client.trigger(request, {signal: ctx.signal});
	if (!options.watch) {
		ctx.stdout.write(options.json ? `${toSafeJson(runWithTreeToJson(run, spec.webUrl ?? null))}\n` : `${shownId(run)}\n`);
		return 0;
	}
	// With --json, stdout holds only the final run; the progress goes to stderr.
	if (!options.json) ctx.stdout.write(`${shownId(run)}\n`);
	const followed = await followRun(ctx, config, spec, run.id, {
		...(options.interval !== undefined ? {interval: options.interval} : {}),
		exitStatus: true,
		giveUp: options.giveUp,
		missingGraceMs: NEW_RUN_GRACE_MS,
		out: options.json ? ctx.stderr : ctx.stdout,
	});
	if (options.json && followed.run) ctx.stdout.write(`${toSafeJson(runWithTreeToJson(followed.run, spec.webUrl ?? null))}\n`);
	return followed.code;
}

/** `citop trigger`: starts a run, prints its id (or JSON), and with --watch follows it to its end. */
export async function triggerCommand(ctx: CommandContext, options: TriggerOptions): Promise<number> {
	const {config, spec} = await loadOneSource(ctx, options.source);
	const client = startingClient(spec);
	const request = await withSourceRun(ctx, buildTriggerRequest(options, client.capabilities, spec.provider));
	return startRun(ctx, config, spec, client, request, options);
}
