import {isProviderError} from '../model/errors.js';
import type {ProviderErrorFields} from '../model/errors.js';
import {sanitizeLine} from '../model/sanitize.js';
import type {StoreSettings} from './types.js';

type Timing = Pick<StoreSettings, 'fastIntervalMs' | 'slowIntervalMs' | 'maxBackoffMs' | 'jitter'>;

/** Spreads `ms` by ± jitter × ms, `random` in [0, 1). */
export function withJitter(ms: number, jitter: number, random: () => number): number {
	return Math.max(0, ms * (1 + jitter * (2 * random() - 1)));
}

/** The delay after a good answer: fast while anything is queued or running, slow otherwise. */
export function pollDelay(settings: Timing, active: boolean, random: () => number): number {
	return withJitter(active ? settings.fastIntervalMs : settings.slowIntervalMs, settings.jitter, random);
}

/**
 * The delay after the `failures`-th failure in a row: doubling from the fast interval, capped,
 * and never shorter than the server's Retry-After, which is itself capped: however long a server
 * asks for, citop asks again within maxBackoff.
 */
export function backoffDelay(settings: Timing, failures: number, retryAfterMs: number | null, random: () => number): number {
	const base = settings.fastIntervalMs * 2 ** Math.max(0, failures);
	const delay = Math.min(settings.maxBackoffMs, withJitter(Math.min(settings.maxBackoffMs, base), settings.jitter, random));
	return retryAfterMs !== null && retryAfterMs > delay ? Math.min(retryAfterMs, settings.maxBackoffMs) : delay;
}

/** Auth errors stop a source until someone refreshes it: retrying a refused token only burns the budget. */
export function isAuthError(error: ProviderErrorFields): boolean {
	return error.kind === 'auth' || error.kind === 'forbidden';
}

/** What the store keeps of a failure: a ProviderError's own fields, or a sanitized line for anything else. */
export function errorFields(error: unknown, source: string): ProviderErrorFields {
	if (isProviderError(error)) {
		const fields = error.toJSON();
		return {...fields, source: fields.source ?? source};
	}
	const message = error instanceof Error ? error.message : String(error);
	return {kind: 'bad_response', message: sanitizeLine(message) || 'Unexpected error', source};
}
