import type {ProviderName} from '../model/run.js';
import {PROVIDERS} from '../model/run.js';
import type {AddRunOptions, SimulatorWorld} from './facade.js';
import type {Fault, FaultState} from './faults.js';
import {parseFault, parseProvider} from './faults.js';
import type {SimRequest, SimResponse} from './http.js';
import {isRecord, json, parseJsonBody} from './http.js';
import type {SimWrite} from './writes.js';

/**
 * `/_sim/…`: drive the simulator over HTTP (README, tmux tests, other clients).
 * No token: it is a test tool on loopback.
 */

export interface ControlTarget {
	world: SimulatorWorld;
	faults: FaultState;
	url(): string;
	seed: number;
	now(): number;
	setFault(provider: ProviderName | 'all', fault: Fault | null): void;
	setOddities(provider: ProviderName | 'all', on: boolean): void;
	oddities(provider: ProviderName): boolean;
	requestCount(provider?: ProviderName): number;
	/** The newest starts, aborts and other writes the providers answered, oldest first. */
	writes(): readonly SimWrite[];
}

const OUTCOMES = ['success', 'failed', 'canceled', 'timeout'];

function state(target: ControlTarget): unknown {
	const now = target.now();
	return {
		url: target.url(),
		seed: target.seed,
		now: new Date(now).toISOString(),
		sources: target.world.sources.map((name) => {
			const runs = target.world.runs(name);
			return {
				name,
				provider: runs[0]?.provider ?? null,
				runs: runs.length,
				active: runs.filter((run) => !run.concluded).length,
				newest: runs[0] ? {id: runs[0].id, status: runs[0].status, providerStatus: runs[0].providerStatus} : null,
			};
		}),
		faults: target.faults.describe(),
		oddities: Object.fromEntries(PROVIDERS.map((name) => [name, target.oddities(name)])),
		requests: {total: target.requestCount(), ...Object.fromEntries(PROVIDERS.map((name) => [name, target.requestCount(name)]))},
	};
}

function addRunOptions(body: Record<string, unknown>): AddRunOptions | string {
	const options: AddRunOptions = {};
	const outcome = body['outcome'];
	if (outcome !== undefined) {
		if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) return `outcome must be one of ${OUTCOMES.join(', ')}`;
		options.outcome = outcome as NonNullable<AddRunOptions['outcome']>;
	}
	const duration = body['durationSec'];
	if (duration !== undefined) {
		if (typeof duration !== 'number' || !(duration > 0)) return 'durationSec must be a positive number';
		options.durationSec = duration;
	}
	for (const key of ['branch', 'message', 'name', 'user'] as const) {
		const value = body[key];
		if (value === undefined) continue;
		if (typeof value !== 'string') return `${key} must be a string`;
		options[key] = value;
	}
	return options;
}

export async function handleControl(target: ControlTarget, request: SimRequest): Promise<SimResponse> {
	const body = parseJsonBody(request.body);
	const bad = (message: string) => json(400, {error: message});
	const key = `${request.method} ${request.path.replace(/\/+$/, '')}`;
	switch (key) {
		case 'GET /_sim/state':
			return json(200, state(target));
		case 'GET /_sim/requests':
			return json(200, {requests: target.writes()});
		case 'POST /_sim/faults': {
			const parsed = parseFault(body);
			if (!parsed.ok) return bad(parsed.message);
			target.setFault(parsed.value.provider, parsed.value.fault);
			return json(200, {faults: target.faults.describe()});
		}
		case 'DELETE /_sim/faults':
			target.faults.clear();
			return json(200, {faults: target.faults.describe()});
		case 'POST /_sim/oddities': {
			if (!isRecord(body)) return bad('body must be {provider, on}');
			const provider = parseProvider(body['provider']);
			if (!provider || typeof body['on'] !== 'boolean') return bad('body must be {provider: "all" | provider name, on: boolean}');
			target.setOddities(provider, body['on']);
			return json(200, {oddities: Object.fromEntries(PROVIDERS.map((name) => [name, target.oddities(name)]))});
		}
		case 'POST /_sim/runs': {
			if (!isRecord(body) || typeof body['source'] !== 'string') return bad('body must be {source: name}');
			if (!target.world.sources.includes(body['source'])) return json(404, {error: `no source named ${body['source']}`, sources: target.world.sources});
			const options = addRunOptions(body);
			if (typeof options === 'string') return bad(options);
			return json(201, target.world.addRun(body['source'], options));
		}
		default:
			return json(404, {error: 'unknown control endpoint', endpoints: ['GET /_sim/state', 'GET /_sim/requests', 'POST /_sim/faults', 'DELETE /_sim/faults', 'POST /_sim/oddities', 'POST /_sim/runs']});
	}
}
