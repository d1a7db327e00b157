import type {ServerResponse} from 'node:http';
import {gzipSync} from 'node:zlib';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createSourceClient} from '../../source/providers/index.js';
import {LIMITS} from '../../source/providers/limits.js';
import {footerParts} from '../../source/ui/logic/bars.js';
import {symbolsFor} from '../../source/ui/logic/symbols.js';
import {formatClock} from '../../source/ui/logic/time.js';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore} from '../../source/store/index.js';
import type {RunNode} from '../../source/model/run.js';
import type {Citop, Home} from './cli.js';
import {makeHome, startCitop, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import type {Hostility} from './hostile-server.js';
import {DRILL_CLIENT, DRILL_SETTINGS} from './live.js';
import {DrillSim, until} from './sim.js';

/**
 * A server that asks for what no real one would: a wait of weeks, a date padded with 60,000
 * spaces, a log line overwritten 300,000 times, an endless answer, a gzip bomb, a page of
 * 100,000 runs. However it asks, citop's work stays bounded: it polls again within maxBackoff,
 * answers in seconds with the odd value as unknown, and names the limit it met.
 */

const WERCKER = 'build';
const MAX_BACKOFF_MS = 2_000;

let drill: DrillSim;
let hostile: HostileServer;
let home: Home;
const stores: LiveStore[] = [];
const running: Citop[] = [];

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 23, historySize: 6, arrivalEverySec: 3_600});
	hostile = await HostileServer.start(drill.sim);
	home = await makeHome();
}, 90_000);

afterEach(async () => {
	for (const store of stores.splice(0)) await store.stop();
	for (const citop of running.splice(0)) {
		if (!citop.exited) citop.kill('SIGKILL');
		await citop.done;
	}
	hostile.set({});
});

afterAll(async () => {
	await hostile?.stop();
	await drill?.stop();
	await home?.remove();
});

function startStore(sources: readonly string[]): LiveStore {
	const store = createStore({
		sources: hostile.specs(sources),
		clientFactory: (spec, options) => createSourceClient(spec, {...DRILL_CLIENT, ...options}),
		settings: {...DRILL_SETTINGS, maxBackoffMs: MAX_BACKOFF_MS},
	});
	stores.push(store);
	store.start();
	return store;
}

/** A config for the binary with the given sources, pointed at the hostile server. */
async function config(sources: readonly string[], poll = ''): Promise<string> {
	return home.write(`config-${sources.join('-').replace(/\W/g, '_')}.yaml`, simulatorConfigYaml({sources: hostile.specs(sources)}) + poll);
}

function citop(args: readonly string[], timeoutMs = 30_000): Citop {
	const child = startCitop(args, home, {timeoutMs});
	running.push(child);
	return child;
}

/** Collects Node's process warnings (TimeoutOverflowWarning among them) while a test runs. */
function warnings(): {names: string[]; stop: () => void} {
	const names: string[] = [];
	const listener = (warning: Error) => names.push(warning.name);
	process.on('warning', listener);
	return {names, stop: () => process.off('warning', listener)};
}

const requestsSince = (from: number) => hostile.seen.length - from;

/** How far ahead the footer says the next poll is: "next poll 2s", or the clock time a wait ends ("next poll 13:05:12"). */
function footerWhen(store: LiveStore): number {
	const now = Date.now();
	const footer = footerParts(store.getSnapshot(), null, null, now, symbolsFor(false))
		.map((part) => part.text)
		.join(' · ');
	const [, seconds, clock] = /next poll (?:(\d+)s|(\d\d:\d\d:\d\d))/.exec(footer) ?? [];
	if (seconds !== undefined) return Number(seconds) * 1000;
	// The first second from now whose clock reads so.
	for (let ahead = 0; ahead <= 24 * 3_600_000; ahead += 1000) if (formatClock(now + ahead) === clock) return ahead;
	throw new Error(`the footer says no next poll: ${footer}`);
}

describe('a server that asks for a wait of weeks', () => {
	const cases: {name: string; hostility: Hostility}[] = [
		{
			name: 'a 429 with Retry-After: 3000000',
			hostility: {
				answer: (_request, response) => {
					response.writeHead(429, {'content-type': 'application/json', 'retry-after': '3000000'});
					response.end('{"statusCode":429,"error":"Too Many Requests","message":"slow down"}');
					return true;
				},
			},
		},
		{
			name: 'x-ratelimit-remaining: 0 with x-ratelimit-reset: 999999999',
			hostility: {headers: {'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999'}},
		},
	];

	for (const {name, hostility} of cases) {
		it(`${name}: no timer overflow, and the next poll comes within maxBackoff`, async () => {
			hostile.set(hostility);
			const seen = warnings();
			try {
				const from = hostile.seen.length;
				const store = startStore([WERCKER]);
				await until(() => requestsSince(from) >= 1 && store.getSnapshot().sources[0]?.nextPollAt != null, 'the first answer and a poll scheduled');
				const source = store.getSnapshot().sources[0]!;
				expect(source.nextPollAt! - Date.now(), 'the next poll is within maxBackoff').toBeLessThanOrEqual(MAX_BACKOFF_MS);
				expect(footerWhen(store), 'the footer says the next poll is within maxBackoff').toBeLessThanOrEqual(MAX_BACKOFF_MS);
				const first = requestsSince(from);
				await until(() => requestsSince(from) > first, 'the next poll', MAX_BACKOFF_MS + 3_000);
				expect(seen.names).not.toContain('TimeoutOverflowWarning');
			} finally {
				seen.stop();
			}
		});
	}

	it('citop watch writes no warnings and keeps asking within maxBackoff', async () => {
		hostile.set(cases[0]!.hostility);
		const file = await config([WERCKER], 'poll:\n  fast: 1\n  slow: 1\n  maxBackoff: 2\n');
		const from = hostile.seen.length;
		const watch = citop(['--config', file, 'watch', '--source', WERCKER, '--give-up', '60']);
		await until(() => requestsSince(from) >= 1, 'the first request');
		const first = requestsSince(from);
		// A second of watching is enough for a timer that fires at once to write thousands of warnings.
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(watch.stderr).not.toContain('TimeoutOverflowWarning');
		await until(() => requestsSince(from) > first, 'the next poll', MAX_BACKOFF_MS + 5_000);
		expect(watch.stderr.length, watch.stderr.slice(0, 2_000)).toBeLessThan(2_000);
	});
});

/** Every string of an answer that is a date, replaced by `date`. */
function everyDate(value: unknown, date: string): unknown {
	if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}[T ]/.test(value) ? date : value;
	if (Array.isArray(value)) return value.map((item) => everyDate(item, date));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, everyDate(item, date)]));
	return value;
}

describe('a date padded with 60,000 spaces', () => {
	const date = `2020-01-01${' '.repeat(60_000)}!`;

	it('citop runs answers in seconds and shows the dates as unknown', async () => {
		hostile.set({rewrite: (path, body) => (/\/api\/v3\/runs\?/.test(path) && Array.isArray(body) ? everyDate(body.slice(0, 3), date) : body)});
		const file = await config([WERCKER]);
		const started = Date.now();
		// Reading one such date took seconds of CPU; three runs took well over a minute.
		const result = await citop(['--config', file, 'runs', '--source', WERCKER, '--json'], 15_000).done;
		expect(result.code, result.stderr).toBe(0);
		expect(Date.now() - started).toBeLessThan(10_000);
		const runs = JSON.parse(result.stdout) as {createdAt: string | null; startedAt: string | null; finishedAt: string | null}[];
		expect(runs).toHaveLength(3);
		for (const run of runs) expect([run.createdAt, run.startedAt, run.finishedAt]).toEqual([null, null, null]);
	});
});

/** The first concluded run of a source, opened, and its first step that has a log. */
async function openStepWithLog(store: LiveStore, source: string): Promise<{key: string; nodeId: string}> {
	await until(() => store.getSnapshot().runs.some((run) => run.source === source && run.finishedAt !== null), `a finished run of ${source}`);
	const run = store.getSnapshot().runs.find((candidate) => candidate.source === source && candidate.finishedAt !== null)!;
	store.openRun(run.key);
	await until(() => store.getSnapshot().detail?.run?.children != null, `${run.key} open`);
	const nodes: RunNode[] = [...(store.getSnapshot().detail!.run!.children ?? [])];
	for (let index = 0; index < nodes.length; index++) nodes.push(...nodes[index]!.children);
	const step = nodes.find((node) => node.log !== null);
	if (!step) throw new Error(`${run.key} has no step with a log`);
	return {key: run.key, nodeId: step.id};
}

describe('a log line overwritten 300,000 times', () => {
	it('shows what a terminal would, in seconds', async () => {
		const line = 'x'.repeat(300_000) + '\ry'.repeat(300_000);
		hostile.set({
			answer: (_request, response, path) => {
				if (!/\/runsteps\/[^/]+\/log/.test(path)) return false;
				response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'});
				response.end(`before\n${line}\nafter\n`);
				return true;
			},
		});
		const store = startStore([WERCKER]);
		const {key, nodeId} = await openStepWithLog(store, WERCKER);
		const started = Date.now();
		store.openLog(key, nodeId);
		// Resolving the carriage returns one by one over the whole line took minutes, with the process frozen.
		await until(() => (store.getSnapshot().log?.lines.length ?? 0) >= 3, 'the log', 10_000);
		expect(Date.now() - started).toBeLessThan(5_000);
		const [before, shown, after] = store.getSnapshot().log!.lines;
		expect([before, after]).toEqual(['before', 'after']);
		expect(shown).toMatch(/^yx+…$/);
	});
});

/** Answers Wercker's run list with `send` (status 200 and JSON headers already written). */
function onRunList(send: (response: ServerResponse) => void, headers: Record<string, string> = {}): Hostility {
	return {
		answer: (_request, response, path) => {
			if (!/\/api\/v3\/runs\?/.test(path)) return false;
			response.writeHead(200, {'content-type': 'application/json', ...headers});
			send(response);
			return true;
		},
	};
}

/** Writes `chunk` until the client hangs up. */
function endless(response: ServerResponse, chunk: Buffer): void {
	const more = () => {
		while (!response.destroyed && response.write(chunk)) continue;
	};
	response.on('drain', more);
	response.write('[');
	more();
}

describe('an answer that costs too much', () => {
	const listRuns = async (timeoutMs = 15_000) => citop(['--config', await config([WERCKER]), 'runs', '--source', WERCKER, '--json'], timeoutMs).done;

	it('an endless body is cut off at the limit and named', async () => {
		hostile.set(onRunList((response) => endless(response, Buffer.from(`{"id":"x","status":"finished"},`.repeat(1_000)))));
		const started = Date.now();
		const result = await listRuns();
		expect(result.code, result.stderr).toBe(3);
		expect(result.stderr).toContain('answer larger than 16 MB');
		expect(result.stderr).not.toMatch(/could not reach|connection failed/);
		expect(Date.now() - started).toBeLessThan(15_000);
	});

	it('a gzip bomb is cut off at the limit once inflated, and named', async () => {
		// 64 MB of blanks inside a JSON array: about 64 kB on the wire.
		const bomb = gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(64 * 1024 * 1024, ' '), Buffer.from(']')]));
		hostile.set(onRunList((response) => response.end(bomb), {'content-encoding': 'gzip', 'content-length': String(bomb.length)}));
		const result = await listRuns();
		expect(result.code, result.stderr).toBe(3);
		expect(result.stderr).toContain('answer larger than 16 MB');
		expect(result.stderr).not.toMatch(/could not reach|connection failed/);
	});

	it('a page of 100,000 runs is cut to the page asked for, no further page is read, and citop says so', async () => {
		const runs = Array.from({length: 100_000}, (_, index) => ({id: `run${index}`, status: 'finished', result: 'passed'}));
		const page = Buffer.from(JSON.stringify(runs));
		hostile.set(onRunList((response) => response.end(page)));
		const from = hostile.seen.length;
		const result = await listRuns();
		expect(result.code, result.stderr).toBe(0);
		const shown = JSON.parse(result.stdout) as {id: string}[];
		expect(shown.length).toBeGreaterThanOrEqual(20);
		expect(shown.length).toBeLessThanOrEqual(30);
		expect(shown[0]?.id).toBe('run0');
		expect(hostile.seen.slice(from).filter((request) => /\/api\/v3\/runs\?/.test(request.path))).toHaveLength(1);
		expect(result.stderr).toMatch(new RegExp(`^citop: warning: ${WERCKER}: a page of 100,000 runs when \\d+ were asked for: the first ${shown.length} kept, no further page read$`, 'm'));
	});
});

describe('a run tree or a log beyond any real one', () => {
	const client = () => createSourceClient(hostile.specs([WERCKER])[0]!, DRILL_CLIENT);
	const nodesOf = (nodes: readonly RunNode[]): number => nodes.reduce((sum, node) => sum + 1 + nodesOf(node.children), 0);

	it('a run of 100,000 steps is opened with the first of them, up to the limit, and the footer says so', async () => {
		hostile.set({
			rewrite: (path, body) =>
				/\/steps$/.test(path) ? Array.from({length: 100_000}, (_, index) => ({id: `step${index}`, step: `step ${index}`, status: 'finished', result: 'passed'})) : body,
		});
		const store = startStore([WERCKER]);
		await until(() => store.getSnapshot().runs.length > 0, 'the runs listed');
		const [run] = store.getSnapshot().runs;
		store.openRun(run!.key);
		await until(() => store.getSnapshot().detail?.run?.children != null, `${run!.key} open`);
		const opened = store.getSnapshot().detail!.run!;
		expect(nodesOf(opened.children ?? [])).toBe(LIMITS.treeNodes);
		expect(opened.children?.[0]?.title).toBe('step 0');
		const footer = footerParts(store.getSnapshot(), null, null, Date.now(), symbolsFor(false)).map((part) => part.text);
		expect(footer).toContain(`${WERCKER}: a run of more than 5,000 steps and jobs: the first 5,000 shown`);
	});

	it('a log of 10 million characters comes in reads of at most the limit, line by line', async () => {
		const line = `${'x'.repeat(99)}\n`;
		const log = line.repeat(100_000);
		hostile.set({
			answer: (_request, response, path) => {
				if (!/\/runsteps\/[^/]+\/log/.test(path)) return false;
				response.writeHead(200, {'content-type': 'text/plain; charset=utf-8'});
				response.end(log);
				return true;
			},
		});
		const source = client();
		const [run] = (await source.listRuns({maxPages: 1})).filter((candidate) => candidate.finishedAt !== null);
		const opened = await source.getRun(run!.id);
		const ref = (opened.children ?? []).find((node) => node.log !== null)!.log!;
		let cursor: unknown = null;
		let total = 0;
		for (let read = 0; read < 5; read++) {
			const chunk = await source.readLog(ref, cursor);
			expect(chunk.lines.reduce((sum, text) => sum + text.length + 1, 0)).toBeLessThanOrEqual(LIMITS.logChars);
			expect(chunk.lines.every((text) => text === 'x'.repeat(99))).toBe(true);
			total += chunk.lines.length;
			cursor = chunk.cursor;
			if (chunk.done) break;
		}
		expect(total).toBe(100_000);
	});
});
