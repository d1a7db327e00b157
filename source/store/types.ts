import type {ProviderErrorFields} from '../model/errors.js';
import type {ProviderName, Run} from '../model/run.js';
import type {Status} from '../model/status.js';
import type {Capabilities, RateLimitInfo, RerunPlan, TriggerRequest} from '../providers/types.js';
import type {BudgetHold} from './budget.js';
import type {LogSink} from './log.js';

/**
 * loading: no answer yet; ok: fresh; stale: the last poll failed, the data shown is older;
 * error: never had data and the last poll failed; auth: the token was refused, polling stopped
 * until a manual refresh; paused: the user paused polling.
 */
export type SourceHealth = 'loading' | 'ok' | 'stale' | 'error' | 'auth' | 'paused';

export interface SourceState {
	name: string;
	provider: ProviderName;
	capabilities: Capabilities;
	health: SourceHealth;
	/** Clock ms of the last successful list refresh. */
	lastSuccessAt: number | null;
	lastError: ProviderErrorFields | null;
	/** Clock ms of the next scheduled list poll, null when none is scheduled. */
	nextPollAt: number | null;
	/** The last rate-limit figures the server sent for this source's budget. */
	rate: RateLimitInfo | null;
	/**
	 * Why the next poll waits beyond the usual interval (the server said to wait, or the request
	 * budget is spent) and when it goes (clock ms); null when nothing holds it back.
	 */
	wait: SourceWait | null;
	runCount: number;
	/** What citop last cut from the source's answers at its limits (a page, a run's tree), in a few words; null when nothing was. */
	cut: string | null;
}

export interface SourceWait {
	reason: BudgetHold['reason'];
	until: number;
}

export type ChangeKind = 'added' | 'status' | 'progress';

/** A mark on a run or node that changed; the view lights it until `until`. */
export interface Highlight {
	kind: ChangeKind;
	at: number;
	until: number;
	from: Status | null;
	to: Status | null;
}

/** One entry of the event log: a run (or node, when nodeId is set) appeared or changed status. */
export interface TransitionEvent {
	at: number;
	runKey: string;
	source: string;
	runLabel: string;
	nodeId: string | null;
	nodeTitle: string | null;
	kind: 'added' | 'status';
	from: Status | null;
	to: Status;
}

/** The run someone has open: its whole tree, fetched and kept fresh while it is open. */
export interface RunDetail {
	runKey: string;
	/** The run with `children` filled; null until the first fetch answers. */
	run: Run | null;
	loading: boolean;
	error: ProviderErrorFields | null;
	fetchedAt: number | null;
}

/** The log someone has open. */
export interface LogView {
	runKey: string;
	nodeId: string;
	lines: readonly string[];
	/** Lines dropped from the front since the log was opened, so only the newest are kept: lines[0] is line `dropped` of the log. */
	dropped: number;
	partial: string;
	done: boolean;
	loading: boolean;
	/**
	 * The last read brought what the provider had then, as far as one read goes: the next waits for
	 * the poll's pace (a live step) or never comes (done). False while a finished step's log is still being read in.
	 */
	caughtUp: boolean;
	error: ProviderErrorFields | null;
}

/** Immutable: a new object whenever anything changes, so useSyncExternalStore sees it. */
export interface StoreSnapshot {
	now: number;
	paused: boolean;
	sources: readonly SourceState[];
	/** Every run of every source, newest first per source. An unchanged run keeps its object identity. */
	runs: readonly Run[];
	/** Keyed by run key, and by nodeKey(runKey, nodeId) for nodes. Expired marks are gone. */
	highlights: ReadonlyMap<string, Highlight>;
	/** Newest last, bounded. */
	events: readonly TransitionEvent[];
	watched: ReadonlySet<string>;
	detail: RunDetail | null;
	log: LogView | null;
}

export interface StoreSettings {
	/** Poll interval while anything of the source is queued or running (ms). */
	fastIntervalMs: number;
	/** Poll interval when everything has concluded (ms). */
	slowIntervalMs: number;
	/** Cap on the error backoff (ms). */
	maxBackoffMs: number;
	/** How long a change stays lit (ms). */
	highlightMs: number;
	/** How many transitions the event log keeps. */
	eventLimit: number;
	/** Fraction of the interval added or taken at random so sources do not fire together. */
	jitter: number;
	/** Upper bound on list pages per refresh. */
	maxPages: number;
}

export const DEFAULT_SETTINGS: StoreSettings = {
	fastIntervalMs: 3_000,
	slowIntervalMs: 30_000,
	maxBackoffMs: 5 * 60_000,
	highlightMs: 6_000,
	eventLimit: 500,
	jitter: 0.1,
	maxPages: 5,
};

export interface Store {
	subscribe(listener: () => void): () => void;
	getSnapshot(): StoreSnapshot;
	/** Starts polling every source. */
	start(): void;
	/** Stops every poller and aborts every request in flight. */
	stop(): Promise<void>;
	/** Polls now: one source by name, or all. Also the way out of the `auth` state. */
	refresh(source?: string): void;
	pause(): void;
	resume(): void;
	/** The run whose tree is shown (and polled); null closes it. */
	openRun(runKey: string | null): void;
	/** Follows a node's log; `sink` hears every line as it is read (the snapshot keeps only the newest). */
	openLog(runKey: string, nodeId: string, sink?: LogSink): void;
	closeLog(): void;
	watch(runKey: string): void;
	unwatch(runKey: string): void;
	/** Called once when a watched run concludes (the UI rings the bell). */
	onWatchedConcluded(listener: (run: Run) => void): () => void;
	trigger(source: string, request: TriggerRequest): Promise<Run>;
	abort(runKey: string): Promise<Run>;
	/** Reads the run afresh and how to start it again (the rerun key's confirmation); starts nothing. */
	rerunPlan(runKey: string): Promise<RerunPlan>;
}
