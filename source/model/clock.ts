/**
 * Time comes from one injected clock, so the poller, the highlights and the
 * simulator can be driven by a test without waiting.
 */
export type TimerHandle = {readonly id: number} | ReturnType<typeof setTimeout>;

/** Node's longest timer: a longer delay fires at once, with a TimeoutOverflowWarning on stderr. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay any timer can take: whole, not negative, and no longer than MAX_TIMER_MS (NaN counts as 0). */
export function timerDelay(ms: number): number {
	return Number.isNaN(ms) ? 0 : Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(ms)));
}

export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => {
		const handle = setTimeout(callback, timerDelay(ms));
		// A pending poll must never keep a finished command alive.
		handle.unref?.();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer {
	id: number;
	at: number;
	callback: () => void;
}

/** A clock that moves only when told to; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
	private current: number;
	private timers: ManualTimer[] = [];
	private nextId = 1;

	constructor(start = Date.UTC(2026, 10, 23, 12, 0, 0)) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	setTimeout(callback: () => void, ms: number): TimerHandle {
		const timer = {id: this.nextId++, at: this.current + Math.max(0, ms), callback};
		this.timers.push(timer);
		return {id: timer.id};
	}

	clearTimeout(handle: TimerHandle): void {
		const id = (handle as {id?: number}).id;
		this.timers = this.timers.filter((timer) => timer.id !== id);
	}

	/** How many timers are waiting to fire. */
	get pending(): number {
		return this.timers.length;
	}

	/** Move time forward by `ms`, firing every timer that falls due on the way, in order. */
	advance(ms: number): void {
		const target = this.current + ms;
		while (this.fireNext(target)) continue;
		this.current = target;
	}

	/**
	 * Like advance, but lets promises and I/O settle after each timer fires,
	 * so work started by a timer (a real HTTP request) can finish and schedule the next one.
	 */
	async advanceAsync(ms: number, settle: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<void> {
		const target = this.current + ms;
		do {
			await settle();
		} while (this.fireNext(target));
		this.current = target;
	}

	/** Fires the first timer due by `target`, moving time to it; false when none is. */
	private fireNext(target: number): boolean {
		const due = this.nextDue(target);
		if (!due) return false;
		this.timers = this.timers.filter((timer) => timer !== due);
		this.current = Math.max(this.current, due.at);
		due.callback();
		return true;
	}

	private nextDue(target: number): ManualTimer | undefined {
		let first: ManualTimer | undefined;
		for (const timer of this.timers) {
			if (timer.at <= target && (!first || timer.at < first.at)) first = timer;
		}
		return first;
	}
}
