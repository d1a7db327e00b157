import {ManualClock} from '../../source/model/clock.js';
import {isProviderError, type ProviderError} from '../../source/model/errors.js';
import type {LogRef, RunNode} from '../../source/model/run.js';
import type {HttpOptions} from '../../source/providers/http.js';
import {createSourceClient, type SourceClient, type SourceSpec} from '../../source/providers/index.js';
import {startSimulator, type SimulatorHandle, type SimulatorOptions} from '../../source/sim/index.js';

/** Short retry and timeout bounds so fault tests end in well under a second or two. */
export const FAST: HttpOptions = {retryBaseMs: 20, attemptTimeoutMs: 2_000, totalTimeoutMs: 8_000};

export interface Sim {
	sim: SimulatorHandle;
	clock: ManualClock;
	spec(name: string): SourceSpec;
	client(name: string, options?: HttpOptions, change?: Partial<SourceSpec>): SourceClient;
}

/** A simulator on port 0 whose time moves only when the test says so. */
export async function startSim(options: SimulatorOptions = {}): Promise<Sim> {
	const clock = new ManualClock();
	const sim = await startSimulator({port: 0, seed: 11, clock, historySize: 40, ...options});
	const spec = (name: string): SourceSpec => {
		const found = sim.sources.find((source) => source.name === name);
		if (!found) throw new Error(`no simulated source ${name}: ${sim.sources.map((source) => source.name).join(', ')}`);
		return found;
	};
	return {
		sim,
		clock,
		spec,
		client: (name, clientOptions = FAST, change = {}) => createSourceClient({...spec(name), ...change} as SourceSpec, {clock, ...clientOptions}),
	};
}

/** The ProviderError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
	try {
		await promise;
	} catch (error) {
		if (isProviderError(error)) return error;
		throw new Error(`expected a ProviderError, got ${String(error)}`);
	}
	throw new Error('expected a ProviderError, but the call succeeded');
}

export function flatten(nodes: readonly RunNode[]): RunNode[] {
	return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** Reads a log from the start to its end, stepping the clock between reads; returns the lines and how many reads it took. */
export async function readWholeLog(client: SourceClient, ref: LogRef, clock: ManualClock, stepMs = 5_000, maxReads = 400) {
	const lines: string[] = [];
	let cursor: unknown = null;
	for (let read = 1; read <= maxReads; read++) {
		const chunk = await client.readLog(ref, cursor);
		lines.push(...chunk.lines);
		cursor = chunk.cursor;
		if (chunk.done) return {lines, reads: read};
		clock.advance(stepMs);
	}
	throw new Error('the log never ended');
}

/** Every string a value holds, however deep: for searching errors and runs for a token. */
export function allText(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value !== 'object' || value === null || seen.has(value)) return [];
	seen.add(value);
	const out: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key, ...allText((value as Record<string, unknown>)[key], seen));
	}
	const cause = (value as {cause?: unknown}).cause;
	if (cause !== undefined) out.push(...allText(cause, seen));
	return out;
}

export interface Proxy {
	url: string;
	/** Every request that reached the hop; `body` is the text sent, once it has all arrived. */
	requests: {method: string; path: string; authorization: string | undefined; body: string}[];
	stop(): Promise<void>;
}

/**
 * A real HTTP hop in front of the simulator: `answer` may reply for it (say, a 404 for an
 * endpoint an older server lacks); everything else is passed through untouched.
 */
export async function startProxy(
	target: string,
	answer: (method: string, path: string) => {status: number; body: unknown} | null,
	rewrite?: (path: string, body: unknown) => unknown,
): Promise<Proxy> {
	const {createServer, request: forward} = await import('node:http');
	const requests: Proxy['requests'] = [];
	const server = createServer((incoming, response) => {
		const method = incoming.method ?? 'GET';
		const path = incoming.url ?? '/';
		const seen = {method, path, authorization: incoming.headers.authorization, body: ''};
		requests.push(seen);
		incoming.on('data', (chunk: Buffer) => {
			seen.body += chunk.toString('utf8');
		});
		const own = answer(method, path.split('?')[0] ?? path);
		if (own) {
			incoming.resume();
			response.writeHead(own.status, {'content-type': 'application/json'});
			response.end(JSON.stringify(own.body));
			return;
		}
		const upstream = new URL(path, target);
		const outgoing = forward(upstream, {method, headers: {...incoming.headers, host: upstream.host}}, (reply) => {
			if (!rewrite) {
				response.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(response);
				return;
			}
			const chunks: Buffer[] = [];
			reply.on('data', (chunk: Buffer) => chunks.push(chunk));
			reply.on('end', () => {
				const body = JSON.stringify(rewrite(path.split('?')[0] ?? path, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
				response.writeHead(reply.statusCode ?? 502, {'content-type': 'application/json'});
				response.end(body);
			});
		});
		outgoing.on('error', () => response.destroy());
		incoming.pipe(outgoing);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
