import type {Clock} from '../model/clock.js';
import type {ProviderErrorFields} from '../model/errors.js';
import type {Run} from '../model/run.js';
import {isActive} from '../model/status.js';
import type {SourceClient} from '../providers/types.js';
import type {RateBudget} from './budget.js';
import {diffTree} from './diff.js';
import type {TreeDiff} from './diff.js';
import type {Outcome} from './loop.js';
import {Polled} from './polled.js';
import {backoffDelay, errorFields, isAuthError, withJitter} from './schedule.js';
import type {RunDetail, StoreSettings} from './types.js';

export interface TreeHost {
	clock: Clock;
	settings: StoreSettings;
	random: () => number;
	/** A good tree answer, already compared with the previous one. */
	onTree(tree: RunTree, diff: TreeDiff): void;
	onChange(): void;
}

/**
 * The whole tree of one run someone looks at (the open run) or waits for (a watched run):
 * fetched at the fast interval while the run is live, once more when it ends, then left alone.
 */
export class RunTree extends Polled<Run> {
	run: Run | null = null;
	private error: ProviderErrorFields | null = null;
	private loading = true;
	private fetchedAt: number | null = null;
	private failures = 0;
	private authStopped = false;
	private view: RunDetail | null = null;

	constructor(
		readonly runKey: string,
		readonly id: string,
		readonly client: SourceClient,
		budget: RateBudget,
		private readonly host: TreeHost,
	) {
		super(host.clock, budget, true);
	}

	/** Has the tree answered at least once (with a tree or with an error)? */
	get answered(): boolean {
		return !this.loading;
	}

	start(): void {
		if (!this.paused) this.loop.runNow();
	}

	/** The list shows the run changed: if the tree was left alone (the run had ended), fetch it once more. */
	listChanged(): void {
		if (this.paused || this.authStopped || this.loop.inFlight || this.loop.nextAt !== null) return;
		this.loop.runNow();
	}

	/** Fetches now: a manual refresh (`force`: whatever the budget says), an abort, a way out of the auth state. */
	refresh(force = false): void {
		this.authStopped = false;
		if (!this.paused) this.loop.runNow(force);
	}

	resume(): void {
		if (!this.paused) return;
		this.paused = false;
		if (!this.authStopped && (this.run === null || isActive(this.run.status))) this.loop.runNow();
	}

	/** What the snapshot shows of the open run; the same object until something changes. */
	detail(): RunDetail {
		this.view ??= {runKey: this.runKey, run: this.run, loading: this.loading, error: this.error, fetchedAt: this.fetchedAt};
		return this.view;
	}

	protected request(signal: AbortSignal): Promise<Run> {
		return this.client.getRun(this.id, {signal});
	}

	protected changed(): void {
		this.view = null;
		this.host.onChange();
	}

	protected settle(outcome: Outcome<Run>): number | null {
		const {clock, settings, random} = this.host;
		this.loading = false;
		if (outcome.ok) {
			const diff = diffTree(this.run, outcome.value, clock.now());
			this.run = diff.run;
			this.fetchedAt = clock.now();
			this.error = null;
			this.failures = 0;
			this.changed();
			this.host.onTree(this, diff);
			if (this.paused || !isActive(diff.run.status)) return null;
			return withJitter(settings.fastIntervalMs, settings.jitter, random);
		}
		const error = errorFields(outcome.error, this.client.name);
		this.error = error;
		this.changed();
		if (isAuthError(error)) {
			this.authStopped = true;
			return null;
		}
		// A run that is not there will not appear by asking again; the list says when it does.
		if (error.kind === 'not_found') return null;
		this.failures++;
		return this.paused ? null : backoffDelay(settings, this.failures, error.retryAfterMs ?? null, random);
	}
}
