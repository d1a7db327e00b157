import type {ProviderErrorFields} from '../model/errors.js';
import type {Run} from '../model/run.js';
import {isConcluded} from '../model/status.js';
import type {StoreSnapshot} from '../store/types.js';
import {EXIT} from './exit.js';

/** How following a run ended. */
export type WatchOutcome =
	| {kind: 'concluded'; run: Run}
	/** The provider refused the token: retrying will not help. */
	| {kind: 'refused'; error: ProviderErrorFields}
	/** No such run (or source): the user's id is wrong. */
	| {kind: 'missing'; error: ProviderErrorFields}
	/** The provider stayed unreachable for longer than the user was willing to wait. */
	| {kind: 'gave_up'; error: ProviderErrorFields | null; waitedMs: number};

export interface WatchProgress {
	/** The run with its tree, once fetched. */
	run: Run | null;
	/** Clock ms of the last answer from the provider about this run or its source. */
	lastAnswerAt: number;
	outcome: WatchOutcome | null;
}

export interface AssessOptions {
	key: string;
	source: string;
	now: number;
	/** When the previous assessment last heard from the provider (the watch's start, at first). */
	lastAnswerAt: number;
	giveUpMs: number;
	/** A just-started run may not be found for a moment; before this clock ms, not_found is waited out. */
	missingGraceUntil: number;
}

const REFUSED = new Set(['auth', 'forbidden']);

/** Where a watched run stands in a store snapshot, and whether the watch is over. Pure. */
export function assessWatch(snapshot: StoreSnapshot, options: AssessOptions): WatchProgress {
	const detail = snapshot.detail?.runKey === options.key ? snapshot.detail : null;
	const source = snapshot.sources.find((state) => state.name === options.source);
	const run = detail?.run ?? null;
	const lastAnswerAt = Math.max(options.lastAnswerAt, detail?.fetchedAt ?? -Infinity, source?.lastSuccessAt ?? -Infinity);
	const progress = (outcome: WatchOutcome | null): WatchProgress => ({run, lastAnswerAt, outcome});

	if (run && isConcluded(run.status)) return progress({kind: 'concluded', run});
	const error = detail?.error ?? source?.lastError ?? null;
	if (error && REFUSED.has(error.kind)) return progress({kind: 'refused', error});
	if (source?.health === 'auth') return progress({kind: 'refused', error: error ?? {kind: 'auth', message: 'The token was refused.'}});
	if (detail?.error?.kind === 'not_found' && options.now >= options.missingGraceUntil) return progress({kind: 'missing', error: detail.error});
	const waitedMs = options.now - lastAnswerAt;
	if (error && waitedMs >= options.giveUpMs) return progress({kind: 'gave_up', error, waitedMs});
	return progress(null);
}

/** The exit code of `watch` (and `trigger --watch`): with --exit-status the run's result decides. */
export function watchExitCode(outcome: WatchOutcome, exitStatus: boolean): number {
	switch (outcome.kind) {
		case 'concluded':
			return !exitStatus || outcome.run.status === 'success' ? EXIT.ok : EXIT.runFailed;
		case 'missing':
			return EXIT.usage;
		case 'refused':
		case 'gave_up':
			return EXIT.provider;
	}
}

/** "…; gave up after 12 s without an answer (--give-up 10)": why following ended without a run. */
export function gaveUpLine(what: string, waitedMs: number, giveUp: number): string {
	return `${what}; gave up after ${Math.round(waitedMs / 1000)} s without an answer (--give-up ${giveUp})`;
}
