import {afterEach} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import type {ProviderName} from '../../source/model/run.js';
import type {SimulatorHandle, SimulatorOptions} from '../../source/sim/index.js';
import {startSimulator} from '../../source/sim/index.js';

/** Simulators started by a test, stopped after it. */
const running: SimulatorHandle[] = [];

afterEach(async () => {
	await Promise.all(running.splice(0).map((sim) => sim.stop()));
});

export interface TestSim {
	sim: SimulatorHandle;
	clock: ManualClock;
}

/** A simulator on a ManualClock (fixed start), stopped after the test. */
export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
	const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
	const sim = await startSimulator({...options, clock});
	running.push(sim);
	return {sim, clock};
}

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The body parsed as JSON (undefined when it is not JSON). */
	body: any;
}

export interface CallOptions {
	method?: string;
	body?: unknown;
	/** Token to send: the provider's by default, null for none, or any string. */
	token?: string | null;
}

/** One request to a provider of the simulator, with its token unless told otherwise. */
export async function call(sim: SimulatorHandle, provider: ProviderName, path: string, options: CallOptions = {}): Promise<Answer> {
	const token = options.token === undefined ? sim.tokens[provider] : options.token;
	const headers: Record<string, string> = {};
	if (token !== null) headers['authorization'] = `Bearer ${token}`;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${sim.baseUrls[provider]}${path}`, {
		method: options.method ?? 'GET',
		headers,
		...(options.body !== undefined ? {body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body)} : {}),
	});
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return {status: response.status, headers: response.headers, text, body};
}

/** A request to the control endpoint. */
export async function control(sim: SimulatorHandle, method: string, path: string, body?: unknown): Promise<Answer> {
	const response = await fetch(`${sim.url}${path}`, {
		method,
		...(body !== undefined ? {body: JSON.stringify(body), headers: {'content-type': 'application/json'}} : {}),
	});
	const text = await response.text();
	return {status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined};
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
