import type {ProviderName} from '../model/run.js';
import {PROVIDERS} from '../model/run.js';
import type {Checked} from './http.js';
import {isRecord} from './http.js';

/** Faults on demand: slow answers, error statuses, broken JSON, cut connections. */
export type Fault = (
	| {kind: 'latency'; ms: number}
	| {kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSec?: number | string}
	| {kind: 'malformed'}
	| {kind: 'drop'}
) & {
	/** Only the next N requests (default: until cleared). */
	count?: number;
};

interface Armed {
	fault: Fault;
	remaining: number | null;
}

export class FaultState {
	private readonly armed = new Map<ProviderName, Armed>();

	/** 'all' arms each provider with its own copy (and its own count). */
	set(provider: ProviderName | 'all', fault: Fault | null): void {
		for (const name of provider === 'all' ? PROVIDERS : [provider]) {
			if (fault) this.armed.set(name, {fault, remaining: fault.count ?? null});
			else this.armed.delete(name);
		}
	}

	clear(): void {
		this.armed.clear();
	}

	/** The fault for this request, counting it down. */
	take(provider: ProviderName): Fault | null {
		const armed = this.armed.get(provider);
		if (!armed) return null;
		if (armed.remaining !== null) {
			armed.remaining--;
			if (armed.remaining <= 0) this.armed.delete(provider);
		}
		return armed.fault;
	}

	describe(): Record<ProviderName, (Fault & {remaining: number | null}) | null> {
		const out = {} as Record<ProviderName, (Fault & {remaining: number | null}) | null>;
		for (const name of PROVIDERS) {
			const armed = this.armed.get(name);
			out[name] = armed ? {...armed.fault, remaining: armed.remaining} : null;
		}
		return out;
	}
}

/** A JSON body cut short so no parser accepts it. */
export function truncateJson(body: string): string {
	const cut = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
	try {
		JSON.parse(cut);
		return '{"truncated';
	} catch {
		return cut;
	}
}

const STATUSES = [429, 500, 502, 503];

export function parseProvider(value: unknown): ProviderName | 'all' | null {
	return value === 'all' || PROVIDERS.includes(value as ProviderName) ? (value as ProviderName | 'all') : null;
}

/** The control endpoint's fault body: `{provider, kind, ms?, status?, retryAfterSec?, count?}`. */
export function parseFault(body: unknown): Checked<{provider: ProviderName | 'all'; fault: Fault}> {
	if (!isRecord(body)) return {ok: false, message: 'body must be a JSON object'};
	const provider = parseProvider(body['provider']);
	if (!provider) return {ok: false, message: `provider must be "all" or one of ${PROVIDERS.join(', ')}`};
	const count = body['count'];
	if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) return {ok: false, message: 'count must be a positive integer'};
	const extra = count === undefined ? {} : {count};
	switch (body['kind']) {
		case 'latency': {
			const ms = body['ms'];
			if (typeof ms !== 'number' || ms < 0 || ms > 600_000) return {ok: false, message: 'latency needs ms from 0 to 600000'};
			return {ok: true, value: {provider, fault: {kind: 'latency', ms, ...extra}}};
		}
		case 'status': {
			const status = body['status'];
			if (typeof status !== 'number' || !STATUSES.includes(status)) return {ok: false, message: `status must be one of ${STATUSES.join(', ')}`};
			const retryAfter = body['retryAfterSec'];
			if (retryAfter !== undefined && typeof retryAfter !== 'number' && typeof retryAfter !== 'string') return {ok: false, message: 'retryAfterSec must be a number or an HTTP date'};
			const fault: Fault = {kind: 'status', status: status as 429 | 500 | 502 | 503, ...extra};
			if (retryAfter !== undefined) fault.retryAfterSec = retryAfter;
			return {ok: true, value: {provider, fault}};
		}
		case 'malformed':
		case 'drop':
			return {ok: true, value: {provider, fault: {kind: body['kind'], ...extra}}};
		default:
			return {ok: false, message: 'kind must be latency, status, malformed or drop'};
	}
}
