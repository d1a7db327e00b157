import type {ProviderName} from '../model/run.js';
import type {RateLimitInfo} from '../providers/types.js';

/** Why no request may go before `until`: the server said to wait (a 429), or the request budget is spent. */
export interface BudgetHold {
	reason: 'rate limited' | 'budget spent';
	until: number;
}

/** A provider's documented request allowance. */
export interface Quota {
	limit: number;
	windowMs: number;
}

const HOUR = 60 * 60_000;

/** Northflank allows 1000 requests per hour per token (REFERENCE.md); the others publish none. */
export function defaultQuota(provider: ProviderName): Quota | null {
	return provider === 'northflank' ? {limit: 1000, windowMs: HOUR} : null;
}

/**
 * Share of any allowance we let ourselves use: the rest absorbs retries and other clients of the
 * token (a second citop, a deploy script, the provider's own CLI).
 */
export const BUDGET_SHARE = 0.55;

/**
 * The most run details `citop runs --inputs` reads in one go: a detail is a request, and the share
 * of a Northflank token's 1000 an hour left by a live view (45%) must do for its other clients too.
 */
export const MAX_INPUT_READS = 20;

/**
 * Requests a second one token may send where the provider publishes no limit: a few dozen sources
 * on one server then take turns instead of polling it (and the machine) as fast as each would alone.
 */
export const UNMETERED_PER_SECOND = 3;

/**
 * One rate budget, shared by every source (and every request kind: list, tree, log) with the same
 * budget key. It spreads what is allowed evenly over time so polling slows down before the limit
 * is hit, instead of running into 429s:
 * - a known quota (Northflank's default) counts our own requests in a sliding window;
 * - without one, polls are at least 1/UNMETERED_PER_SECOND s apart (a request asked for now is not held);
 * - `x-ratelimit-remaining`/`reset` spread the requests the server says are left over the time to reset;
 * - Retry-After holds every request back until it has passed; it outranks the window figures of the
 *   same answer (a 429 may say "retry in 60s" beside "remaining 0, reset in 52m"), so one request
 *   goes when it has passed and its answer brings fresh figures.
 * - no wait the server asks for lasts longer than maxWaitMs.
 */
export class RateBudget {
	// Clock ms of the requests we made (takes) and of the answers the client reported (answers, which
	// include pages and retries), within the quota's window; both oldest first.
	private readonly takes: number[] = [];
	private readonly answers: number[] = [];
	private server: RateLimitInfo | null = null;
	// Requesters held back, in the order they asked.
	private readonly waiting: object[] = [];
	private quota: Quota | null;

	/** `maxWaitMs`: the longest a server's Retry-After or rate-limit reset may hold requests back. */
	constructor(
		quota: Quota | null,
		private readonly maxWaitMs = Infinity,
	) {
		this.quota = quota;
	}

	/** The last figures the server sent, or null. */
	get rate(): RateLimitInfo | null {
		return this.server;
	}

	/**
	 * Clock ms from which `who`'s next request may go (now when it may go now). Requesters held back
	 * wait their turn in line, so a poller whose answer comes back first cannot starve the others.
	 */
	nextAllowedAt(now: number, who?: object): number {
		const {at, gap} = this.earliest(now);
		if (who === undefined || this.waiting.length === 0) return at;
		const place = this.waiting.indexOf(who);
		return at + (place < 0 ? this.waiting.length : place) * gap;
	}

	/**
	 * Takes one request from the budget for `who` if it may go now; otherwise `who` queues for its
	 * turn, at the front when `urgent` (someone is waiting at the screen for it).
	 */
	tryTake(now: number, who?: object, urgent = false): boolean {
		if (urgent && who !== undefined && this.waiting[0] !== who) {
			this.leave(who);
			this.waiting.unshift(who);
		}
		// A request someone waits for at the screen (urgent) is not paced; a quota or the server's word still holds it.
		if (this.earliest(now, !urgent).at > now || (who !== undefined && this.waiting.length > 0 && this.waiting[0] !== who)) {
			if (who !== undefined && !this.waiting.includes(who)) this.waiting.push(who);
			return false;
		}
		if (who !== undefined) this.leave(who);
		this.record(now);
		return true;
	}

	/** `who` no longer waits (it was halted or stopped). */
	leave(who: object): void {
		const place = this.waiting.indexOf(who);
		if (place >= 0) this.waiting.splice(place, 1);
	}

	/** The earliest time any request may go, and the spacing between requests at the current pace. */
	private earliest(now: number, paced = true): {at: number; gap: number} {
		this.prune(now);
		let at = now;
		let gap = 0;
		const last = this.takes.at(-1);
		if (!this.quota && paced) {
			gap = 1000 / UNMETERED_PER_SECOND;
			if (last !== undefined) at = Math.max(at, last + gap);
		}
		if (this.quota) {
			const cap = this.cap(this.quota);
			// Pages and retries cost more than one request per take: widen the spacing by that ratio.
			const perTake = this.takes.length > 0 ? Math.max(1, this.answers.length / this.takes.length) : 1;
			gap = (this.quota.windowMs / cap) * perTake;
			if (last !== undefined) at = Math.max(at, last + gap);
		}
		const window = this.serverWindow(now);
		if (window && window.left > 0 && last !== undefined) {
			gap = Math.max(gap, (window.resetAt - last) / window.left);
			at = Math.max(at, last + (window.resetAt - last) / window.left);
		}
		const hold = this.hold(now);
		if (hold) at = Math.max(at, hold.until);
		return {at, gap: Math.min(gap, this.maxWaitMs)};
	}

	/** What holds every request back beyond the usual pacing, and until when; null when nothing does. */
	hold(now: number): BudgetHold | null {
		this.prune(now);
		let hold: BudgetHold | null = null;
		const server = this.server;
		if (server?.retryAfterMs != null) {
			const until = server.observedAt + server.retryAfterMs;
			if (until > now) hold = {reason: 'rate limited', until};
		} else {
			const window = this.serverWindow(now);
			if (server && window && window.left <= 0) {
				// However long the server asks for, citop asks again within maxWaitMs of its answer.
				const until = Math.min(window.resetAt, server.observedAt + this.maxWaitMs);
				if (until > now) hold = {reason: 'budget spent', until};
			}
		}
		if (this.quota) {
			const cap = this.cap(this.quota);
			if (Math.max(this.takes.length, this.answers.length) >= cap) {
				const until = Math.min(this.takes[0] ?? Infinity, this.answers[0] ?? Infinity) + this.quota.windowMs;
				if (until > now && (!hold || until > hold.until)) hold = {reason: 'budget spent', until};
			}
		}
		return hold;
	}

	/** Counts a request that went regardless (a user's trigger or abort). */
	record(now: number): void {
		this.takes.push(now);
		this.prune(now);
	}

	/** What a client reported after an answer: the server's figures, and one more request spent. */
	observe(figures: RateLimitInfo): void {
		// The wait as citop keeps it, so the header says when it really asks again.
		const info = figures.retryAfterMs !== null && figures.retryAfterMs > this.maxWaitMs ? {...figures, retryAfterMs: this.maxWaitMs} : figures;
		this.answers.push(info.observedAt);
		if (info.limit !== null && this.quota) this.quota = {...this.quota, limit: info.limit};
		const known = info.limit !== null || info.remaining !== null || info.resetAt !== null || info.retryAfterMs !== null;
		if (!known) return;
		// A 429 without figures keeps the window figures from before; figures without a 429 clear the wait.
		const previous = this.server;
		this.server = {
			...info,
			limit: info.limit ?? previous?.limit ?? null,
			remaining: info.remaining ?? (info.retryAfterMs !== null ? (previous?.remaining ?? null) : null),
			resetAt: info.resetAt ?? (info.retryAfterMs !== null ? (previous?.resetAt ?? null) : null),
		};
		this.prune(info.observedAt);
	}

	private cap(quota: Quota): number {
		return Math.max(1, Math.floor(quota.limit * BUDGET_SHARE));
	}

	/** Until the server's window resets (when no Retry-After outranks it), the share of what it says remains that we may still take. */
	private serverWindow(now: number): {left: number; resetAt: number} | null {
		const server = this.server;
		if (!server || server.retryAfterMs !== null || server.remaining === null || server.resetAt === null || server.resetAt <= now) return null;
		return {left: Math.floor(server.remaining * BUDGET_SHARE) - this.takesSince(server.observedAt), resetAt: server.resetAt};
	}

	private takesSince(at: number): number {
		let count = 0;
		for (let i = this.takes.length - 1; i >= 0 && this.takes[i]! > at; i--) count++;
		return count;
	}

	private prune(now: number): void {
		// With a quota, what is inside its window counts; without one, only the takes since the
		// server's last figures (and always the newest take, which sets the spacing).
		const from = this.quota ? now - this.quota.windowMs : (this.server?.observedAt ?? Infinity);
		while (this.takes.length > 1 && this.takes[0]! <= from) this.takes.shift();
		if (!this.quota) this.answers.length = 0;
		while (this.answers.length > 0 && this.answers[0]! <= from) this.answers.shift();
	}
}
