/**
 * Northflank's budget: a fixed number of requests per hour per token, on the simulator's
 * clock, reported on every answer. The window opens with a token's first request.
 */

const WINDOW_MS = 60 * 60_000;

interface Bucket {
	windowStart: number;
	used: number;
}

export interface RateHeaders {
	'x-ratelimit-limit': string;
	'x-ratelimit-remaining': string;
	'x-ratelimit-reset': string;
}

/** A Retry-After (delta seconds or an HTTP date) as whole seconds from `now`; null when absent or unreadable. */
export function secondsUntil(retryAfter: string | undefined, now: number): number | null {
	if (retryAfter === undefined) return null;
	if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Math.ceil(Number(retryAfter));
	const at = Date.parse(retryAfter);
	return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	constructor(readonly limit: number) {}

	private bucket(token: string, now: number): Bucket {
		let bucket = this.buckets.get(token);
		if (!bucket || now >= bucket.windowStart + WINDOW_MS) {
			bucket = {windowStart: now, used: 0};
			this.buckets.set(token, bucket);
		}
		return bucket;
	}

	/** Counts one request; false when the budget was already spent (answer 429). */
	take(token: string, now: number): boolean {
		const bucket = this.bucket(token, now);
		if (bucket.used >= this.limit) return false;
		bucket.used++;
		return true;
	}

	/** Seconds until the window resets. */
	resetIn(token: string, now: number): number {
		const bucket = this.bucket(token, now);
		return Math.max(1, Math.ceil((bucket.windowStart + WINDOW_MS - now) / 1000));
	}

	headers(token: string, now: number, exhausted = false): RateHeaders {
		const bucket = this.bucket(token, now);
		return {
			'x-ratelimit-limit': String(this.limit),
			'x-ratelimit-remaining': String(exhausted ? 0 : Math.max(0, this.limit - bucket.used)),
			'x-ratelimit-reset': String(this.resetIn(token, now)),
		};
	}
}
