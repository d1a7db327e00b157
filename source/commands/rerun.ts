import {runName} from '../output/watch.js';
import {confirm, requireAnswerOrYes} from './confirm.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT} from './exit.js';
import {resolveRunTarget} from './resolve-run.js';
import {startRun, startingClient} from './trigger.js';
import type {StartOptions} from './trigger.js';

export interface RerunOptions extends StartOptions {
	run: string;
	source?: string;
	yes: boolean;
}

/**
 * `citop rerun RUN`: starts a new run with the parameters of RUN (as the RUN column shows it),
 * read afresh from its provider; says what the provider does not tell and what is used instead,
 * asks first on a terminal, then goes on as `citop trigger` does.
 */
export async function rerunCommand(ctx: CommandContext, options: RerunOptions): Promise<number> {
	requireAnswerOrYes(ctx, 'rerun', options.yes);
	const {config, spec, id} = await resolveRunTarget(ctx, options.run, options.source);
	const client = startingClient(spec);
	const plan = await client.rerunPlan(id, {signal: ctx.signal});
	const name = runName(plan.run);
	if ('refusal' in plan) throw new CliError(`${name}: cannot rerun: ${plan.refusal}`);
	for (const note of plan.notes) ctx.reporter.warn(note);
	const what = `${plan.run.label} on ${spec.name}: ${plan.summary}`;
	if (options.yes) ctx.stderr.write(`Rerunning ${ctx.reporter.redact(what)}\n`);
	else if (!(await confirm(ctx, `Rerun ${ctx.reporter.redact(what)}? [y/N] `))) {
		ctx.stderr.write('Not rerun.\n');
		return EXIT.ok;
	}
	return startRun(ctx, config, spec, client, plan.request, options);
}
