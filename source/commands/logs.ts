import type {ProviderErrorFields} from '../model/errors.js';
import {runKey} from '../model/run.js';
import type {Run} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import {isActive} from '../model/status.js';
import {statusWord} from '../output/glyphs.js';
import {styleFor} from '../output/style.js';
import type {Style} from '../output/style.js';
import {runName} from '../output/watch.js';
import type {PlacedNode} from '../output/watch.js';
import {capabilitiesOf} from '../providers/capabilities.js';
import type {SourceSpec} from '../providers/types.js';
import type {LiveStore} from '../store/index.js';
import type {StoreSnapshot} from '../store/types.js';
import {liveStore, useColor} from './context.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT, exitCodeForKind} from './exit.js';
import {assessWatch, watchExitCode} from './follow.js';
import type {WatchOutcome} from './follow.js';
import type {LogChoice, NextLog} from './log-nodes.js';
import {logNodes, lookUpNode, nextLog, nodeLookupLine} from './log-nodes.js';
import {formatProviderError} from './report.js';
import {resolveRunTarget} from './resolve-run.js';
import {reportOutcome, waitFor} from './watch.js';

export interface LogsOptions {
	run: string;
	source?: string;
	/** A node of the run's tree by its path (build/test/unit): its log, or the logs under it. */
	node?: string;
	failed: boolean;
	follow: boolean;
	/** Seconds between polls while following. */
	interval?: number;
	/** Following: seconds without an answer from the provider before giving up with exit 3. */
	giveUp: number;
}

/** A log that cannot be read now will not be by waiting. */
const FINAL_ERRORS = new Set(['auth', 'forbidden', 'not_found', 'unsupported']);

function refuseWithoutLogs(spec: SourceSpec): void {
	const capabilities = capabilitiesOf(spec);
	if (!capabilities.logs) throw new CliError(`${spec.name}: ${capabilities.reasons.logs ?? `${spec.provider} has no logs`}`, EXIT.usage);
}

/** "==> build/test/unit (failed) <==", as `tail` heads each file: the path is what --node takes. */
function formatHeader({node, path}: PlacedNode, style: Style): string {
	return `${style.bold(`==> ${path}`)} ${style.status(node.status, `(${statusWord(node.status, node.flags)})`)} ${style.bold('<==')}`;
}

/** Writes each node's lines under its header; a node whose log is empty prints nothing. */
class LogPrinter {
	sections = 0;
	lines = 0;

	constructor(
		private readonly out: NodeJS.WritableStream,
		private readonly style: Style,
	) {}

	write(placed: PlacedNode, lines: readonly string[], first: boolean): void {
		if (lines.length === 0) return;
		if (first) this.out.write(`${this.sections++ > 0 ? '\n' : ''}${formatHeader(placed, this.style)}\n`);
		this.out.write(`${lines.join('\n')}\n`);
		this.lines += lines.length;
	}
}

interface Reading {
	store: LiveStore;
	key: string;
	printer: LogPrinter;
	follow: boolean;
	giveUpMs: number;
}

/**
 * Prints one node's log as the store reads it: to its end, or (not following) as far as the
 * provider has it now. Resolves with the error that ended it early, if one did.
 */
async function readNodeLog(reading: Reading, placed: PlacedNode): Promise<ProviderErrorFields | null> {
	const {store, key, printer, follow, giveUpMs} = reading;
	const id = placed.node.id;
	let printed = 0;
	const print = (lines: readonly string[]) => {
		printer.write(placed, lines, printed === 0);
		printed += lines.length;
	};
	store.openLog(key, id, print);
	let lastAnswerAt = Date.now();
	try {
		const end = await waitFor(store, ({log}) => {
			if (log?.nodeId !== id) return undefined;
			if (log.done) return {error: null, partial: ''};
			if (log.error === null) {
				if (!log.loading) lastAnswerAt = Date.now();
				return !follow && log.caughtUp && !log.loading ? {error: null, partial: log.partial} : undefined;
			}
			const over = !follow || FINAL_ERRORS.has(log.error.kind) || Date.now() - lastAnswerAt >= giveUpMs;
			return over ? {error: log.error, partial: ''} : undefined;
		});
		// The line being written is part of the log so far.
		if (end.partial !== '') print([end.partial]);
		return end.error;
	} finally {
		store.closeLog();
	}
}

type Step = {outcome: WatchOutcome} | {run: Run; next: Exclude<NextLog, {kind: 'wait'}>};

/** Where the walk through the run's nodes stands. */
interface Walk {
	key: string;
	source: string;
	choice: LogChoice;
	/** What --node said, and the id of the node it names once the tree has come. */
	node?: string;
	scope: string | null;
	handled: Set<string>;
	/** Clock ms the provider last answered about the run, for --give-up while its tree has not come. */
	lastAnswerAt: number;
	giveUpMs: number;
}

/** What the store's tree says to do next; throws when --node names no node of it. */
function nextStep(snapshot: StoreSnapshot, state: Walk): Step | undefined {
	const detail = snapshot.detail?.runKey === state.key ? snapshot.detail : null;
	const run = detail?.run ?? null;
	if (run === null) {
		const progress = assessWatch(snapshot, {key: state.key, source: state.source, now: Date.now(), lastAnswerAt: state.lastAnswerAt, giveUpMs: state.giveUpMs, missingGraceUntil: 0});
		state.lastAnswerAt = progress.lastAnswerAt;
		return progress.outcome ? {outcome: progress.outcome} : undefined;
	}
	if (state.node !== undefined && state.scope === null) state.scope = scopeOf(run, state.node);
	const next = nextLog(run, logNodes(run, state.scope), state.handled, state.choice);
	return next.kind === 'wait' ? undefined : {run, next};
}

/** The id of the node --node names, if it or a step under it has a log. */
function scopeOf(run: Run, typed: string): string {
	const lookup = lookUpNode(run, typed);
	if (lookup.kind !== 'found') throw new CliError(nodeLookupLine(lookup, typed, runName(run)));
	const {node, path} = lookup.placed;
	if (logNodes(run, node.id).length === 0) throw new CliError(`${path} of ${runName(run)} has no log, and no step under it has one`);
	return node.id;
}

/** One line on stderr when nothing was printed, so an empty output is not taken for an empty log. */
function sayWhyNothing(ctx: CommandContext, run: Run, options: LogsOptions, read: number): void {
	const yet = isActive(run.status) ? ' yet' : '';
	const what = options.node === undefined ? runName(run) : `${sanitizeLine(options.node, 80)} of ${runName(run)}`;
	let line: string;
	if (read > 0) line = `${what}: the log${read > 1 ? 's are' : ' is'} empty${yet}`;
	else if (options.failed) line = `${what}: no step has failed${yet}${yet !== '' && !options.follow ? ' (--follow waits for the run to end)' : ''}`;
	else line = `${what}: no step has a log${yet}`;
	ctx.stderr.write(`${line}\n`);
}

/** Reads the logs `options` asks for, node after node in the tree's order, until there is none left. */
async function printLogs(ctx: CommandContext, store: LiveStore, spec: SourceSpec, key: string, style: Style, options: LogsOptions): Promise<number> {
	const giveUpMs = options.follow ? options.giveUp * 1000 : 0;
	const printer = new LogPrinter(ctx.stdout, style);
	const reading: Reading = {store, key, printer, follow: options.follow, giveUpMs};
	const state: Walk = {
		key,
		source: spec.name,
		choice: {failed: options.failed, follow: options.follow},
		...(options.node === undefined ? {} : {node: options.node}),
		scope: null,
		handled: new Set<string>(),
		lastAnswerAt: Date.now(),
		giveUpMs,
	};
	let code: number | null = null;
	for (;;) {
		const step = await waitFor(store, (snapshot) => nextStep(snapshot, state));
		if ('outcome' in step) {
			if (options.follow || step.outcome.kind !== 'gave_up') return reportOutcome(ctx, step.outcome, spec.name, {giveUp: options.giveUp, exitStatus: true});
			if (step.outcome.error) ctx.reporter.error(formatProviderError(step.outcome.error, spec.name));
			return EXIT.provider;
		}
		const {run, next} = step;
		if (next.kind === 'end') {
			if (printer.lines === 0 && code === null) sayWhyNothing(ctx, run, options, state.handled.size);
			if (!options.follow) return code ?? EXIT.ok;
			// The run's end, on stderr: what was printed is the log and only the log.
			ctx.stderr.write(`${runName(run)} finished: ${statusWord(run.status, run.flags)}\n`);
			return code ?? watchExitCode({kind: 'concluded', run}, true);
		}
		const error = await readNodeLog(reading, next.placed);
		state.handled.add(next.placed.node.id);
		if (error) {
			ctx.reporter.error(`${formatProviderError(error, spec.name)} (the log of ${next.placed.path})`);
			code ??= exitCodeForKind(error.kind);
		}
	}
}

/** `citop logs RUN [--source S] [--node PATH] [--failed] [--follow]`: a run's logs as text, node after node. */
export async function logsCommand(ctx: CommandContext, options: LogsOptions): Promise<number> {
	const {config, spec, id} = await resolveRunTarget(ctx, options.run, options.source, refuseWithoutLogs);
	const store = await liveStore(config, [spec], options.interval);
	ctx.onInterrupt(() => store.stop());
	store.start();
	try {
		const key = runKey(spec.name, id);
		store.openRun(key);
		return await printLogs(ctx, store, spec, key, styleFor(useColor(ctx, config)), options);
	} finally {
		await store.stop();
	}
}
