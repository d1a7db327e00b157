import type {Clock} from '../model/clock.js';
import type {ProviderErrorFields} from '../model/errors.js';
import type {LogRef} from '../model/run.js';
import type {LogChunk, LogCursor, SourceClient} from '../providers/types.js';
import type {RateBudget} from './budget.js';
import type {Outcome} from './loop.js';
import {Polled} from './polled.js';
import {backoffDelay, errorFields, isAuthError, withJitter} from './schedule.js';
import type {LogView, StoreSettings} from './types.js';

/** Lines kept per log; the oldest go first, so a long live log cannot eat the memory. */
export const MAX_LOG_LINES = 50_000;

/** Reads of a finished node that bring nothing before we take the log as complete. */
const EMPTY_READS_AFTER_END = 3;

/** Where a node's log is, as far as the fetched tree tells. */
export type LogLocation =
	| {state: 'unknown'}
	| {state: 'missing'}
	| {state: 'found'; ref: LogRef | null; live: boolean};

export interface LogHost {
	clock: Clock;
	settings: StoreSettings;
	random: () => number;
	locate(runKey: string, nodeId: string): LogLocation;
	onChange(): void;
}

/** Hears every complete line the follower reads, in order, before the view (which keeps only the newest) is told. */
export type LogSink = (lines: readonly string[]) => void;

/** The lines kept of a log, and how many went from its front to keep them few. */
export interface KeptLines {
	lines: readonly string[];
	dropped: number;
}

/** Appends `more` to the kept lines, keeping at most `max` of the newest and counting those that go. */
export function appendLines(kept: KeptLines, more: readonly string[], max = MAX_LOG_LINES): KeptLines {
	if (more.length === 0) return kept;
	const all = kept.lines.concat(more);
	const over = Math.max(0, all.length - max);
	return {lines: over > 0 ? all.slice(over) : all, dropped: kept.dropped + over};
}

/** Follows the open log: reads on from its cursor while the node is live, then until the provider says done. */
export class LogFollower extends Polled<LogChunk> {
	private kept: KeptLines = {lines: [], dropped: 0};
	private partial = '';
	private done = false;
	private loading = true;
	private caughtUp = false;
	private error: ProviderErrorFields | null = null;
	private cursor: LogCursor | null = null;
	private ref: LogRef | null = null;
	private failures = 0;
	private emptyReads = 0;
	private view: LogView | null = null;

	constructor(
		readonly runKey: string,
		readonly nodeId: string,
		private readonly client: SourceClient,
		budget: RateBudget,
		private readonly host: LogHost,
		private readonly sink: LogSink | null = null,
	) {
		super(host.clock, budget, true);
	}

	/** Starts reading once the tree says where the log is; call again whenever the tree changes. */
	treeChanged(): void {
		if (this.ref !== null || this.done || this.error !== null) return;
		if (!this.client.capabilities.logs) {
			this.fail(this.client.capabilities.reasons.logs ?? 'This source has no logs.');
			return;
		}
		const location = this.host.locate(this.runKey, this.nodeId);
		if (location.state === 'unknown') return;
		if (location.state === 'missing' || location.ref === null) {
			this.fail('This step has no log.');
			return;
		}
		this.ref = location.ref;
		if (!this.paused) this.loop.runNow();
	}

	/** Reads now; `force` when the user asked, so the budget does not hold it. */
	refresh(force = false): void {
		if (this.ref !== null && !this.done && !this.paused) this.loop.runNow(force);
	}

	resume(): void {
		if (!this.paused) return;
		this.paused = false;
		this.refresh();
	}

	logView(): LogView {
		this.view ??= {
			runKey: this.runKey,
			nodeId: this.nodeId,
			lines: this.kept.lines,
			dropped: this.kept.dropped,
			partial: this.partial,
			done: this.done,
			loading: this.loading,
			caughtUp: this.caughtUp,
			error: this.error,
		};
		return this.view;
	}

	protected request(signal: AbortSignal): Promise<LogChunk> {
		return this.client.readLog(this.ref!, this.cursor, {signal});
	}

	protected changed(): void {
		this.view = null;
		this.host.onChange();
	}

	private fail(message: string): void {
		this.loading = false;
		this.error = {kind: 'unsupported', message, source: this.client.name};
		this.changed();
	}

	protected settle(outcome: Outcome<LogChunk>): number | null {
		const {settings, random} = this.host;
		this.loading = false;
		if (!outcome.ok) {
			const error = errorFields(outcome.error, this.client.name);
			this.error = error;
			this.changed();
			if (isAuthError(error) || error.kind === 'not_found' || error.kind === 'unsupported') return null;
			this.failures++;
			return this.paused ? null : backoffDelay(settings, this.failures, error.retryAfterMs ?? null, random);
		}
		const chunk = outcome.value;
		const moved = chunk.lines.length > 0 || chunk.partial !== this.partial;
		this.kept = appendLines(this.kept, chunk.lines);
		this.partial = chunk.partial;
		this.cursor = chunk.cursor;
		this.error = null;
		this.failures = 0;
		const location = this.host.locate(this.runKey, this.nodeId);
		const live = location.state === 'found' && location.live;
		this.emptyReads = moved || live ? 0 : this.emptyReads + 1;
		if (chunk.done || this.emptyReads >= EMPTY_READS_AFTER_END) this.done = true;
		// Caught up: all there is now has been read (a read that stopped at its own limit has not).
		this.caughtUp = this.done || (chunk.more !== true && (live || !moved));
		if (chunk.lines.length > 0) this.sink?.(chunk.lines);
		this.changed();
		if (this.done || this.paused) return null;
		// A finished node's log is read on at once while it still brings lines, a running one's while a read stops at its limit.
		if ((!live && moved) || chunk.more === true) return 0;
		return withJitter(settings.fastIntervalMs, settings.jitter, random);
	}
}
