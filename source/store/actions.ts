import type {Clock} from '../model/clock.js';
import {ProviderError} from '../model/errors.js';
import type {Run} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import type {RerunPlan, SourceClient, TriggerRequest} from '../providers/types.js';
import {parseRunKey} from './keys.js';
import type {SourcePoller} from './poller.js';

export interface ActionHost {
	clock: Clock;
	poller(source: string): SourcePoller | undefined;
	/** Runs a request that stop() can abort. */
	track<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
	/** After an action: poll the source's list (and the run's tree, if someone looks at it) soon. */
	afterAction(source: string, runKey: string): void;
}

function sourceFor(host: ActionHost, source: string): SourcePoller {
	const poller = host.poller(source);
	if (!poller) throw new ProviderError({kind: 'invalid_request', message: `No source is named "${sanitizeLine(source, 80)}".`});
	return poller;
}

const CANNOT = {trigger: 'This source cannot start runs.', abort: 'This source cannot stop runs.'};

/**
 * The client of the source a user acts on, when it can do `what`. The request goes at once, but it
 * spends the budget like any poll.
 */
function clientFor(host: ActionHost, source: string, what: 'trigger' | 'abort'): SourceClient {
	const poller = sourceFor(host, source);
	const {client} = poller;
	if (!client.capabilities[what]) throw new ProviderError({kind: 'unsupported', message: client.capabilities.reasons[what] ?? CANNOT[what], source});
	poller.budget.record(host.clock.now());
	return client;
}

/**
 * Starts a run and polls its source right after, so the run shows up in the list.
 * Rejects with the ProviderError (the view shows it); polling goes on whatever happens.
 */
export async function triggerRun(host: ActionHost, source: string, request: TriggerRequest): Promise<Run> {
	const client = clientFor(host, source, 'trigger');
	const run = await host.track((signal) => client.trigger(request, {signal}));
	host.afterAction(source, run.key);
	return run;
}

/** Reads a run afresh and how to start it again with its parameters; starts nothing. */
export async function planRerun(host: ActionHost, key: string): Promise<RerunPlan> {
	const {source, id} = parseRunKey(key);
	const client = clientFor(host, source, 'trigger');
	return host.track((signal) => client.rerunPlan(id, {signal}));
}

/** Asks the provider to stop a run, then polls its source and its tree. */
export async function abortRun(host: ActionHost, key: string): Promise<Run> {
	const {source, id} = parseRunKey(key);
	const client = clientFor(host, source, 'abort');
	const run = await host.track((signal) => client.abort(id, {signal}));
	host.afterAction(source, key);
	return run;
}
