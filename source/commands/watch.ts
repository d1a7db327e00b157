import type {LoadedConfig} from '../config/load.js';
import type {ProviderErrorFields} from '../model/errors.js';
import {runKey} from '../model/run.js';
import type {Run} from '../model/run.js';
import {LiveRegion} from '../output/live.js';
import {styleFor} from '../output/style.js';
import {canRedraw} from '../output/terminal.js';
import {Transcript} from '../output/transcript.js';
import {formatConclusion, renderRunTree, runName} from '../output/watch.js';
import type {SourceSpec} from '../providers/types.js';
import type {LiveStore} from '../store/index.js';
import {detailStaleSince} from '../store/staleness.js';
import type {StoreSnapshot} from '../store/types.js';
import {liveStore, loadOneSource, useAscii, useColor} from './context.js';
import type {CommandContext} from './context.js';
import {CliError} from './exit.js';
import {assessWatch, gaveUpLine, watchExitCode} from './follow.js';
import type {WatchOutcome} from './follow.js';
import {formatProviderError} from './report.js';
import {resolveRunTarget} from './resolve-run.js';

export interface WatchOptions {
	run?: string;
	source?: string;
	/** Seconds between polls while the run is going. */
	interval?: number;
	exitStatus: boolean;
	/** Seconds without an answer from the provider before giving up with exit 3. */
	giveUp: number;
}

export interface FollowSettings {
	interval?: number;
	exitStatus: boolean;
	giveUp: number;
	/** ms during which "no such run" is waited out (a run just started may not be listed yet). */
	missingGraceMs: number;
	/** Where transition lines go: stdout, or stderr when stdout is kept for JSON. */
	out: NodeJS.WriteStream;
}

// Live durations move once a second; changes between ticks are drawn as they come.
const TICK_MS = 1_000;

/** Calls `check` on every store change and every tick until it returns a value (or throws). */
export function waitFor<T>(store: LiveStore, check: (snapshot: StoreSnapshot) => T | undefined): Promise<T> {
	return new Promise((resolve, reject) => {
		let done = false;
		const finish = () => {
			done = true;
			unsubscribe();
			clearInterval(ticker);
		};
		const attempt = () => {
			if (done) return;
			try {
				const value = check(store.getSnapshot());
				if (value === undefined) return;
				finish();
				resolve(value);
			} catch (error) {
				finish();
				reject(error);
			}
		};
		const unsubscribe = store.subscribe(attempt);
		const ticker = setInterval(attempt, TICK_MS);
		attempt();
	});
}

type Newest = {id: string} | {outcome: WatchOutcome};

/** The newest run of the source, once its list has answered. */
function waitForNewest(store: LiveStore, source: string, giveUpMs: number): Promise<Newest> {
	const start = Date.now();
	let lastAnswerAt = start;
	return waitFor(store, (snapshot): Newest | undefined => {
		const state = snapshot.sources.find((candidate) => candidate.name === source);
		if (state?.lastSuccessAt != null) {
			const newest = snapshot.runs.find((run) => run.source === source);
			if (!newest) throw new CliError(`${source} has no runs yet; start one with citop trigger --source ${source}`);
			return {id: newest.id};
		}
		const progress = assessWatch(snapshot, {key: '', source, now: Date.now(), lastAnswerAt, giveUpMs, missingGraceUntil: Infinity});
		lastAnswerAt = progress.lastAnswerAt;
		return progress.outcome ? {outcome: progress.outcome} : undefined;
	});
}

function errorLabel(error: ProviderErrorFields): string {
	return `${error.kind}\u0000${error.message}\u0000${error.requestId ?? ''}`;
}

/** Follows one run until it concludes (or the provider fails for good): the end of `watch` and `trigger --watch`. */
export async function followRun(ctx: CommandContext, config: LoadedConfig, spec: SourceSpec, id: string | null, settings: FollowSettings): Promise<{code: number; run: Run | null}> {
	const store = await liveStore(config, [spec], settings.interval);
	const out = settings.out;
	// Where the tree cannot be redrawn in place (a pipe, TERM=dumb), one line per change.
	const live = canRedraw(out, ctx.env) ? new LiveRegion(out) : null;
	const ascii = useAscii(ctx);
	const style = styleFor(useColor(ctx, config, out));
	ctx.onInterrupt(async () => {
		live?.close();
		await store.stop();
	});
	store.start();
	try {
		const giveUpMs = settings.giveUp * 1000;
		let runId = id;
		if (runId === null) {
			const newest = await waitForNewest(store, spec.name, giveUpMs);
			if ('outcome' in newest) return {code: reportOutcome(ctx, newest.outcome, spec.name, settings), run: null};
			runId = newest.id;
		}
		const key = runKey(spec.name, runId);
		store.watch(key);
		store.openRun(key);

		const start = Date.now();
		const transcript = live ? null : new Transcript(key, ascii, (line) => out.write(`${line}\n`));
		let lastAnswerAt = start;
		let lastError = '';
		const outcome = await waitFor(store, (snapshot) => {
			const now = Date.now();
			const progress = assessWatch(snapshot, {key, source: spec.name, now, lastAnswerAt, giveUpMs, missingGraceUntil: start + settings.missingGraceMs});
			lastAnswerAt = progress.lastAnswerAt;
			const error = progress.outcome ? null : (snapshot.detail?.error ?? snapshot.sources.find((state) => state.name === spec.name)?.lastError ?? null);
			const errorLine = error ? `${formatProviderError(error, spec.name)}; retrying` : null;
			const label = error ? errorLabel(error) : '';
			if (live) {
				// On a terminal the error shows in the frame: a line on stderr would break the redraw.
				const frame = progress.run
					? renderRunTree(progress.run, {now, ascii, style, width: out.columns || 80, height: Math.max(3, (out.rows || 24) - 2), staleSince: detailStaleSince(snapshot.detail)})
					: [`waiting for ${runName({source: spec.name, label: runId})}…`];
				live.render(errorLine ? [...frame, ctx.reporter.redact(errorLine)] : frame);
			} else {
				transcript?.update(snapshot.events, progress.run, now);
				if (errorLine && label !== lastError) ctx.reporter.error(errorLine);
			}
			lastError = label;
			return progress.outcome ?? undefined;
		});
		live?.close();
		if (outcome.kind === 'concluded') {
			for (const line of formatConclusion(outcome.run, Date.now(), ascii)) out.write(`${line}\n`);
			if (out.isTTY && config.notify.bell) out.write('\u0007');
			return {code: watchExitCode(outcome, settings.exitStatus), run: outcome.run};
		}
		return {code: reportOutcome(ctx, outcome, spec.name, settings), run: null};
	} finally {
		live?.close();
		await store.stop();
	}
}

/** Says how following ended, unless the run concluded; returns the exit code. */
export function reportOutcome(ctx: CommandContext, outcome: WatchOutcome, source: string, settings: Pick<FollowSettings, 'giveUp' | 'exitStatus'>): number {
	switch (outcome.kind) {
		case 'refused':
		case 'missing':
			ctx.reporter.error(formatProviderError(outcome.error, source));
			break;
		case 'gave_up':
			ctx.reporter.error(gaveUpLine(outcome.error ? formatProviderError(outcome.error, source) : source, outcome.waitedMs, settings.giveUp));
			break;
		case 'concluded':
			break;
	}
	return watchExitCode(outcome, settings.exitStatus);
}

/** The run to follow and its source: the source's newest, or the run named as the RUN column shows it. */
async function watchTarget(ctx: CommandContext, options: WatchOptions): Promise<{config: LoadedConfig; spec: SourceSpec; id: string | null}> {
	// A source that cannot be listed for now is waited out as following the run would be.
	const patience = {giveUp: options.giveUp, ...(options.interval !== undefined ? {interval: options.interval} : {})};
	if (options.run !== undefined) return resolveRunTarget(ctx, options.run, options.source, undefined, patience);
	const {config, spec} = await loadOneSource(ctx, options.source);
	return {config, spec, id: null};
}

/** `citop watch [RUN] [--source NAME]`: follows one run (default: the source's newest) until it concludes. */
export async function watchCommand(ctx: CommandContext, options: WatchOptions): Promise<number> {
	const {config, spec, id} = await watchTarget(ctx, options);
	const {code} = await followRun(ctx, config, spec, id, {
		...(options.interval !== undefined ? {interval: options.interval} : {}),
		exitStatus: options.exitStatus,
		giveUp: options.giveUp,
		missingGraceMs: 0,
		out: ctx.stdout,
	});
	return code;
}
