import {capabilitiesOf} from './capabilities.js';
import type {HttpOptions} from './http.js';
import {boundTree} from './limits.js';
import {createNorthflankClient} from './northflank/client.js';
import {createSourceCraftClient} from './sourcecraft/client.js';
import type {Run} from '../model/run.js';
import type {SourceClient, SourceSpec} from './types.js';
import {createWerckerClient} from './wercker/client.js';

export * from './types.js';
export {capabilitiesOf};
export {HTTP_DEFAULTS, USER_AGENT, makeBudgetKey, type HttpOptions} from './http.js';

/** The client for one configured source. Never throws: a source that cannot work says so on each call. */
export function createSourceClient(spec: SourceSpec, options: HttpOptions = {}): SourceClient {
	const client = providerClient(spec, options);
	// However large a tree a server sends, what reaches the store is bounded.
	const bound = (run: Run) => boundTree(run, options.onCut);
	return {
		...client,
		listRuns: async (listOptions) => (await client.listRuns(listOptions)).map(bound),
		getRun: async (id, requestOptions) => bound(await client.getRun(id, requestOptions)),
		rerunPlan: async (id, requestOptions) => {
			const plan = await client.rerunPlan(id, requestOptions);
			return {...plan, run: bound(plan.run)};
		},
	};
}

function providerClient(spec: SourceSpec, options: HttpOptions): SourceClient {
	switch (spec.provider) {
		case 'sourcecraft':
			return createSourceCraftClient(spec, options);
		case 'wercker':
			return createWerckerClient(spec, options);
		case 'northflank':
			return createNorthflankClient(spec, options);
	}
}
