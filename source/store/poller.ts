import type {Clock} from '../model/clock.js';
import type {ProviderErrorFields} from '../model/errors.js';
import {countNodes} from '../model/run.js';
import type {Run} from '../model/run.js';
import {isActive, isConcluded} from '../model/status.js';
import type {SourceClient} from '../providers/types.js';
import type {RateBudget} from './budget.js';
import type {CachedRuns} from './cache.js';
import type {Outcome} from './loop.js';
import {DEEP_EVERY_MS, FIRST_PAGE_RUNS, mergeFirstPage} from './pages.js';
import {Polled} from './polled.js';
import {backoffDelay, errorFields, isAuthError, pollDelay} from './schedule.js';
import type {SourceHealth, SourceState, SourceWait, StoreSettings} from './types.js';

export interface PollerHost {
	clock: Clock;
	settings: StoreSettings;
	random: () => number;
	/** A good list answer; returns the runs as kept (the previous objects where nothing changed). */
	onRuns(poller: SourcePoller, runs: Run[]): readonly Run[];
	/** Anything shown in SourceState changed. */
	onChange(): void;
}

/**
 * Polls one source's run list: fast while something of it runs, slow when all has concluded,
 * backing off on errors, stopping on a refused token until refresh(). A poll asks for the first
 * page; the deeper pages are read on the first poll, on refresh(), when an active run leaves the
 * first page or is kept from deeper pages (at most every slow interval), and every DEEP_EVERY_MS.
 */
export class SourcePoller extends Polled<Run[]> {
	runs: readonly Run[] = [];
	private health: SourceHealth = 'loading';
	private lastSuccessAt: number | null = null;
	private lastError: ProviderErrorFields | null = null;
	private failures = 0;
	private loaded = false;
	/** Runs shown from the cache until the first answer: their source is stale, not in error, when polls fail. */
	private seeded = false;
	private authStopped = false;
	private started = false;
	private state: SourceState | null = null;
	private cut: string | null = null;
	/** Clock ms of the last answer that read the deeper pages; null before the first. */
	private deepAt: number | null = null;
	private deepWanted = true;
	private firstPageIds: ReadonlySet<string> = new Set();
	/** Whether the request in flight reads the deeper pages. */
	private asking: 'first' | 'deep' = 'deep';

	constructor(
		readonly client: SourceClient,
		readonly budget: RateBudget,
		private readonly host: PollerHost,
	) {
		super(host.clock, budget);
	}

	get name(): string {
		return this.client.name;
	}

	/** Has a good list answer arrived yet? (The first one lights nothing.) */
	get hasLoaded(): boolean {
		return this.loaded;
	}

	/** Shows the runs last saved, stale since they were, until the first answer replaces them. */
	seed(cached: CachedRuns): void {
		if (this.loaded) return;
		this.runs = cached.runs;
		this.seeded = true;
		this.health = 'stale';
		this.lastSuccessAt = cached.savedAt;
		this.changed();
	}

	/**
	 * A concluded run's fetched tree joins the list's copy where the list holds less of it (Wercker
	 * and Northflank lists hold none, the cache only the top): the trees citop has seen are the
	 * history a running run's steps are estimated from. Returns whether the runs changed.
	 */
	keepTree(run: Run): boolean {
		if (run.children === null || !isConcluded(run.status)) return false;
		const index = this.runs.findIndex((item) => item.key === run.key);
		const listed = this.runs[index];
		if (listed === undefined || countNodes(listed.children ?? []) >= countNodes(run.children)) return false;
		this.runs = this.runs.with(index, {...listed, children: run.children});
		return true;
	}

	/** Stopped on a refused token. */
	get stoppedByAuth(): boolean {
		return this.authStopped;
	}

	start(): void {
		if (this.started) return;
		this.started = true;
		if (!this.paused) this.loop.runNow();
	}

	/**
	 * Polls now (or right after the request in flight); also leaves the auth state. `force`: the
	 * user asked, so the poll goes whatever the budget says.
	 */
	refresh(force = false): void {
		this.deepWanted = true;
		if (this.authStopped) {
			this.authStopped = false;
			this.failures = 0;
			this.health = this.loaded || this.seeded ? 'stale' : 'loading';
			this.changed();
		}
		this.loop.runNow(force);
	}

	resume(): void {
		if (!this.paused) return;
		this.paused = false;
		this.changed();
		if (this.started && !this.authStopped) this.loop.runNow();
	}

	/** The source's state for the snapshot; the same object until something in it changes. */
	snapshot(): SourceState {
		this.state ??= {
			name: this.client.name,
			provider: this.client.provider,
			capabilities: this.client.capabilities,
			health: this.paused ? 'paused' : this.health,
			lastSuccessAt: this.lastSuccessAt,
			lastError: this.lastError,
			nextPollAt: this.loop.nextAt,
			rate: this.budget.rate,
			wait: this.wait(),
			runCount: this.runs.length,
			cut: this.cut,
		};
		return this.state;
	}

	/** What holds the next poll back beyond the usual interval, if anything. */
	private wait(): SourceWait | null {
		const at = this.loop.nextAt;
		const hold = this.paused || at === null ? null : this.budget.hold(this.host.clock.now());
		return hold && at !== null ? {reason: hold.reason, until: at} : null;
	}

	/** An answer of this source went past a limit of citop's and was cut. */
	noteCut(what: string): void {
		if (what === this.cut) return;
		this.cut = what;
		this.changed();
	}

	/** Rate figures (shared budget) or the run count moved. */
	changed(): void {
		this.state = null;
		this.host.onChange();
	}

	protected request(signal: AbortSignal): Promise<Run[]> {
		const now = this.host.clock.now();
		const deep = this.deepWanted || this.deepAt === null || now - this.deepAt >= DEEP_EVERY_MS;
		this.asking = deep ? 'deep' : 'first';
		// Cleared when asked, not when answered: a refresh while this read is out asks for another.
		if (deep) this.deepWanted = false;
		return this.client.listRuns(deep ? {signal, maxPages: this.host.settings.maxPages} : {signal, maxPages: 1, pageSize: FIRST_PAGE_RUNS});
	}

	/** The runs to keep from an answer, and whether the next poll should read the deeper pages. */
	private merge(answer: Run[]): Run[] {
		const now = this.host.clock.now();
		if (this.asking === 'deep') {
			this.deepAt = now;
			// Until a first page is seen alone, its size is unknown: every active run counts as on it.
			if (this.firstPageIds.size === 0) this.firstPageIds = new Set(answer.filter((run) => isActive(run.status)).map((run) => run.id));
			return answer;
		}
		const merged = mergeFirstPage(this.runs, answer, this.firstPageIds);
		this.firstPageIds = new Set(answer.map((run) => run.id));
		const deepDue = this.deepAt === null || now - this.deepAt >= this.host.settings.slowIntervalMs;
		if (merged.gap || merged.droppedActive || (merged.deepActive && deepDue)) this.deepWanted = true;
		return merged.runs;
	}

	protected settle(outcome: Outcome<Run[]>): number | null {
		const {settings, random, clock} = this.host;
		if (outcome.ok) {
			this.runs = this.host.onRuns(this, this.merge(outcome.value));
			this.loaded = true;
			this.failures = 0;
			this.health = 'ok';
			this.lastSuccessAt = clock.now();
			this.lastError = null;
			this.changed();
			return this.paused ? null : pollDelay(settings, this.runs.some((run) => isActive(run.status)), random);
		}
		const error = errorFields(outcome.error, this.client.name);
		this.lastError = error;
		// Whatever happened while the source could not be read, the first answer after reads every page.
		this.deepWanted = true;
		if (isAuthError(error)) {
			this.authStopped = true;
			this.health = 'auth';
			this.changed();
			return null;
		}
		this.failures++;
		this.health = this.loaded || this.seeded ? 'stale' : 'error';
		this.changed();
		return this.paused ? null : backoffDelay(settings, this.failures, error.retryAfterMs ?? null, random);
	}
}
