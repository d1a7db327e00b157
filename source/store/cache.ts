import type {Clock, TimerHandle} from '../model/clock.js';
import type {Run} from '../model/run.js';

/** A source's runs as last saved, and when (clock ms). */
export interface CachedRuns {
	savedAt: number;
	runs: Run[];
}

/** Where a source's last good list is kept between starts of citop. */
export interface RunCache {
	/** The runs last saved for the source, or null when none are. */
	seed(source: string): CachedRuns | null;
	/** A good answer: kept, and written at most every SAVE_EVERY_MS per source. */
	save(source: string, runs: readonly Run[]): void;
	/** Writes whatever still waits; the store awaits it when it stops. */
	flush(): Promise<void>;
}

/**
 * At most one write per source this often: a busy source answers every few seconds, and each write
 * serializes its whole list (a tenth of the live view's CPU at a 5 s pace). Quitting writes what waits.
 */
export const SAVE_EVERY_MS = 30_000;

/** What writes one source's runs (to a file, in a test to anything); may fail, and then nothing is kept. */
export type WriteRuns = (source: string, runs: readonly Run[], savedAt: number) => Promise<void>;

/**
 * Holds back writes so each source is written at most every SAVE_EVERY_MS, the newest list winning;
 * a write that fails is dropped (the cache is a convenience, never a reason to stop).
 */
export class ThrottledSaves {
	private readonly lastAt = new Map<string, number>();
	private readonly pending = new Map<string, readonly Run[]>();
	private readonly timers = new Map<string, TimerHandle>();
	private readonly writing = new Set<Promise<void>>();
	/** The list last written per source: an answer that changed nothing is not written again. */
	private readonly written = new Map<string, readonly Run[]>();

	constructor(
		private readonly clock: Clock,
		private readonly write: WriteRuns,
	) {}

	save(source: string, runs: readonly Run[]): void {
		if (this.written.get(source) === runs) {
			this.pending.delete(source);
			return;
		}
		this.pending.set(source, runs);
		if (this.timers.has(source)) return;
		const last = this.lastAt.get(source);
		const wait = last === undefined ? 0 : last + SAVE_EVERY_MS - this.clock.now();
		if (wait <= 0) this.writeNow(source);
		else this.timers.set(source, this.clock.setTimeout(() => this.writeNow(source), wait));
	}

	async flush(): Promise<void> {
		for (const source of [...this.pending.keys()]) this.writeNow(source);
		await Promise.all([...this.writing]);
	}

	private writeNow(source: string): void {
		const timer = this.timers.get(source);
		if (timer !== undefined) this.clock.clearTimeout(timer);
		this.timers.delete(source);
		const runs = this.pending.get(source);
		if (runs === undefined) return;
		this.pending.delete(source);
		this.written.set(source, runs);
		const now = this.clock.now();
		this.lastAt.set(source, now);
		const work = this.write(source, runs, now).catch(() => {});
		const tracked = work.finally(() => this.writing.delete(tracked));
		this.writing.add(tracked);
	}
}
