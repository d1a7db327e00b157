import {setTimeout as sleep} from 'node:timers/promises';
import {isProviderError} from '../model/errors.js';
import type {ErrorKind} from '../model/errors.js';
import type {Run} from '../model/run.js';
import {createSourceClient} from '../providers/index.js';
import type {ListOptions, SourceSpec} from '../providers/types.js';
import {errorFields} from '../store/schedule.js';
import {FIRST_PAGE_RUNS} from '../store/pages.js';
import {DEFAULT_SETTINGS} from '../store/types.js';
import type {LoadedConfig} from '../config/load.js';
import {loadCommandConfig, loadOneSource} from './context.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT} from './exit.js';
import {ambiguousLine, lookUpRun, unknownLine} from './find-run.js';
import {gaveUpLine} from './follow.js';
import {formatProviderError} from './report.js';

/** The run a command acts on: its source and the provider's own id for it. */
export interface ResolvedRun {
	spec: SourceSpec;
	id: string;
}

const REFUSED = new Set(['auth', 'forbidden']);

const isRefusal = (error: unknown): boolean => isProviderError(error) && REFUSED.has(error.kind);

/** Asks each source for the run by id: a run older than the listed pages is still found by its real id. */
async function askById(ctx: CommandContext, specs: readonly SourceSpec[], id: string): Promise<{spec: SourceSpec; run: Run}[]> {
	const answers = await Promise.allSettled(specs.map((spec) => createSourceClient(spec, {}).getRun(id, {signal: ctx.signal})));
	return answers.flatMap((answer, index) => {
		const spec = specs[index];
		return answer.status === 'fulfilled' && spec ? [{spec, run: answer.value}] : [];
	});
}

/**
 * Finds the run `typed` names (what the RUN column shows, or the real id) among the runs of
 * `specs`, as the live view lists them. A source that cannot be listed is not guessed at: with one
 * source, its list's error is thrown as it is (a caller may wait and ask again).
 */
export async function resolveRun(ctx: CommandContext, specs: readonly SourceSpec[], typed: string): Promise<ResolvedRun> {
	// The run asked for is nearly always a recent one: the newest runs first (a poll's request), the rest only when it is not there.
	const newest = await listAll(ctx, specs, {maxPages: 1, pageSize: FIRST_PAGE_RUNS});
	const found = pick(newest, typed);
	if (found) return found;
	const deeper = newest.failed.length === specs.length ? newest : await listAll(ctx, specs, {maxPages: DEFAULT_SETTINGS.maxPages});
	const failed = deeper.failed;
	const listedRun = pick(deeper, typed);
	if (listedRun) return listedRun;

	// One source that cannot be listed: a refused token is said at once, else the run may still be found by its id.
	const [only] = specs.length === 1 ? failed : [];
	if (only && isRefusal(only.error)) throw only.error;
	const byId = await askById(ctx, specs, typed.trim().replace(/^#/, ''));
	if (byId.length > 1) throw new CliError(ambiguousLine(typed, byId.map((answer) => answer.run)));
	if (byId[0]) return {spec: byId[0].spec, id: byId[0].run.id};
	// Never the typed text sent as an id: a label is none, and the 404 would blame the config.
	if (only) throw only.error;

	const listed = specs.filter((spec) => !failed.some((failure) => failure.spec === spec)).map((spec) => spec.name);
	const unread = failed.map((failure) => formatProviderError(errorFields(failure.error, failure.spec.name), failure.spec.name));
	if (unread.length === 0) throw new CliError(unknownLine(typed, listed));
	throw new CliError([...(listed.length > 0 ? [unknownLine(typed, listed)] : []), ...unread.map((line) => `${line} (its runs could not be searched)`)], EXIT.provider);
}

/** How long a command that follows a run (watch) waits out a source it cannot list for now. */
export interface Patience {
	/** --give-up: seconds without an answer before exit 3. */
	giveUp: number;
	/** Seconds between tries (default: poll.fast). */
	interval?: number;
}

const PASSING: ReadonlySet<ErrorKind> = new Set(['network', 'timeout', 'server', 'rate_limited']);

/** `find` again while it fails for a passing reason, saying each new error once, until --give-up. */
async function patiently<T>(ctx: CommandContext, find: () => Promise<T>, giveUp: number, intervalMs: number): Promise<T> {
	const start = Date.now();
	let said = '';
	for (let tries = 1; ; tries++) {
		try {
			return await find();
		} catch (error) {
			if (!isProviderError(error) || !PASSING.has(error.kind)) throw error;
			const line = formatProviderError(error);
			const waitedMs = Date.now() - start;
			// A first try that outlasted --give-up (its requests' own retries) is still tried once more.
			if (tries > 1 && waitedMs >= giveUp * 1000) throw new CliError(gaveUpLine(line, waitedMs, giveUp), EXIT.provider);
			if (line !== said) ctx.reporter.error(`${line}; retrying`);
			said = line;
			await sleep(intervalMs, undefined, {signal: ctx.signal});
		}
	}
}

/**
 * The run a command names (RUN as the RUN column shows it) with the config and its source: looked
 * for in --source NAME, or without it in every source, where a unique match needs no more.
 * `usable` throws for a source the command cannot act on: a named one before any request. With
 * `patience`, a source that cannot be listed for now is waited out.
 */
export async function resolveRunTarget(
	ctx: CommandContext,
	typed: string,
	source: string | undefined,
	usable: (spec: SourceSpec) => void = () => {},
	patience?: Patience,
): Promise<ResolvedRun & {config: LoadedConfig}> {
	let config: LoadedConfig;
	let specs: readonly SourceSpec[];
	if (source !== undefined) {
		const named = await loadOneSource(ctx, source);
		usable(named.spec);
		config = named.config;
		specs = [named.spec];
	} else {
		config = await loadCommandConfig(ctx);
		specs = config.sources;
	}
	const find = () => resolveRun(ctx, specs, typed);
	const found = patience ? await patiently(ctx, find, patience.giveUp, patience.interval !== undefined ? patience.interval * 1000 : config.poll.fastMs) : await find();
	if (source === undefined) usable(found.spec);
	return {config, ...found};
}

interface Listing {
	specs: readonly SourceSpec[];
	runs: Run[];
	failed: {spec: SourceSpec; error: unknown}[];
}

async function listAll(ctx: CommandContext, specs: readonly SourceSpec[], pages: Omit<ListOptions, 'signal'>): Promise<Listing> {
	const lists = await Promise.allSettled(specs.map((spec) => createSourceClient(spec, {}).listRuns({...pages, signal: ctx.signal})));
	const runs = lists.flatMap((list) => (list.status === 'fulfilled' ? list.value : []));
	const failed = specs.flatMap((spec, index) => {
		const list = lists[index];
		return list?.status === 'rejected' ? [{spec, error: list.reason as unknown}] : [];
	});
	return {specs, runs, failed};
}

/** A Wercker id names one run everywhere: an application source lists the runs of its pipelines' sources again. */
function sameWerckerRun(runs: readonly Run[]): boolean {
	return runs.every((run) => run.provider === 'wercker' && run.id === runs[0]?.id);
}

/** The listed run `typed` names; throws when it could be several. */
function pick(listing: Listing, typed: string): ResolvedRun | null {
	let lookup = lookUpRun(listing.runs, typed);
	if (lookup.kind === 'ambiguous' && lookup.runs[0] && sameWerckerRun(lookup.runs)) lookup = {kind: 'found', run: lookup.runs[0]};
	if (lookup.kind === 'ambiguous') throw new CliError(ambiguousLine(typed, lookup.runs));
	if (lookup.kind === 'unknown') return null;
	const spec = listing.specs.find((candidate) => candidate.name === lookup.run.source);
	if (!spec) throw new Error(`a listed run names no configured source: ${lookup.run.source}`);
	return {spec, id: lookup.run.id};
}
