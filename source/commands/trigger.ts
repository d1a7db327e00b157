import {shownId} from '../model/run.js';
import {runWithTreeToJson, toSafeJson} from '../output/json.js';
import {createSourceClient} from '../providers/index.js';
import {loadOneSource} from './context.js';
import type {CommandContext} from './context.js';
import {CliError} from './exit.js';
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

/** `citop trigger`: starts a run, prints its id (or JSON), and with --watch follows it to its end. */
export async function triggerCommand(ctx: CommandContext, options: TriggerOptions): Promise<number> {
	const {config, spec} = await loadOneSource(ctx, options.source);
	const client = createSourceClient(spec, {});
	if (!client.capabilities.trigger) {
		throw new CliError(`${spec.name}: cannot start runs: ${client.capabilities.reasons.trigger ?? `${spec.provider} has no way to start one`}`);
	}
	const request = buildTriggerRequest(options, client.capabilities, spec.provider);
	const run = await client.trigger(request, {signal: ctx.signal});

	if (!options.watch) {
		ctx.stdout.write(options.json ? `${toSafeJson(runWithTreeToJson(run))}\n` : `${shownId(run)}\n`);
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
	if (options.json && followed.run) ctx.stdout.write(`${toSafeJson(runWithTreeToJson(followed.run))}\n`);
	return followed.code;
}
