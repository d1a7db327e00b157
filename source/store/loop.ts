import {timerDelay} from '../model/clock.js';
import type {Clock, TimerHandle} from '../model/clock.js';
import type {RateBudget} from './budget.js';

export type Outcome<T> = {ok: true; value: T} | {ok: false; error: unknown};

export interface LoopTask<T> {
	request(signal: AbortSignal): Promise<T>;
	/**
	 * Applies an answer or a failure; returns the delay before the next request (ms), or null
	 * to stop until asked again. Never called for a request that was aborted.
	 */
	settle(outcome: Outcome<T>): number | null;
}

/**
 * One repeating request (a source's list, a run's tree, a log): one timer, at most one request
 * in flight, every request taken from the shared rate budget. Abort and stop guarantee that no
 * answer is applied afterwards.
 */
export class PollLoop<T> {
	/** Clock ms the next request is due, or null when none is scheduled. */
	nextAt: number | null = null;
	private timer: TimerHandle | null = null;
	private controller: AbortController | null = null;
	private flight: Promise<void> | null = null;
	/** Asked for again while a request was out: 'force' when the user asked, so the budget does not hold it. */
	private rerun: false | 'urgent' | 'force' = false;
	private stopped = false;

	constructor(
		private readonly clock: Clock,
		private readonly budget: RateBudget,
		private readonly task: LoopTask<T>,
		/** Told whenever nextAt or inFlight changes. */
		private readonly onChange: () => void = () => {},
		/** Someone is looking at what this loop fetches (an open run, a log): every request goes first in the budget's line. */
		private readonly watched = false,
	) {}

	get inFlight(): boolean {
		return this.flight !== null;
	}

	/** Settles when the request in flight has been applied; null when none is. */
	get landing(): Promise<void> | null {
		return this.flight;
	}

	/** The next request no earlier than `delayMs` from now, and no earlier than the budget allows. */
	schedule(delayMs: number): void {
		if (this.stopped) return;
		const now = this.clock.now();
		this.setTimer(Math.max(now + Math.max(0, delayMs), this.budget.nextAllowedAt(now, this)));
	}

	/**
	 * A request now, or right after the one in flight. The budget may still hold it back, unless
	 * `force`: the user asked for it, so it goes whatever the budget says (and counts in it).
	 */
	runNow(force = false): void {
		if (this.stopped) return;
		if (this.flight) {
			this.rerun = force || this.rerun === 'force' ? 'force' : 'urgent';
			return;
		}
		this.clearTimer();
		this.fire(true, force);
	}

	/** Drops the timer and the request in flight (its answer is ignored); the loop can run again. */
	halt(): void {
		this.clearTimer();
		this.budget.leave(this);
		this.rerun = false;
		this.controller?.abort();
		this.onChange();
	}

	/** Halts for good; resolves once the request in flight has settled. */
	async stop(): Promise<void> {
		this.stopped = true;
		this.halt();
		await this.flight;
	}

	/** `urgent`: asked for now (start, refresh, a run opened), so it goes first when the budget holds it back. */
	private fire(urgent = false, force = false): void {
		this.timer = null;
		this.nextAt = null;
		if (this.stopped) return;
		const now = this.clock.now();
		if (force) {
			this.budget.leave(this);
			this.budget.record(now);
		} else if (!this.budget.tryTake(now, this, urgent || this.watched)) {
			this.setTimer(this.budget.nextAllowedAt(now, this));
			return;
		}
		const controller = new AbortController();
		this.controller = controller;
		let request: Promise<T>;
		try {
			request = this.task.request(controller.signal);
		} catch (error) {
			request = Promise.reject(error);
		}
		this.flight = request.then(
			(value) => this.land(controller, {ok: true, value}),
			(error: unknown) => this.land(controller, {ok: false, error}),
		);
		this.onChange();
	}

	private land(controller: AbortController, outcome: Outcome<T>): void {
		this.flight = null;
		if (this.controller === controller) this.controller = null;
		if (this.stopped) return;
		const delay = controller.signal.aborted ? null : this.task.settle(outcome);
		if (this.stopped) return;
		if (this.rerun) {
			const force = this.rerun === 'force';
			this.rerun = false;
			this.fire(true, force);
		} else if (delay !== null) {
			this.schedule(delay);
		} else {
			this.onChange();
		}
	}

	private setTimer(at: number): void {
		this.clearTimer();
		this.nextAt = at;
		// Budget gaps are fractional: round up, so the timer never fires a hair early (and asks again);
		// never negative nor past Node's longest timer (Node warns on stderr for both).
		this.timer = this.clock.setTimeout(() => this.fire(), timerDelay(at - this.clock.now()));
		this.onChange();
	}

	private clearTimer(): void {
		if (this.timer !== null) this.clock.clearTimeout(this.timer);
		this.timer = null;
		this.nextAt = null;
	}
}
