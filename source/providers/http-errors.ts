import {ProviderError, type ErrorKind} from '../model/errors.js';
import type {ProviderName} from '../model/run.js';
import {sanitizeOptional} from '../model/sanitize.js';
import {isRecord} from './lenient.js';

/** What an error message may say about where it happened; never the token or full URL. */
export interface ErrorContext {
	source: string;
	provider: ProviderName;
	/** "GET /api/v3/runs/{runId}" */
	endpoint: string;
	/** host[:port] of the base URL, without credentials. */
	host: string;
	hasToken: boolean;
	/** Removes the token from any text a server sent back. */
	redact: (text: string) => string;
}

const TOKEN_VARIABLES: Record<ProviderName, string> = {
	sourcecraft: 'SOURCECRAFT_TOKEN',
	wercker: 'WERCKER_TOKEN',
	northflank: 'NORTHFLANK_API_TOKEN',
};

/** The provider's message and request id from any of the three documented error bodies. */
export function readErrorBody(body: unknown): {message: string | null; requestId: string | null} {
	if (!isRecord(body)) return {message: null, requestId: null};
	// Northflank: {error: {status, message, id}}
	if (isRecord(body['error'])) {
		const inner = body['error'];
		return {message: sanitizeOptional(inner['message'], 300), requestId: sanitizeOptional(inner['id'], 120)};
	}
	// SourceCraft {error_code, message, request_id}; Wercker {statusCode, error, message}.
	const message = sanitizeOptional(body['message'], 300) ?? sanitizeOptional(body['error'], 300) ?? sanitizeOptional(body['error_code'], 300);
	const requestId = sanitizeOptional(body['request_id'], 120) ?? sanitizeOptional(body['requestId'], 120);
	return {message, requestId};
}

export function kindForStatus(status: number): ErrorKind {
	if (status === 401) return 'auth';
	if (status === 403) return 'forbidden';
	if (status === 404 || status === 410) return 'not_found';
	if (status === 408) return 'timeout';
	if (status === 429) return 'rate_limited';
	if (status >= 500) return 'server';
	if (status >= 400) return 'invalid_request';
	return 'bad_response';
}

function seconds(ms: number): string {
	return ms >= 1000 ? `${Math.ceil(ms / 1000)}s` : `${ms}ms`;
}

function saying(providerMessage: string | null): string {
	return providerMessage ? `: ${providerMessage}` : '';
}

function reference(requestId: string | null): string {
	return requestId ? ` (request id ${requestId})` : '';
}

export interface ErrorDetail {
	status?: number | null;
	providerMessage?: string | null;
	requestId?: string | null;
	retryAfterMs?: number | null;
	attempts?: number;
	/** For network errors: the system error code (ECONNREFUSED …). */
	code?: string | null;
	/** For timeouts: the bound that ran out. */
	limitMs?: number;
	/** For bad answers: what was wrong. */
	problem?: string;
}

function describe(kind: ErrorKind, context: ErrorContext, detail: ErrorDetail): string {
	const {endpoint} = context;
	const status = detail.status ?? null;
	const said = saying(detail.providerMessage ?? null);
	const id = reference(detail.requestId ?? null);
	switch (kind) {
		case 'auth':
			return context.hasToken
				? `the token was refused (${status ?? 401})${said}${id} — check ${TOKEN_VARIABLES[context.provider]} or tokenEnv in the config`
				: `a token is needed (${status ?? 401})${said}${id} — set ${TOKEN_VARIABLES[context.provider]} or tokenEnv in the config`;
		case 'forbidden':
			return `the token may not do this (${status ?? 403}) on ${endpoint}${said}${id} — check the token's permissions`;
		case 'not_found':
			return `not found (${status ?? 404}) on ${endpoint}${said}${id} — check the ids in the config`;
		case 'rate_limited': {
			const wait = detail.retryAfterMs === null || detail.retryAfterMs === undefined ? '' : `, retry in ${seconds(detail.retryAfterMs)}`;
			return `rate limited (${status ?? 429}) on ${endpoint}${wait}${said}${id} — citop waits before asking again`;
		}
		case 'server': {
			const attempts = detail.attempts && detail.attempts > 1 ? ` after ${detail.attempts} attempts` : '';
			return `the server failed (${status ?? 500}) on ${endpoint}${attempts}${said}${id} — try again later`;
		}
		case 'network':
			return `could not reach ${context.host} (${detail.code ?? 'network error'}) on ${endpoint} — check the network and baseUrl`;
		case 'timeout':
			return status
				? `the server gave up waiting (${status}) on ${endpoint}${said}${id} — try again later`
				: `no answer from ${context.host} within ${seconds(detail.limitMs ?? 0)} on ${endpoint} — the server is slow or unreachable`;
		case 'bad_response':
			return `unexpected answer on ${endpoint}${status ? ` (${status})` : ''}: ${detail.problem ?? 'not what the API documents'}${id} — check that baseUrl points at the ${context.provider} API`;
		case 'invalid_request':
			return `the request was rejected (${status ?? 400}) on ${endpoint}${said}${id}`;
		case 'canceled':
			return `canceled: ${endpoint}`;
		case 'unsupported':
			return `${endpoint} is not supported${said}`;
	}
}

/** The one way providers/ builds an error: a one-line message naming the source, token removed. */
export function providerError(kind: ErrorKind, context: ErrorContext, detail: ErrorDetail = {}): ProviderError {
	const providerMessage = detail.providerMessage ? context.redact(detail.providerMessage) : null;
	const requestId = detail.requestId ? context.redact(detail.requestId) : null;
	const clean = {...detail, providerMessage, requestId};
	return new ProviderError({
		kind,
		message: context.redact(`${context.source}: ${describe(kind, context, clean)}`),
		status: detail.status ?? null,
		providerMessage,
		requestId,
		endpoint: context.endpoint,
		retryAfterMs: detail.retryAfterMs ?? null,
		source: context.source,
	});
}

/** An error that is about the request itself, found before anything was sent. */
export function requestError(source: string, kind: ErrorKind, message: string, endpoint: string | null = null): ProviderError {
	return new ProviderError({kind, message: `${source}: ${message}`, endpoint, source});
}
