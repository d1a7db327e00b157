import type {ProviderName} from '../model/run.js';
import type {SimRequest, SimResponse} from './http.js';

/** What the provider APIs share: the seed, tokens, where they are served, whether oddities are on. */
export interface SimContext {
	readonly seed: number;
	readonly tokens: Readonly<Record<ProviderName, string>>;
	/** Each provider's base URL, known once the server listens. */
	baseUrl(provider: ProviderName): string;
	oddities(provider: ProviderName): boolean;
}

export interface ProviderApi {
	readonly provider: ProviderName;
	/** Answers one request below the provider's prefix (auth, routes, errors). */
	handle(request: SimRequest): Promise<SimResponse>;
	/** The provider's own error body, for faults. */
	error(status: number, message: string, request: SimRequest): SimResponse;
	/** Headers every answer of this provider carries (Northflank: its rate-limit figures). */
	finish?(request: SimRequest, response: SimResponse): SimResponse;
}
