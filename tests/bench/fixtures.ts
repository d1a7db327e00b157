import type {ProviderName, Run, RunNode} from '../../source/model/run.js';
import {runKey} from '../../source/model/run.js';
import type {Status} from '../../source/model/status.js';
import {makeNode} from '../../source/providers/build.js';
import {capabilitiesOf} from '../../source/providers/capabilities.js';
import type {SourceSpec} from '../../source/providers/types.js';
import type {Highlight, SourceState, Store, StoreSnapshot, TransitionEvent} from '../../source/store/types.js';
import {emptySnapshot} from '../../source/ui/state/starting-store.js';
import {makeSource} from '../fixtures/sources.js';

/**
 * Runs and a Store for the figures that need many runs but no network: realistic rows (long
 * titles, branches, users, a few trees) so the list does the work it does on a real screen.
 */

const MINUTE = 60_000;
const BRANCHES = ['main', 'master', 'feat/login-flow', 'fix/flaky-e2e', 'release/2.3', 'renovate/got-14.x'];
const USERS = ['ann', 'bob', 'carl', 'dora', 'tonnu', 'release-bot'];
const EVENTS = ['push', 'pr_update', 'manual', 'restart'];

export const BENCH_SOURCES: readonly SourceSpec[] = [
	{name: 'acme/api', provider: 'sourcecraft', org: 'acme', repo: 'api', token: null},
	{name: 'acme/web', provider: 'sourcecraft', org: 'acme', repo: 'web', token: null},
	{name: 'deploy', provider: 'wercker', pipelineId: '5c3f1e2a9b8d7c6e5f4a3b21', token: null},
	{name: 'nightly', provider: 'wercker', pipelineId: '5c3f1e2a9b8d7c6e5f4a3b22', token: null},
	{name: 'prod-release', provider: 'northflank', projectId: 'shop', pipelineId: 'main', stage: 'Production', token: null},
];

export function sourceState(spec: SourceSpec, runCount: number, now: number): SourceState {
	return makeSource(spec.name, {provider: spec.provider, capabilities: capabilitiesOf(spec), lastSuccessAt: now, runCount});
}

function node(id: string, status: Status, children: RunNode[] = []): RunNode {
	return makeNode({id, kind: 'workflow', title: id, status, providerStatus: status, flags: {}, progress: status === 'running' ? 0.4 : null, children});
}

export interface RunsOptions {
	/** How many runs are running (the newest ones); default 20. */
	running?: number;
	/** Which sources to spread the runs over; default BENCH_SOURCES. */
	sources?: readonly SourceSpec[];
}

/** `count` runs spread over the sources, newest first per source, `running` of them in progress. */
export function makeRuns(count: number, now: number, options: RunsOptions = {}): Run[] {
	const sources = options.sources ?? BENCH_SOURCES;
	const running = options.running ?? 20;
	const runs: Run[] = [];
	for (let i = 0; i < count; i++) {
		const spec = sources[i % sources.length]!;
		const number = Math.floor(count / sources.length) - Math.floor(i / sources.length) + 1000;
		const active = i < running;
		const status: Status = active ? 'running' : i % 23 === 0 ? 'failed' : i % 31 === 0 ? 'canceled' : 'success';
		const startedAt = now - (i + 1) * 2 * MINUTE;
		runs.push(makeRun(spec.name, spec.provider, String(number), status, startedAt, i));
	}
	return runs;
}

export function makeRun(source: string, provider: ProviderName, id: string, status: Status, startedAt: number, seed: number): Run {
	const active = status === 'running' || status === 'queued';
	const withTree = provider === 'sourcecraft' && seed % 10 === 0;
	return {
		key: runKey(source, id),
		source,
		provider,
		id,
		label: provider === 'northflank' ? `release-${id}` : `#${id}`,
		title: `Merge pull request #${seed % 997} from team/change-${seed} to keep the build green`,
		status,
		providerStatus: status,
		flags: {},
		progress: active ? ((seed * 37) % 100) / 100 : null,
		errors: status === 'failed' ? ['step test exited with code 1'] : [],
		branch: BRANCHES[seed % BRANCHES.length] ?? null,
		tag: null,
		commit: (0x9c1d2e0 + seed * 7919).toString(16).padStart(7, '0').slice(0, 7),
		event: EVENTS[seed % EVENTS.length] ?? null,
		user: USERS[seed % USERS.length] ?? null,
		pullRequest: null,
		pipeline: null,
		inputs: null,
		url: null,
		children: withTree ? [node('build', active ? 'running' : status, [node('compile', 'success'), node('test', active ? 'running' : status)]), node('deploy', active ? 'queued' : status)] : null,
		createdAt: startedAt - 5_000,
		startedAt,
		finishedAt: active ? null : startedAt + 90_000,
		updatedAt: null,
	};
}

/** A deep copy, as the next poll's answer would be: same data, all new objects. */
export function freshCopy(runs: readonly Run[]): Run[] {
	return structuredClone(runs) as Run[];
}

/** A Store whose snapshot the bench sets; it polls nothing and ignores actions. */
export class BenchStore implements Store {
	private snapshot: StoreSnapshot;
	private readonly listeners = new Set<() => void>();

	constructor(runs: readonly Run[], now: number, sources: readonly SourceSpec[] = BENCH_SOURCES) {
		this.snapshot = {
			...emptySnapshot(now),
			sources: sources.map((spec) => sourceState(spec, runs.filter((run) => run.source === spec.name).length, now)),
			runs,
		};
	}

	/** A new snapshot with these fields changed, as the real store publishes one. */
	set(patch: Partial<StoreSnapshot>): void {
		this.snapshot = {...this.snapshot, ...patch};
		for (const listener of [...this.listeners]) listener();
	}

	/** What the real store publishes when one run's status changes: the run, its highlight, the event. */
	changeStatus(key: string, to: Status, at: number, highlightMs = 6_000): void {
		const runs = this.snapshot.runs.map((run) => (run.key === key ? {...run, status: to, providerStatus: to, progress: null, finishedAt: at} : run));
		const run = runs.find((item) => item.key === key);
		const before = this.snapshot.runs.find((item) => item.key === key);
		if (!run || !before) throw new Error(`no run ${key}`);
		const highlight: Highlight = {kind: 'status', at, until: at + highlightMs, from: before.status, to};
		const event: TransitionEvent = {at, runKey: key, source: run.source, runLabel: run.label, nodeId: null, nodeTitle: null, kind: 'status', from: before.status, to};
		this.set({runs, now: at, highlights: new Map([...this.snapshot.highlights, [key, highlight]]), events: [...this.snapshot.events, event]});
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	getSnapshot(): StoreSnapshot {
		return this.snapshot;
	}

	start(): void {}
	async stop(): Promise<void> {}
	refresh(): void {}
	pause(): void {}
	resume(): void {}
	openRun(): void {}
	openLog(): void {}
	closeLog(): void {}
	watch(): void {}
	unwatch(): void {}
	onWatchedConcluded(): () => void {
		return () => {};
	}
	trigger(): Promise<Run> {
		return Promise.reject(new Error('the bench starts no runs'));
	}
	abort(): Promise<Run> {
		return Promise.reject(new Error('the bench aborts no runs'));
	}
	rerunPlan(): Promise<never> {
		return Promise.reject(new Error('the bench starts no runs'));
	}
}
