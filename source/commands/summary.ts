import {summarize} from '../model/summary.js';
import {toSafeJson} from '../output/json.js';
import {summaryFields, summaryToJson} from '../output/summary.js';
import {displayWidth, pad} from '../output/text.js';
import {loadCommandConfig, useAscii} from './context.js';
import type {CommandContext} from './context.js';
import {EXIT} from './exit.js';
import {listEverySource, mergeRuns} from './runs.js';

export interface SummaryOptions {
	source: readonly string[];
	json: boolean;
}

/** `citop summary`: one refresh of every (selected) source, summed up per source and for all of them. */
export async function summaryCommand(ctx: CommandContext, options: SummaryOptions): Promise<number> {
	const config = await loadCommandConfig(ctx, options.source);
	const {lists, failed} = await listEverySource(ctx, config);
	const now = Date.now();
	const all = mergeRuns(lists.map((list) => list.runs));
	if (options.json) {
		const sources = lists.map((list) => summaryToJson(list.source, summarize(list.runs), now));
		ctx.stdout.write(`${toSafeJson({sources, all: summaryToJson(null, summarize(all), now)})}\n`);
		return failed ? EXIT.provider : EXIT.ok;
	}
	const scopes: {source: string | null; runs: typeof all}[] = [...lists, {source: null, runs: all}];
	const separator = useAscii(ctx) ? ' | ' : ' · ';
	const name = (source: string | null) => source ?? 'all';
	const width = Math.max(...scopes.map((scope) => displayWidth(name(scope.source))));
	for (const scope of scopes) {
		const fields = summaryFields(summarize(scope.runs), now, {showSource: scope.source === null});
		ctx.stdout.write(`${pad(name(scope.source), width)}  ${fields.map((field) => field.text).join(separator)}\n`);
	}
	return failed ? EXIT.provider : EXIT.ok;
}
