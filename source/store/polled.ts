import type {Clock} from '../model/clock.js';
import type {RateBudget} from './budget.js';
import {PollLoop} from './loop.js';
import type {Outcome} from './loop.js';

/**
 * What the store polls (a source's run list, a run's tree, the open log): each on a PollLoop of
 * its own, and paused, stopped and awaited the same way.
 */
export abstract class Polled<T> {
	protected paused = false;
	protected readonly loop: PollLoop<T>;

	/** `watched`: what it fetches is on screen (an open run, a log), so its requests go first. */
	constructor(clock: Clock, budget: RateBudget, watched = false) {
		this.loop = new PollLoop(
			clock,
			budget,
			{
				request: (signal) => this.request(signal),
				settle: (outcome) => this.settle(outcome),
			},
			() => this.changed(),
			watched,
		);
	}

	pause(): void {
		if (this.paused) return;
		this.paused = true;
		this.loop.halt();
	}

	async stop(): Promise<void> {
		await this.loop.stop();
	}

	/** The request in flight, settling once it is applied; null when none is. */
	get landing(): Promise<void> | null {
		return this.loop.landing;
	}

	protected abstract request(signal: AbortSignal): Promise<T>;

	/** Applies an answer or a failure; returns the delay before the next request, or null to wait until asked. */
	protected abstract settle(outcome: Outcome<T>): number | null;

	/** Something the snapshot shows has changed. */
	protected abstract changed(): void;
}
