import {createServer} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, Server, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {SourceSpec} from '../../source/providers/types.js';
import type {SimulatorHandle} from '../../source/sim/index.js';

/** What a hostile server does with one request; every field is optional. */
export interface Hostility {
	/**
	 * Answers the request itself (any status, headers, body, a stall, a reset). Return true when it
	 * did; false hands the request on to the simulator.
	 */
	answer?: (request: IncomingMessage, response: ServerResponse, path: string) => boolean | Promise<boolean>;
	/** Rewrites the simulator's JSON answer (a run list, a run, a log) to the request before it is sent. */
	rewrite?: (path: string, body: any, request: IncomingMessage) => unknown;
	/** Extra headers on every answer passed on from the simulator. */
	headers?: Record<string, string>;
}

export interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
}

/**
 * A server that impersonates the providers at their documented paths, over real HTTP: it passes
 * requests to the simulator (so the answers have the documented shape) and bends them as a test
 * asks, or answers on its own. Point a source at it with `specs()`.
 */
export class HostileServer {
	readonly seen: SeenRequest[] = [];
	private hostility: Hostility;

	private constructor(
		private readonly server: Server,
		private readonly sim: SimulatorHandle,
		hostility: Hostility,
	) {
		this.hostility = hostility;
	}

	static async start(sim: SimulatorHandle, hostility: Hostility = {}): Promise<HostileServer> {
		let self: HostileServer | null = null;
		const server = createServer((request, response) => {
			void self?.handle(request, response).catch(() => response.destroy());
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		self = new HostileServer(server, sim, hostility);
		return self;
	}

	get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** From now on, behave like this. */
	set(hostility: Hostility): void {
		this.hostility = hostility;
	}

	/** The simulator's sources, pointed at this server. */
	specs(names: readonly string[]): SourceSpec[] {
		return names.map((name) => {
			const spec = this.sim.sources.find((source) => source.name === name);
			if (!spec) throw new Error(`the simulator has no source ${name}`);
			return {...spec, baseUrl: (spec.baseUrl ?? '').replace(this.sim.url, this.url)};
		});
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = request.url ?? '/';
		this.seen.push({method: request.method ?? 'GET', path, headers: request.headers});
		const hostility = this.hostility;
		if (hostility.answer && (await hostility.answer(request, response, path))) return;
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers)) {
			if (typeof value === 'string' && name !== 'host' && name !== 'accept-encoding') headers[name] = value;
		}
		const upstream = await fetch(`${this.sim.url}${path}`, {
			method: request.method ?? 'GET',
			headers,
			...(chunks.length > 0 ? {body: Buffer.concat(chunks)} : {}),
		});
		let body = Buffer.from(await upstream.arrayBuffer());
		const type = upstream.headers.get('content-type') ?? '';
		if (hostility.rewrite && type.includes('json') && upstream.ok) {
			body = Buffer.from(JSON.stringify(hostility.rewrite(path, JSON.parse(body.toString('utf8')), request)));
		}
		const out: Record<string, string> = {};
		upstream.headers.forEach((value, name) => {
			if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
		});
		response.writeHead(upstream.status, {...out, ...hostility.headers, 'content-length': String(body.length)});
		response.end(body);
	}
}
