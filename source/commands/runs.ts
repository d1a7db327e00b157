import type {LoadedConfig} from '../config/load.js';
import type {Run} from '../model/run.js';
import {matchesStatus} from '../model/status.js';
import type {Status, StatusFilter} from '../model/status.js';
import {estimateToJson, runToJson, toSafeJson} from '../output/json.js';
import {renderRunsTable} from '../output/table.js';
import {formatSpan} from '../output/time.js';
import {createSourceClient} from '../providers/index.js';
import {errorFields} from '../store/schedule.js';
import {DEFAULT_SETTINGS} from '../store/types.js';
import {loadCommandConfig, useAscii, useColor} from './context.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT} from './exit.js';
import {formatProviderError} from './report.js';
import {readInputs} from './run-inputs.js';

export interface RunsOptions {
	source: readonly string[];
	status?: StatusFilter | Status;
	limit?: number;
	json: boolean;
	/** The runs the live view saved last, instead of asking the servers. */
	cached?: boolean;
	/** Read the detail of the printed runs whose inputs only it gives (Northflank's arguments). */
	inputs?: boolean;
}

/** Newest first across sources; runs the provider gave no date keep their source's order, after the dated ones. */
export function mergeRuns(lists: readonly (readonly Run[])[]): Run[] {
	const all = lists.flatMap((runs, sourceIndex) => runs.map((run, index) => ({run, sourceIndex, index})));
	const when = (run: Run) => run.createdAt ?? run.startedAt ?? -Infinity;
	all.sort((a, b) => when(b.run) - when(a.run) || a.sourceIndex - b.sourceIndex || a.index - b.index);
	return all.map((entry) => entry.run);
}

/** One refresh of every source of `config` in parallel: each source's runs, in its order; a source that failed is said on stderr and left out. */
export async function listEverySource(ctx: CommandContext, config: Pick<LoadedConfig, 'sources'>): Promise<{lists: {source: string; runs: Run[]}[]; failed: boolean}> {
	// An answer past citop's limits was cut: said once, as the live view's footer says it.
	const said = new Set<string>();
	const onCut = (source: string) => (what: string) => {
		const line = `${source}: ${what}`;
		if (!said.has(line)) ctx.reporter.warn(line);
		said.add(line);
	};
	const results = await Promise.allSettled(
		config.sources.map((spec) => createSourceClient(spec, {onCut: onCut(spec.name)}).listRuns({signal: ctx.signal, maxPages: DEFAULT_SETTINGS.maxPages})),
	);
	const lists: {source: string; runs: Run[]}[] = [];
	let failed = false;
	results.forEach((result, index) => {
		const name = config.sources[index]?.name ?? '';
		if (result.status === 'fulfilled') {
			lists.push({source: name, runs: result.value});
			return;
		}
		failed = true;
		ctx.reporter.error(formatProviderError(errorFields(result.reason, name), name));
		ctx.reporter.debug(`${name}: listing runs failed`, result.reason);
	});
	return {lists, failed};
}

/** `citop runs`: one refresh of every (selected) source in parallel, as a table or JSON. */
export async function runsCommand(ctx: CommandContext, options: RunsOptions): Promise<number> {
	if (options.cached && options.inputs) throw new CliError('--inputs asks the servers for each run, --cached asks none: use one of them');
	const config = await loadCommandConfig(ctx, options.source);
	if (options.cached) return cachedRunsCommand(ctx, options, config);
	const {lists, failed} = await listEverySource(ctx, config);
	const history = mergeRuns(lists.map((list) => list.runs));
	const shown = selectRuns(history, options);
	const read = options.inputs ? await readInputs(ctx, config, shown) : {runs: shown, failed: false};
	printRuns(ctx, options, config, history, read.runs, failed || read.failed);
	return failed || read.failed ? EXIT.provider : EXIT.ok;
}

/** `citop runs --cached`: what the live view saw last, no server asked; exit 3 when no source has any. */
async function cachedRunsCommand(ctx: CommandContext, options: RunsOptions, config: LoadedConfig): Promise<number> {
	const {cacheDir, readCachedRuns} = await import('../store/cache-file.js');
	const dir = cacheDir(ctx.env);
	const lists: Run[][] = [];
	for (const spec of config.sources) {
		const read = readCachedRuns(dir, spec);
		if (read.state === 'ok') {
			lists.push(read.cached.runs);
			ctx.reporter.error(`${spec.name}: cached runs from ${formatSpan(Date.now() - read.cached.savedAt)} ago`);
		} else if (read.state === 'ignored') ctx.reporter.warn(`${spec.name}: cached runs ignored (${read.why})`);
		else ctx.reporter.error(`${spec.name}: no cached runs (the live view keeps them once it has shown them)`);
	}
	if (lists.length === 0) return EXIT.provider;
	const history = mergeRuns(lists);
	printRuns(ctx, options, config, history, selectRuns(history, options), false);
	return EXIT.ok;
}

/** The runs to print: --status, then --limit. */
function selectRuns(history: Run[], options: RunsOptions): Run[] {
	const {status} = options;
	const runs = status ? history.filter((run) => matchesStatus(run.status, status)) : history;
	return options.limit === undefined ? runs : runs.slice(0, options.limit);
}

/** `history`: every run read, before any filter, which the running ones are estimated from. */
function printRuns(ctx: CommandContext, options: RunsOptions, config: LoadedConfig, history: Run[], runs: Run[], failed: boolean): void {
	const now = Date.now();

	if (options.json) {
		const pages = new Map(config.sources.map((spec) => [spec.name, spec.webUrl ?? null]));
		ctx.stdout.write(`${toSafeJson(runs.map((run) => ({...runToJson(run, pages.get(run.source) ?? null), ...estimateToJson(run, history, now)})))}\n`);
	} else if (runs.length > 0) {
		const lines = renderRunsTable(runs, {
			now,
			history,
			color: useColor(ctx, config),
			ascii: useAscii(ctx),
			...(ctx.stdout.isTTY && ctx.stdout.columns ? {width: ctx.stdout.columns} : {}),
		});
		ctx.stdout.write(`${lines.join('\n')}\n`);
	} else if (!failed) {
		ctx.stderr.write(`citop: no runs${options.status ? ` with status ${options.status}` : ''}\n`);
	}
}
