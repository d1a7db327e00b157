import type {Clock, TimerHandle} from '../model/clock.js';
import type {Run, RunNode} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import {isActive} from '../model/status.js';
import type {RunTree} from './detail.js';
import {diffRuns} from './diff.js';
import type {RunChange, TreeDiff} from './diff.js';
import {EventLog} from './events.js';
import {Highlights} from './highlights.js';
import {parseRunKey} from './keys.js';
import {sameItems} from './same.js';
import type {LogFollower, LogLocation} from './log.js';
import type {SourcePoller} from './poller.js';
import type {RunDetail, SourceState, StoreSettings, StoreSnapshot} from './types.js';
import {WatchList} from './watched.js';

/** What the snapshot is made of, read from the store when one is built. */
export interface SnapshotParts {
	pollers(): readonly SourcePoller[];
	tree(key: string): RunTree | undefined;
	openKey(): string | null;
	follower(): LogFollower | null;
	paused(): boolean;
}

function findRun(runs: readonly Run[], key: string): Run | undefined {
	for (const run of runs) if (run.key === key) return run;
	return undefined;
}

function findNode(nodes: readonly RunNode[] | null, id: string): RunNode | null {
	for (const node of nodes ?? []) {
		if (node.id === id) return node;
		const found = findNode(node.children, id);
		if (found) return found;
	}
	return null;
}

/**
 * What the screen reads: turns answers into highlights, events and watched-run news, and builds
 * one immutable snapshot per change (lazily, on the first getSnapshot after it). Listeners are
 * told once per burst of changes, in a microtask.
 */
export class SnapshotState {
	readonly watchList = new WatchList();
	private readonly highlights: Highlights;
	private readonly events: EventLog;
	private readonly listeners = new Set<() => void>();
	private cached: StoreSnapshot | null = null;
	private runs: readonly Run[] = [];
	private runsDirty = true;
	private sources: readonly SourceState[] = [];
	private missing: RunDetail | null = null;
	private notifyQueued = false;
	private stopped = false;
	private expiryTimer: TimerHandle | null = null;
	private expiryAt: number | null = null;

	constructor(
		private readonly clock: Clock,
		settings: StoreSettings,
		private readonly parts: SnapshotParts,
	) {
		this.highlights = new Highlights(settings.highlightMs);
		this.events = new EventLog(settings.eventLimit);
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	snapshot(): StoreSnapshot {
		this.cached ??= this.build();
		return this.cached;
	}

	/** Something shown changed: the next getSnapshot builds a new snapshot, and listeners hear of it. */
	changed(): void {
		this.cached = null;
		if (this.stopped || this.notifyQueued) return;
		this.notifyQueued = true;
		queueMicrotask(() => {
			this.notifyQueued = false;
			if (this.stopped) return;
			for (const listener of [...this.listeners]) listener();
		});
	}

	stop(): void {
		this.stopped = true;
		if (this.expiryTimer !== null) this.clock.clearTimeout(this.expiryTimer);
		this.expiryTimer = null;
		this.expiryAt = null;
	}

	/** A source's list answered: returns its runs as kept (previous objects where nothing changed). */
	listAnswered(poller: SourcePoller, answer: Run[], trees: Iterable<RunTree>): readonly Run[] {
		const now = this.clock.now();
		const previous = poller.runs;
		// Until a source's first answer, its runs are the cache's, trees cut at the top: compare them all.
		const {runs, changes} = diffRuns(previous, answer, now, poller.hasLoaded);
		// The first answer of a source lights nothing: every run would look new.
		if (poller.hasLoaded) this.light(changes, now);
		const kept = sameItems(previous, runs) ? previous : runs;
		if (kept !== previous) {
			this.runsDirty = true;
			for (const tree of trees) {
				if (tree.client !== poller.client) continue;
				const run = findRun(kept, tree.runKey);
				if (run && run !== findRun(previous, tree.runKey)) tree.listChanged();
			}
		}
		for (const key of this.watchList.current) {
			if (parseRunKey(key).source !== poller.name) continue;
			const run = findRun(kept, key);
			if (run) this.watchList.report(run);
		}
		this.changed();
		return kept;
	}

	/** A run's tree answered. */
	treeAnswered(tree: RunTree, diff: TreeDiff): void {
		this.light(diff.changes, this.clock.now());
		this.watchList.report(diff.run);
		if (this.parts.pollers().find((poller) => poller.client === tree.client)?.keepTree(diff.run)) this.runsDirty = true;
		this.changed();
	}

	/** Where the open log's node is, from its run's fetched tree. */
	locate(runKey: string, nodeId: string): LogLocation {
		const run = this.parts.tree(runKey)?.run;
		if (!run) return {state: 'unknown'};
		const node = findNode(run.children, nodeId);
		// A live run may not have reached the step yet: wait for a later tree.
		if (!node) return isActive(run.status) ? {state: 'unknown'} : {state: 'missing'};
		const live = isActive(node.status) || (node.status === 'unknown' && isActive(run.status));
		return {state: 'found', ref: node.log, live};
	}

	private light(changes: readonly RunChange[], now: number): void {
		if (changes.length === 0) return;
		if (this.highlights.mark(changes, now)) this.scheduleExpiry();
		this.events.record(changes);
	}

	/** One clock timer on the earliest expiry, so marks fade without waiting for a poll. */
	private scheduleExpiry(): void {
		const next = this.highlights.nextExpiry();
		if (next === this.expiryAt || this.stopped) return;
		if (this.expiryTimer !== null) this.clock.clearTimeout(this.expiryTimer);
		this.expiryTimer = null;
		this.expiryAt = next;
		if (next === null) return;
		this.expiryTimer = this.clock.setTimeout(() => {
			this.expiryTimer = null;
			this.expiryAt = null;
			if (this.highlights.expire(this.clock.now())) this.changed();
			this.scheduleExpiry();
		}, next - this.clock.now());
	}

	private build(): StoreSnapshot {
		const pollers = this.parts.pollers();
		if (this.runsDirty) {
			this.runs = pollers.flatMap((poller) => poller.runs);
			this.runsDirty = false;
		}
		const sources = pollers.map((poller) => poller.snapshot());
		if (!sameItems(sources, this.sources)) this.sources = sources;
		return {
			now: this.clock.now(),
			paused: this.parts.paused(),
			sources: this.sources,
			runs: this.runs,
			highlights: this.highlights.current,
			events: this.events.current,
			watched: this.watchList.current,
			detail: this.detail(),
			log: this.parts.follower()?.logView() ?? null,
		};
	}

	private detail(): RunDetail | null {
		const key = this.parts.openKey();
		if (key === null) return null;
		const tree = this.parts.tree(key);
		if (tree) return tree.detail();
		// A key whose source is not configured: say so instead of loading for ever.
		if (this.missing?.runKey !== key) {
			const {source} = parseRunKey(key);
			this.missing = {runKey: key, run: null, loading: false, fetchedAt: null, error: {kind: 'not_found', message: `No source is named "${sanitizeLine(source, 80)}".`, source}};
		}
		return this.missing;
	}
}
