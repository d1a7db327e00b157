import {isProviderError, type ProviderError} from '../model/errors.js';
import {capabilitiesOf} from './capabilities.js';
import {providerError, requestError} from './http-errors.js';
import {createHttp, type Http, type HttpOptions} from './http.js';
import {DEFAULT_BASE_URLS, type ListOptions, type SourceClient, type SourceSpec} from './types.js';

/** Upper bound on list pages per call when the caller names none. */
export const DEFAULT_MAX_PAGES = 5;

/** How many pages a list call reads and how many runs it asks of each: what the caller asks, within what the provider allows. */
export function listBounds(options: ListOptions, largestPage: number): {maxPages: number; pageSize: number} {
	return {
		maxPages: Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES),
		pageSize: Math.min(largestPage, Math.max(1, options.pageSize ?? largestPage)),
	};
}

/** A source's HTTP layer, and what its client states about itself before any request. */
export function clientBasics(spec: SourceSpec, options: HttpOptions): {http: Http; identity: Pick<SourceClient, 'name' | 'provider' | 'capabilities' | 'budgetKey'>} {
	const http = createHttp({name: spec.name, provider: spec.provider, baseUrl: spec.baseUrl ?? DEFAULT_BASE_URLS[spec.provider], token: spec.token}, options);
	return {http, identity: {name: spec.name, provider: spec.provider, capabilities: capabilitiesOf(spec), budgetKey: http.budgetKey}};
}

/** An answer that is not what the API documents: the server's fault, said plainly. */
export function badAnswer(http: Http, endpoint: string, problem: string): ProviderError {
	return providerError('bad_response', http.context(endpoint), {problem});
}

/** The top of an answer must have the documented shape. */
export function expectShape<Value>(value: Value | null | undefined, http: Http, endpoint: string, problem: string): Value {
	if (value === null || value === undefined) throw badAnswer(http, endpoint, problem);
	return value;
}

/**
 * Runs one client call so that nothing but a ProviderError leaves it: a bug in mapping or an odd
 * answer nobody foresaw becomes a bad_response naming the endpoint, not a crash deep in the UI.
 */
export async function guarded<Value>(http: Http, endpoint: string, work: () => Promise<Value>): Promise<Value> {
	try {
		return await work();
	} catch (error) {
		if (isProviderError(error)) throw error;
		throw providerError('bad_response', http.context(endpoint), {problem: 'an answer citop could not read'});
	}
}

export function unsupported(source: string, message: string): ProviderError {
	return requestError(source, 'unsupported', message);
}

export function invalid(source: string, message: string, endpoint: string | null = null): ProviderError {
	return requestError(source, 'invalid_request', message, endpoint);
}

/** Encodes one path segment. */
export const segment = (value: string): string => encodeURIComponent(value);

/** A short wait between polls inside one call, ended early by the caller's signal. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(finish, ms);
		function finish() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', finish);
			resolve();
		}
		signal?.addEventListener('abort', finish);
	});
}
