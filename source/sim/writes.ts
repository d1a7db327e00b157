import type {ProviderName} from '../model/run.js';
import type {SimRequest} from './http.js';
import {parseJsonBody} from './http.js';

/** One request that was not a read (a start, an abort), as the simulator answered it. */
export interface SimWrite {
	provider: ProviderName;
	method: string;
	/** Below the provider's prefix, as sent (still percent-encoded). */
	path: string;
	status: number;
	/** The JSON body as sent; its text when it is not JSON; null when empty. Headers (the token) are never kept. */
	body: unknown;
	/** ISO 8601, on the simulator's clock. */
	at: string;
}

// Enough for a test to find what it just sent among what the live view sent meanwhile.
const KEPT = 200;

/** The newest writes the providers answered, oldest first: what a client asked the simulator to do. */
export class WriteLog {
	private readonly writes: SimWrite[] = [];

	add(provider: ProviderName, request: SimRequest, status: number): void {
		const parsed = parseJsonBody(request.body);
		this.writes.push({provider, method: request.method, path: request.path, status, body: parsed === undefined ? request.body : parsed, at: new Date(request.now).toISOString()});
		if (this.writes.length > KEPT) this.writes.shift();
	}

	list(): readonly SimWrite[] {
		return this.writes;
	}
}
