import {sanitizeLine} from './sanitize.js';

/** Every way a request to a provider can go wrong, as the user needs to tell them apart. */
export const ERROR_KINDS = [
	'auth',
	'forbidden',
	'not_found',
	'rate_limited',
	'server',
	'network',
	'timeout',
	'bad_response',
	'unsupported',
	'invalid_request',
	'canceled',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ProviderErrorFields {
	kind: ErrorKind;
	/** One line a person can act on; never contains a token. */
	message: string;
	/** HTTP status, when there was an answer. */
	status?: number | null;
	/** The provider's own message from its error body, sanitized. */
	providerMessage?: string | null;
	/** The provider's request id, to quote to its support. */
	requestId?: string | null;
	/** Which endpoint, without host or query: "GET /repos/{org}/{repo}/cicd/runs". */
	endpoint?: string | null;
	/** How long the server asked us to wait, in ms. */
	retryAfterMs?: number | null;
	/** Source name, when known. */
	source?: string | null;
}

/**
 * The one error type that leaves providers/. Carries no request options, headers or
 * response objects, so nothing can leak a token through it or its cause chain.
 */
export class ProviderError extends Error {
	readonly kind: ErrorKind;
	readonly status: number | null;
	readonly providerMessage: string | null;
	readonly requestId: string | null;
	readonly endpoint: string | null;
	readonly retryAfterMs: number | null;
	readonly source: string | null;

	constructor(fields: ProviderErrorFields) {
		super(fields.message);
		this.name = 'ProviderError';
		this.kind = fields.kind;
		this.status = fields.status ?? null;
		this.providerMessage = fields.providerMessage ?? null;
		this.requestId = fields.requestId ?? null;
		this.endpoint = fields.endpoint ?? null;
		this.retryAfterMs = fields.retryAfterMs ?? null;
		this.source = fields.source ?? null;
	}

	toJSON(): ProviderErrorFields {
		return {
			kind: this.kind,
			message: this.message,
			status: this.status,
			providerMessage: this.providerMessage,
			requestId: this.requestId,
			endpoint: this.endpoint,
			retryAfterMs: this.retryAfterMs,
			source: this.source,
		};
	}
}

export function isProviderError(error: unknown): error is ProviderError {
	return error instanceof ProviderError;
}

/**
 * A provider error in one line, as the command line and the live view both say it: what went
 * wrong, where (the host, the endpoint) and what to do, with the request id.
 */
export function formatProviderError(error: ProviderErrorFields, source?: string): string {
	const name = source ?? error.source;
	// Provider errors name their source and request id already: say each once.
	const named = error.source ?? name;
	const own = named ? `${sanitizeLine(named)}: ` : null;
	const full = sanitizeLine(error.message);
	const message = own && full.startsWith(own) ? full.slice(own.length) : full;
	const provider = error.providerMessage ? sanitizeLine(error.providerMessage) : '';
	const text = provider && !message.includes(provider) ? `${message.replace(/\.$/, '')}: ${provider}` : message;
	const id = error.requestId ? sanitizeLine(error.requestId) : '';
	const request = id && !message.includes(id) ? ` (request id ${id})` : '';
	return `${name ? `${sanitizeLine(name)}: ` : ''}${error.kind}: ${text}${request}`;
}
