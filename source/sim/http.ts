import type {IncomingHttpHeaders} from 'node:http';

/** One request as a provider's handlers see it: path below the provider's prefix, body read. */
export interface SimRequest {
	method: string;
	/** Raw (still percent-encoded) path below the provider prefix, e.g. `/repos/acme/api/cicd/runs`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: string;
	/** The bearer token, or null when the Authorization header is missing or not a bearer token. */
	token: string | null;
	/** Counter-based, so the same requests in the same order get the same ids. */
	requestId: string;
	/** Clock ms when it arrived. */
	now: number;
}

export interface SimResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** A checked input: its value, or one message for a 400. */
export type Checked<T> = {ok: true; value: T} | {ok: false; message: string};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
	return {status, headers: {'content-type': 'application/json; charset=utf-8', ...headers}, body: JSON.stringify(value)};
}

export function text(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
	return {status, headers: {'content-type': 'text/plain; charset=utf-8', ...headers}, body};
}

export function bearerToken(header: string | undefined): string | null {
	const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match?.[1] ?? null;
}

/** Parses a JSON body; null for an empty body, undefined when it is not JSON. */
export function parseJsonBody(body: string): unknown {
	if (body.trim() === '') return null;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type RouteHandler = (request: SimRequest, params: readonly string[]) => SimResponse | Promise<SimResponse>;

export interface Route {
	method: string;
	/** Segments: `literal`, `:param`, or `id::param` (a literal `id:` then the param, as SourceCraft writes ids). */
	segments: readonly string[];
	handler: RouteHandler;
}

export function route(method: string, pattern: string, handler: RouteHandler): Route {
	return {method, segments: pattern.split('/').filter((segment) => segment !== ''), handler};
}

function decode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): string[] | undefined {
	if (pattern.length !== segments.length) return undefined;
	const params: string[] = [];
	for (const [index, part] of pattern.entries()) {
		const segment = segments[index] ?? '';
		if (part.startsWith('id::')) {
			// The colon must be literal: `id%3A…` is another path.
			if (!segment.startsWith('id:')) return undefined;
			const value = decode(segment.slice(3));
			if (value === undefined || value === '') return undefined;
			params.push(value);
		} else if (part.startsWith(':')) {
			const value = decode(segment);
			if (value === undefined || value === '') return undefined;
			params.push(value);
		} else if (segment !== part) {
			return undefined;
		}
	}
	return params;
}

/** The first route that matches method and path, with its decoded params. */
export function findRoute(routes: readonly Route[], request: SimRequest): {route: Route; params: string[]} | undefined {
	const segments = request.path.split('/').filter((segment) => segment !== '');
	for (const candidate of routes) {
		if (candidate.method !== request.method) continue;
		const params = matchSegments(candidate.segments, segments);
		if (params) return {route: candidate, params};
	}
	return undefined;
}
