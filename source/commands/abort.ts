import {sanitizeLine} from '../model/sanitize.js';
import {isConcluded} from '../model/status.js';
import {statusWord} from '../output/glyphs.js';
import {runName} from '../output/watch.js';
import {createSourceClient} from '../providers/index.js';
import type {SourceClient, SourceSpec} from '../providers/types.js';
import {confirm, requireAnswerOrYes} from './confirm.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT} from './exit.js';
import {resolveRunTarget} from './resolve-run.js';

export interface AbortOptions {
	run: string;
	source?: string;
	yes: boolean;
}

/** The source's client, when it can stop runs; otherwise why not, as the line to print. */
function abortingClient(spec: SourceSpec): SourceClient {
	const client = createSourceClient(spec, {});
	if (!client.capabilities.abort) {
		throw new CliError(`${spec.name}: cannot abort runs: ${client.capabilities.reasons.abort ?? `${spec.provider} has no way to stop one`}`);
	}
	return client;
}

/**
 * `citop abort RUN [--source NAME]` (RUN as the RUN column shows it, or the id; without --source
 * looked for in every source): asks first on a terminal, refuses where the provider cannot abort.
 */
export async function abortCommand(ctx: CommandContext, options: AbortOptions): Promise<number> {
	requireAnswerOrYes(ctx, 'abort', options.yes);
	const {spec, id} = await resolveRunTarget(ctx, options.run, options.source, abortingClient);
	const client = abortingClient(spec);
	const run = await client.getRun(id, {signal: ctx.signal});
	if (isConcluded(run.status)) {
		ctx.stdout.write(`${runName(run)} already finished (${statusWord(run.status, run.flags)}); nothing to abort\n`);
		return EXIT.ok;
	}
	if (!options.yes) {
		const title = sanitizeLine(run.title, 60);
		const agreed = await confirm(ctx, `Abort ${runName(run)}${title ? ` "${title}"` : ''} (${statusWord(run.status, run.flags)})? [y/N] `);
		if (!agreed) {
			ctx.stderr.write('Not aborted.\n');
			return EXIT.ok;
		}
	}
	const after = await client.abort(id, {signal: ctx.signal});
	ctx.stdout.write(`${runName(after)}: abort requested (now ${statusWord(after.status, after.flags)})\n`);
	return EXIT.ok;
}
