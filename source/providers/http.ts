import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import got, {type Got} from 'got';
import {systemClock} from '../model/clock.js';
import type {ErrorKind} from '../model/errors.js';
import type {ProviderName} from '../model/run.js';
import {pause} from './client-kit.js';
import {kindForStatus, providerError, readErrorBody, requestError, type ErrorContext, type ErrorDetail} from './http-errors.js';
import {AnswerTooLarge, readAnswer, type Answer} from './limits.js';
import {headerRequestId, readRateLimit} from './rate-limit.js';
import type {ClientOptions} from './types.js';

/** ClientOptions plus knobs tests need; both are accepted wherever a client is made. */
export interface HttpOptions extends ClientOptions {
	/** First backoff delay between read retries (doubled each time, with jitter). */
	retryBaseMs?: number;
}

export const HTTP_DEFAULTS = {
	attemptTimeoutMs: 10_000,
	totalTimeoutMs: 30_000,
	retries: 3,
	maxRetryAfterMs: 60_000,
	retryBaseMs: 200,
} as const;

// Read once, relative to this module: source/providers/ and dist/providers/ both sit two levels below package.json.
const VERSION = ((): string => {
	try {
		const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
		const version = typeof raw === 'object' && raw !== null ? (raw as {version?: unknown}).version : undefined;
		return typeof version === 'string' ? version : '0.0.0';
	} catch {
		return '0.0.0';
	}
})();
export const USER_AGENT = `citop/${VERSION}`;

export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT';
	/** Path after the base URL, each segment already encoded, starting with '/'. */
	path: string;
	/** The endpoint as a template, for errors: "GET /api/v3/runs/{runId}". */
	endpoint: string;
	query?: Record<string, string | number | undefined>;
	/** JSON body (writes). */
	body?: unknown;
	signal?: AbortSignal | undefined;
}

export interface Http {
	readonly budgetKey: string;
	/** A 2xx answer's parsed JSON (undefined for an empty body); anything else rejects with a ProviderError. */
	json(request: HttpRequest): Promise<unknown>;
	/** A 2xx answer's raw text. */
	text(request: HttpRequest): Promise<string>;
	/** For errors the client finds in an answer (bad shape) or before sending (bad input). */
	context(endpoint: string): ErrorContext;
}

export interface HttpSource {
	name: string;
	provider: ProviderName;
	baseUrl: string;
	token: string | null;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Sources with the same provider, origin and token share one budget; the token appears only as a short hash. */
export function makeBudgetKey(provider: ProviderName, baseUrl: string, token: string | null): string {
	let origin = baseUrl;
	try {
		origin = new URL(baseUrl).origin;
	} catch {
		// An invalid base URL still needs a stable key; requests will report it.
	}
	const hash = token === null ? 'anonymous' : createHash('sha256').update(token).digest('hex').slice(0, 12);
	return `${provider} ${origin} ${hash}`;
}

function redactor(token: string | null): (text: string) => string {
	if (!token || token.length < 4) return (text) => text;
	return (text) => text.split(token).join('[token]');
}

function codeOf(error: unknown): string | null {
	const code = (error as {code?: unknown} | null)?.code;
	return typeof code === 'string' ? code : null;
}

type Outcome = {ok: true; response: Answer} | {ok: false; kind: ErrorKind; detail: ErrorDetail; retriable: boolean};

/** The one got instance per source: base URL, auth, user agent, timeouts, retries, Retry-After, errors. */
export function createHttp(source: HttpSource, options: HttpOptions = {}): Http {
	const clock = options.clock ?? systemClock;
	const attemptTimeoutMs = options.attemptTimeoutMs ?? HTTP_DEFAULTS.attemptTimeoutMs;
	const totalTimeoutMs = options.totalTimeoutMs ?? HTTP_DEFAULTS.totalTimeoutMs;
	const retries = options.retries ?? HTTP_DEFAULTS.retries;
	const maxRetryAfterMs = options.maxRetryAfterMs ?? HTTP_DEFAULTS.maxRetryAfterMs;
	const retryBaseMs = options.retryBaseMs ?? HTTP_DEFAULTS.retryBaseMs;
	const redact = redactor(source.token);
	const base = source.baseUrl.replace(/\/+$/, '');
	let host = 'the server';
	let baseValid = true;
	try {
		host = new URL(base).host;
	} catch {
		baseValid = false;
	}

	const headers: Record<string, string> = {'user-agent': USER_AGENT, accept: 'application/json, text/plain'};
	if (source.token !== null) headers['authorization'] = `Bearer ${source.token}`;
	const instance: Got = got.extend({
		headers,
		retry: {limit: 0},
		throwHttpErrors: false,
		// A redirect could carry the token elsewhere; the APIs do not redirect.
		followRedirect: false,
		timeout: {request: attemptTimeoutMs},
	});

	const context = (endpoint: string): ErrorContext => ({
		source: source.name,
		provider: source.provider,
		endpoint,
		host,
		hasToken: source.token !== null,
		redact,
	});

	async function attempt(request: HttpRequest, signal: AbortSignal, stopped: () => 'canceled' | 'timeout' | null): Promise<Outcome> {
		const read = request.method === 'GET';
		let response: Answer;
		try {
			const searchParams = new URLSearchParams();
			for (const [key, value] of Object.entries(request.query ?? {})) {
				if (value !== undefined) searchParams.set(key, String(value));
			}
			const stream = instance.stream(base + request.path, {
				method: request.method,
				searchParams,
				signal,
				...(request.body === undefined ? {} : {json: request.body}),
			});
			// A write without a body waits for one until told there is none.
			if (request.method !== 'GET' && request.body === undefined) stream.end();
			response = await readAnswer(stream);
		} catch (error) {
			if (error instanceof AnswerTooLarge) return {ok: false, kind: 'bad_response', detail: {problem: error.message}, retriable: false};
			const why = stopped();
			if (why === 'canceled') return {ok: false, kind: 'canceled', detail: {}, retriable: false};
			if (why === 'timeout') return {ok: false, kind: 'timeout', detail: {limitMs: totalTimeoutMs}, retriable: false};
			const code = codeOf(error);
			if (code === 'ETIMEDOUT') return {ok: false, kind: 'timeout', detail: {limitMs: attemptTimeoutMs}, retriable: read};
			// Only the code is kept: got's error holds the request options, Authorization header included.
			const shown = code && (NETWORK_CODES.has(code) || /^E[A-Z]+$/.test(code)) ? code : 'connection failed';
			return {ok: false, kind: 'network', detail: {code: shown}, retriable: read};
		}

		const info = readRateLimit(response.headers, clock.now());
		try {
			options.onRateLimit?.(info);
		} catch {
			// A listener's own failure is not the server's answer.
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) return {ok: true, response};
		if (status >= 300 && status < 400) return {ok: false, kind: 'bad_response', detail: {status, problem: 'a redirect'}, retriable: false};
		let body: unknown = null;
		try {
			body = JSON.parse(response.body);
		} catch {
			// An error page that is not JSON still has a status worth reporting.
		}
		const said = readErrorBody(body);
		const detail: ErrorDetail = {
			status,
			providerMessage: said.message,
			requestId: said.requestId ?? headerRequestId(response.headers),
			retryAfterMs: info.retryAfterMs,
		};
		const retriable = read && (status === 408 || status === 429 || status >= 500);
		return {ok: false, kind: kindForStatus(status), detail, retriable};
	}

	async function send(request: HttpRequest): Promise<Answer> {
		const ctx = context(request.endpoint);
		if (!baseValid) throw requestError(source.name, 'invalid_request', `baseUrl is not a valid URL — fix it in the config`, request.endpoint);
		if (request.signal?.aborted) throw providerError('canceled', ctx);
		const controller = new AbortController();
		let why: 'canceled' | 'timeout' | null = null;
		const onAbort = () => {
			why ??= 'canceled';
			controller.abort();
		};
		request.signal?.addEventListener('abort', onAbort);
		const started = Date.now();
		const total = setTimeout(() => {
			why ??= 'timeout';
			controller.abort();
		}, totalTimeoutMs);
		// When the call's time runs out during a retry, the failure that caused the retry (a 429 with
		// its request id, say) tells the user more than "no answer".
		let earlier: {kind: ErrorKind; detail: ErrorDetail} | null = null;
		const timedOut = () => (earlier ? providerError(earlier.kind, ctx, earlier.detail) : providerError('timeout', ctx, {limitMs: totalTimeoutMs}));
		try {
			for (let attemptNumber = 1; ; attemptNumber++) {
				const outcome = await attempt(request, controller.signal, () => why);
				if (outcome.ok) return outcome.response;
				if (why === 'timeout') throw timedOut();
				const {kind, retriable} = outcome;
				const detail = {...outcome.detail, attempts: attemptNumber};
				if (!retriable) throw providerError(kind, ctx, detail);
				const remaining = totalTimeoutMs - (Date.now() - started);
				const retryAfterMs = detail.retryAfterMs ?? null;
				// Too long to wait inside one call: say so, and let the poller wait instead.
				if (retryAfterMs !== null && (retryAfterMs > maxRetryAfterMs || retryAfterMs > remaining)) throw providerError(kind, ctx, detail);
				if (attemptNumber > retries) throw providerError(kind, ctx, detail);
				const backoff = retryBaseMs * 2 ** (attemptNumber - 1);
				const delay = retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
				if (delay >= remaining) throw providerError(kind, ctx, detail);
				earlier = {kind, detail};
				await pause(delay, controller.signal);
				if (why === 'canceled') throw providerError('canceled', ctx);
				if (why === 'timeout') throw timedOut();
			}
		} finally {
			clearTimeout(total);
			request.signal?.removeEventListener('abort', onAbort);
		}
	}

	return {
		budgetKey: makeBudgetKey(source.provider, source.baseUrl, source.token),
		context,
		async text(request) {
			return (await send(request)).body;
		},
		async json(request) {
			const response = await send(request);
			if (response.body.trim() === '') return undefined;
			try {
				return JSON.parse(response.body) as unknown;
			} catch {
				throw providerError('bad_response', context(request.endpoint), {status: response.statusCode, requestId: headerRequestId(response.headers), problem: 'not JSON'});
			}
		},
	};
}
