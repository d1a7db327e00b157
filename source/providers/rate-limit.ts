import {sanitizeOptional} from '../model/sanitize.js';
import type {RateLimitInfo} from './types.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | null {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first.trim() === '' ? null : first.trim();
}

function count(headers: HeaderBag, name: string): number | null {
	const value = header(headers, name);
	if (value === null || !/^\d+(\.\d+)?$/.test(value)) return null;
	return Number(value);
}

/** `Retry-After` as ms from now: delta seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
	if (value === null) return null;
	if (/^\d+(\.\d+)?$/.test(value)) {
		// Hundreds of digits read as Infinity: no wait a person could be told.
		const ms = Math.round(Number(value) * 1000);
		return Number.isFinite(ms) ? ms : null;
	}
	const at = Date.parse(value);
	if (Number.isNaN(at)) return null;
	return Math.max(0, at - now);
}

/**
 * What an answer said about the budget. `x-ratelimit-reset` is seconds to reset (REFERENCE.md);
 * a value that can only be an epoch timestamp is read as one.
 */
export function readRateLimit(headers: HeaderBag, now: number): RateLimitInfo {
	const reset = count(headers, 'x-ratelimit-reset');
	let resetAt: number | null = null;
	if (reset !== null) resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000;
	return {
		limit: count(headers, 'x-ratelimit-limit'),
		remaining: count(headers, 'x-ratelimit-remaining'),
		resetAt,
		retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), now),
		observedAt: now,
	};
}

/** A request id the server put in a header, for errors whose body has none. */
export function headerRequestId(headers: HeaderBag): string | null {
	// Header bytes arrive as latin1, where 0x80–0x9f are C1 controls: sanitize like any server text.
	return sanitizeOptional(header(headers, 'x-request-id') ?? header(headers, 'request-id') ?? header(headers, 'x-amzn-requestid'), 120);
}
