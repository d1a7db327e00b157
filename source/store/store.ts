import type {Clock} from '../model/clock.js';
import type {Run} from '../model/run.js';
import type {RateLimitInfo, RerunPlan, SourceClient, TriggerRequest} from '../providers/types.js';
import {abortRun, planRerun, triggerRun} from './actions.js';
import type {ActionHost} from './actions.js';
import {RateBudget, defaultQuota} from './budget.js';
import type {RunCache} from './cache.js';
import {RunTree} from './detail.js';
import {parseRunKey} from './keys.js';
import {LogFollower} from './log.js';
import type {LogSink} from './log.js';
import {SourcePoller} from './poller.js';
import {SnapshotState} from './snapshot.js';
import type {Store, StoreSettings, StoreSnapshot} from './types.js';

/** The Store, plus what its owner (the CLI, the tests) needs beyond the screen's interface. */
export interface LiveStore extends Store {
	/** Feeds a client's rate-limit report into the budget of the named source. */
	observeRateLimit(source: string, info: RateLimitInfo): void;
	/** A source's client cut an answer at one of citop's limits (ClientOptions.onCut). */
	observeCut(source: string, what: string): void;
	/** Resolves once no request of the store is in flight (a request the rate budget still holds back is not waited for). */
	settled(): Promise<void>;
}

/**
 * Composes the pollers (one per source), the trees of the open and watched runs, the open log
 * and what the screen reads (SnapshotState). Every request goes through a PollLoop, so stop()
 * reaches all of them.
 */
export class StoreCore implements LiveStore {
	private readonly pollers: SourcePoller[] = [];
	private readonly byName = new Map<string, SourcePoller>();
	private readonly trees = new Map<string, RunTree>();
	private readonly view: SnapshotState;
	private readonly draining = new Set<Promise<unknown>>();
	private readonly actions = new Set<AbortController>();
	private openKey: string | null = null;
	private follower: LogFollower | null = null;
	private started = false;
	private stopped = false;
	private paused = false;

	constructor(
		clients: readonly SourceClient[],
		private readonly clock: Clock,
		private readonly settings: StoreSettings,
		private readonly random: () => number,
		private readonly cache: RunCache | null = null,
	) {
		this.view = new SnapshotState(clock, settings, {
			pollers: () => this.pollers,
			tree: (key) => this.trees.get(key),
			openKey: () => this.openKey,
			follower: () => this.follower,
			paused: () => this.paused,
		});
		const budgets = new Map<string, RateBudget>();
		for (const client of clients) {
			if (this.byName.has(client.name)) throw new Error(`Two sources are named "${client.name}".`);
			let budget = budgets.get(client.budgetKey);
			if (!budget) {
				budget = new RateBudget(defaultQuota(client.provider), settings.maxBackoffMs);
				budgets.set(client.budgetKey, budget);
			}
			const poller = new SourcePoller(client, budget, {
				clock,
				settings,
				random,
				onRuns: (source, runs) => {
					const kept = this.view.listAnswered(source, runs, this.trees.values());
					this.cache?.save(source.name, kept);
					return kept;
				},
				onChange: () => this.view.changed(),
			});
			const cached = cache?.seed(client.name);
			if (cached) poller.seed(cached);
			this.pollers.push(poller);
			this.byName.set(client.name, poller);
		}
	}

	subscribe = (listener: () => void): (() => void) => this.view.subscribe(listener);

	getSnapshot = (): StoreSnapshot => this.view.snapshot();

	start(): void {
		if (this.started || this.stopped) return;
		this.started = true;
		for (const poller of this.pollers) poller.start();
		for (const tree of this.trees.values()) tree.start();
		this.follower?.treeChanged();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.view.stop();
		for (const controller of this.actions) controller.abort();
		await Promise.all([
			...this.pollers.map((poller) => poller.stop()),
			...[...this.trees.values()].map((tree) => tree.stop()),
			this.follower?.stop(),
			...this.draining,
		]);
		await this.cache?.flush();
	}

	refresh(source?: string): void {
		if (!this.started || this.stopped) return;
		const matches = (name: string): boolean => source === undefined || name === source;
		// The user asked: one request each, now, whatever the budget says.
		for (const poller of this.pollers) if (matches(poller.name)) poller.refresh(true);
		for (const tree of this.trees.values()) if (matches(tree.client.name)) tree.refresh(true);
		if (this.follower && matches(parseRunKey(this.follower.runKey).source)) this.follower.refresh(true);
	}

	pause(): void {
		if (this.paused || this.stopped) return;
		this.paused = true;
		for (const poller of this.pollers) poller.pause();
		for (const tree of this.trees.values()) tree.pause();
		this.follower?.pause();
		this.view.changed();
	}

	resume(): void {
		if (!this.paused || this.stopped) return;
		this.paused = false;
		for (const poller of this.pollers) poller.resume();
		for (const tree of this.trees.values()) tree.resume();
		this.follower?.resume();
		this.view.changed();
	}

	openRun(key: string | null): void {
		if (key === this.openKey || this.stopped) return;
		const previous = this.openKey;
		this.openKey = key;
		if (previous !== null) this.release(previous);
		if (key !== null) this.want(key);
		this.view.changed();
	}

	openLog(key: string, nodeId: string, sink?: LogSink): void {
		if (this.stopped || (this.follower?.runKey === key && this.follower.nodeId === nodeId)) return;
		this.closeLog();
		const poller = this.byName.get(parseRunKey(key).source);
		if (!poller) return;
		const follower = new LogFollower(
			key,
			nodeId,
			poller.client,
			poller.budget,
			{
				clock: this.clock,
				settings: this.settings,
				random: this.random,
				locate: (runKey, id) => this.view.locate(runKey, id),
				onChange: () => this.view.changed(),
			},
			sink ?? null,
		);
		this.follower = follower;
		if (this.paused) follower.pause();
		this.want(key);
		if (this.started) follower.treeChanged();
		this.view.changed();
	}

	closeLog(): void {
		const follower = this.follower;
		if (!follower) return;
		this.follower = null;
		this.drain(follower.stop());
		this.release(follower.runKey);
		this.view.changed();
	}

	watch(key: string): void {
		if (this.stopped || !this.view.watchList.add(key)) return;
		this.want(key);
		this.view.changed();
	}

	unwatch(key: string): void {
		if (!this.view.watchList.remove(key)) return;
		this.release(key);
		this.view.changed();
	}

	onWatchedConcluded(listener: (run: Run) => void): () => void {
		return this.view.watchList.onConcluded(listener);
	}

	trigger(source: string, request: TriggerRequest): Promise<Run> {
		return triggerRun(this.actionHost(), source, request);
	}

	abort(key: string): Promise<Run> {
		return abortRun(this.actionHost(), key);
	}

	rerunPlan(key: string): Promise<RerunPlan> {
		return planRerun(this.actionHost(), key);
	}

	observeCut(source: string, what: string): void {
		this.byName.get(source)?.noteCut(what);
	}

	observeRateLimit(source: string, info: RateLimitInfo): void {
		const budget = this.byName.get(source)?.budget;
		if (!budget) return;
		budget.observe(info);
		for (const poller of this.pollers) if (poller.budget === budget) poller.changed();
	}

	async settled(): Promise<void> {
		for (;;) {
			const flights = [
				...this.pollers.map((poller) => poller.landing),
				...[...this.trees.values()].map((tree) => tree.landing),
				this.follower?.landing,
				...this.draining,
			].filter((flight) => flight !== null && flight !== undefined);
			if (flights.length === 0) return;
			await Promise.allSettled(flights);
		}
	}

	/** Someone looks at or waits for this run: fetch its tree (once started). */
	private want(key: string): void {
		if (this.trees.has(key)) return;
		const {source, id} = parseRunKey(key);
		const poller = this.byName.get(source);
		if (!poller) return;
		const tree = new RunTree(key, id, poller.client, poller.budget, {
			clock: this.clock,
			settings: this.settings,
			random: this.random,
			onTree: (changed, diff) => {
				this.view.treeAnswered(changed, diff);
				if (this.follower?.runKey === changed.runKey) this.follower.treeChanged();
			},
			onChange: () => this.view.changed(),
		});
		this.trees.set(key, tree);
		if (this.paused) tree.pause();
		if (this.started) tree.start();
	}

	/** Nobody looks at this run any more: stop fetching its tree. */
	private release(key: string): void {
		if (key === this.openKey || this.view.watchList.has(key) || this.follower?.runKey === key) return;
		const tree = this.trees.get(key);
		if (!tree) return;
		this.trees.delete(key);
		this.drain(tree.stop());
	}

	private drain(work: Promise<unknown>): void {
		const tracked = work.finally(() => this.draining.delete(tracked));
		this.draining.add(tracked);
	}

	private actionHost(): ActionHost {
		return {
			clock: this.clock,
			poller: (source) => (this.stopped ? undefined : this.byName.get(source)),
			track: (work) => {
				const controller = new AbortController();
				this.actions.add(controller);
				const request = work(controller.signal);
				this.drain(request.catch(() => {}));
				return request.finally(() => this.actions.delete(controller));
			},
			afterAction: (source, runKey) => {
				if (!this.started || this.stopped) return;
				this.byName.get(source)?.refresh();
				this.trees.get(runKey)?.refresh();
			},
		};
	}
}
