import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import {createServer} from 'node:http';
import type {Socket} from 'node:net';
import type {ProviderName} from '../model/run.js';
import {PROVIDERS} from '../model/run.js';
import type {ProviderApi} from './context.js';
import type {FaultState} from './faults.js';
import {truncateJson} from './faults.js';
import type {SimRequest, SimResponse} from './http.js';
import {bearerToken, json} from './http.js';
import {uuidOf} from './random.js';

/**
 * The HTTP side: one node:http server, each provider under its own prefix, faults applied
 * on the way out, every socket tracked so stop() is prompt.
 */

const MAX_BODY = 1024 * 1024;
const DEFAULT_RETRY_AFTER_SEC = 30;

export interface ServerParts {
	apis: Record<ProviderName, ProviderApi>;
	faults: FaultState;
	now(): number;
	seed: number;
	/** Counts answered provider requests. */
	counted(provider: ProviderName): void;
	/** Told of every provider request that is not a read, once answered. */
	wrote(provider: ProviderName, request: SimRequest, status: number): void;
	/** The /_sim control endpoint. */
	control(request: SimRequest): Promise<SimResponse>;
}

export interface RunningServer {
	port: number;
	stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		request.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function send(response: ServerResponse, answer: SimResponse): void {
	const body = Buffer.from(answer.body, 'utf8');
	response.writeHead(answer.status, {...answer.headers, 'content-length': String(body.length)});
	response.end(body);
}

export function startServer(parts: ServerParts, host: string, port: number): Promise<RunningServer> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let sequence = 0;

	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	async function answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(incoming.url ?? '/', 'http://simulator');
		const provider = PROVIDERS.find((name) => url.pathname === `/${name}` || url.pathname.startsWith(`/${name}/`));
		const body = await readBody(incoming);
		sequence++;
		const request: SimRequest = {
			method: incoming.method ?? 'GET',
			path: provider ? url.pathname.slice(provider.length + 1) || '/' : url.pathname,
			query: url.searchParams,
			headers: incoming.headers,
			body: body ?? '',
			token: bearerToken(incoming.headers.authorization),
			requestId: uuidOf(parts.seed, 'request', sequence),
			now: parts.now(),
		};
		if (!provider) {
			const reply = url.pathname === '/_sim' || url.pathname.startsWith('/_sim/') ? await parts.control(request) : json(404, {error: 'not found: providers live under /sourcecraft, /wercker and /northflank'});
			send(response, reply);
			return;
		}
		const api = parts.apis[provider];
		parts.counted(provider);
		const fault = parts.faults.take(provider);
		let reply: SimResponse;
		if (body === null) reply = api.error(400, 'request body too large', request);
		else if (fault?.kind === 'status') {
			reply = api.error(fault.status, fault.status === 429 ? 'too many requests' : 'the service is having trouble, try again later', request);
			const retryAfter = fault.retryAfterSec ?? (fault.status === 429 ? DEFAULT_RETRY_AFTER_SEC : undefined);
			if (retryAfter !== undefined) reply.headers['retry-after'] = String(retryAfter);
		} else {
			reply = await api.handle(request);
		}
		if (api.finish) reply = api.finish(request, reply);
		reply.headers['x-request-id'] = request.requestId;
		if (request.method !== 'GET') parts.wrote(provider, request, reply.status);
		if (fault?.kind === 'latency') await delay(fault.ms);
		if (fault?.kind === 'malformed') {
			reply = {status: 200, headers: {...reply.headers, 'content-type': 'application/json; charset=utf-8'}, body: truncateJson(reply.body)};
		}
		if (fault?.kind === 'drop') {
			const full = Buffer.from(reply.body, 'utf8');
			response.writeHead(reply.status, {...reply.headers, 'content-length': String(Math.max(full.length, 2))});
			response.write(full.subarray(0, Math.floor(full.length / 2)), () => response.socket?.destroy());
			return;
		}
		if (!response.destroyed) send(response, reply);
	}

	const server: Server = createServer((incoming, response) => {
		answer(incoming, response).catch((error: unknown) => {
			if (response.headersSent) {
				response.destroy();
				return;
			}
			send(response, json(500, {error: 'simulator failure', message: error instanceof Error ? error.message : String(error)}));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const address = server.address();
			const actual = typeof address === 'object' && address ? address.port : port;
			resolve({
				port: actual,
				stop: () =>
					new Promise<void>((done) => {
						for (const timer of timers) clearTimeout(timer);
						timers.clear();
						server.close(() => done());
						for (const socket of sockets) socket.destroy();
						server.closeAllConnections();
					}),
			});
		});
	});
}
