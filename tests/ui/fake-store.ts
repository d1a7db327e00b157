import type {Clock} from '../../source/model/clock.js';
import type {Run, RunNode} from '../../source/model/run.js';
import type {RerunPlan, TriggerRequest} from '../../source/providers/types.js';
import type {Store, StoreSnapshot} from '../../source/store/types.js';
import {testNode, testRun} from '../fixtures/runs.js';
import {emptySnapshot} from '../../source/ui/state/starting-store.js';

/** A Store of our own for UI tests: snapshots are pushed by the test, actions are recorded. */
export class FakeStore implements Store {
	readonly calls: Array<[string, ...unknown[]]> = [];
	private snapshot: StoreSnapshot;
	private readonly listeners = new Set<() => void>();
	private readonly concludedListeners = new Set<(run: Run) => void>();
	triggerResult: (source: string, request: TriggerRequest) => Promise<Run> = () => Promise.reject(new Error('no trigger in this test'));
	rerunResult: (key: string) => Promise<RerunPlan> = () => Promise.reject(new Error('no rerun in this test'));
	abortResult: (key: string) => Promise<Run> = (key) => {
		const run = this.snapshot.runs.find((item) => item.key === key);
		return run ? Promise.resolve(run) : Promise.reject(new Error('no such run'));
	};

	constructor(
		private readonly clock: Clock,
		initial: Partial<StoreSnapshot> = {},
	) {
		this.snapshot = {...emptySnapshot(clock.now()), ...initial};
	}

	/** A new snapshot object with these fields changed, as the real store does on every change. */
	push(patch: Partial<StoreSnapshot>): void {
		this.snapshot = {...this.snapshot, now: this.clock.now(), ...patch};
		for (const listener of [...this.listeners]) listener();
	}

	/** Calls of one action, with their arguments. */
	callsOf(name: string): unknown[][] {
		return this.calls.filter(([called]) => called === name).map(([, ...args]) => args);
	}

	concludeWatched(run: Run): void {
		for (const listener of this.concludedListeners) listener(run);
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	getSnapshot(): StoreSnapshot {
		return this.snapshot;
	}

	start(): void {
		this.calls.push(['start']);
	}

	async stop(): Promise<void> {
		this.calls.push(['stop']);
	}

	refresh(source?: string): void {
		this.calls.push(['refresh', source]);
	}

	pause(): void {
		this.calls.push(['pause']);
		this.push({paused: true});
	}

	resume(): void {
		this.calls.push(['resume']);
		this.push({paused: false});
	}

	openRun(key: string | null): void {
		this.calls.push(['openRun', key]);
	}

	openLog(key: string, nodeId: string): void {
		this.calls.push(['openLog', key, nodeId]);
	}

	closeLog(): void {
		this.calls.push(['closeLog']);
	}

	watch(key: string): void {
		this.calls.push(['watch', key]);
		this.push({watched: new Set([...this.snapshot.watched, key])});
	}

	unwatch(key: string): void {
		this.calls.push(['unwatch', key]);
		this.push({watched: new Set([...this.snapshot.watched].filter((item) => item !== key))});
	}

	onWatchedConcluded(listener: (run: Run) => void): () => void {
		this.concludedListeners.add(listener);
		return () => this.concludedListeners.delete(listener);
	}

	trigger(source: string, request: TriggerRequest): Promise<Run> {
		this.calls.push(['trigger', source, request]);
		return this.triggerResult(source, request);
	}

	abort(key: string): Promise<Run> {
		this.calls.push(['abort', key]);
		return this.abortResult(key);
	}

	rerunPlan(key: string): Promise<RerunPlan> {
		this.calls.push(['rerunPlan', key]);
		return this.rerunResult(key);
	}
}

const MINUTE = 60_000;

/** A run `minutesAgo` old; concluded runs took one minute. */
export function makeRun(source: string, id: string, minutesAgo: number, now: number, more: Partial<Run> = {}): Run {
	const status = more.status ?? 'success';
	const startedAt = now - minutesAgo * MINUTE;
	const running = status === 'running' || status === 'queued';
	return testRun({
		source,
		provider: 'wercker',
		id,
		title: `change ${id}`,
		progress: status === 'running' ? 0.5 : null,
		commit: 'cd74a99f00',
		user: 'tonnu',
		url: `https://ci.example/${source}/${id}`,
		createdAt: startedAt,
		startedAt: status === 'queued' ? null : startedAt,
		finishedAt: running ? null : startedAt + MINUTE,
		...more,
	});
}

/** A step that succeeded (the provider said "success" too, whatever `more` makes of its status). */
export function makeNode(id: string, more: Partial<RunNode> = {}): RunNode {
	return testNode({id, providerStatus: 'success', ...more});
}
