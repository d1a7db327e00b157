import {ProviderError} from '../../source/model/errors.js';
import type {ErrorKind} from '../../source/model/errors.js';
import type {LogRef, ProviderName, Run, RunNode} from '../../source/model/run.js';
import type {Status} from '../../source/model/status.js';
import type {Capabilities, LogChunk, LogCursor, RerunPlan, SourceClient, TriggerRequest} from '../../source/providers/types.js';
import {testNode, testRun} from '../fixtures/runs.js';
import {WERCKER_CAPABILITIES} from '../fixtures/sources.js';

export function makeRun(source: string, id: string, status: Status, more: Partial<Run> = {}): Run {
	return testRun({source, id, status, providerStatus: status, createdAt: 1_000, ...more});
}

export function makeNode(id: string, status: Status, more: Partial<RunNode> = {}): RunNode {
	return testNode({id, status, providerStatus: status, ...more});
}

interface Held<T> {
	resolve(value: T): void;
	reject(error: unknown): void;
}

export function providerError(kind: ErrorKind, more: {retryAfterMs?: number} = {}): ProviderError {
	return new ProviderError({kind, message: `fake ${kind}`, requestId: 'req-1', ...more});
}

/**
 * A SourceClient of our own interface, answering from `runs`/`trees`/`logs` as they are when asked.
 * `hold` keeps list answers pending until `release()`; `failWith` makes every call fail.
 */
export class FakeClient implements SourceClient {
	readonly capabilities: Capabilities;
	runs: Run[] = [];
	trees = new Map<string, Run>();
	logs: LogChunk[] = [];
	failWith: ProviderError | null = null;
	hold = false;
	lists = 0;
	/** The maxPages of each list request, in order. */
	pagesAsked: (number | undefined)[] = [];
	/** The pageSize of each list request, in order. */
	pageSizesAsked: (number | undefined)[] = [];
	/** Runs on one page: a request for one page gets this many. */
	pageSize = Infinity;
	gets = 0;
	reads = 0;
	inFlight = 0;
	maxInFlight = 0;
	aborted = 0;
	triggered: TriggerRequest[] = [];
	abortedRuns: string[] = [];
	private held: Held<Run[]>[] = [];

	constructor(
		readonly name: string,
		readonly provider: ProviderName = 'sourcecraft',
		readonly budgetKey: string = `key:${name}`,
		capabilities: Partial<Capabilities> = {},
	) {
		this.capabilities = {...WERCKER_CAPABILITIES, ...capabilities};
	}

	listRuns(options: {signal?: AbortSignal; maxPages?: number; pageSize?: number} = {}): Promise<Run[]> {
		this.lists++;
		this.pagesAsked.push(options.maxPages);
		this.pageSizesAsked.push(options.pageSize);
		return this.track(options.signal, () => {
			if (this.failWith) return Promise.reject(this.failWith);
			const listed = this.runs.slice(0, (options.maxPages ?? Infinity) * this.pageSize);
			if (!this.hold) return Promise.resolve(listed.map((run) => ({...run})));
			return new Promise<Run[]>((resolve, reject) => this.held.push({resolve, reject}));
		});
	}

	/** Answers every held list request with the runs as they are now. */
	release(): void {
		const held = this.held;
		this.held = [];
		for (const request of held) request.resolve(this.runs.map((run) => ({...run})));
	}

	getRun(id: string, options: {signal?: AbortSignal} = {}): Promise<Run> {
		this.gets++;
		return this.track(options.signal, () => {
			if (this.failWith) return Promise.reject(this.failWith);
			const tree = this.trees.get(id) ?? this.runs.find((run) => run.id === id);
			return tree ? Promise.resolve(structuredClone(tree)) : Promise.reject(providerError('not_found'));
		});
	}

	readLog(_ref: LogRef, cursor: LogCursor | null, options: {signal?: AbortSignal} = {}): Promise<LogChunk> {
		this.reads++;
		return this.track<LogChunk>(options.signal, () => {
			const index = typeof cursor === 'number' ? cursor : 0;
			const chunk = this.logs[index];
			if (!chunk) return Promise.resolve({lines: [], partial: '', cursor: index, done: false});
			return Promise.resolve({...chunk, cursor: index + 1});
		});
	}

	trigger(request: TriggerRequest): Promise<Run> {
		if (this.failWith) return Promise.reject(this.failWith);
		this.triggered.push(request);
		const run = makeRun(this.name, String(100 + this.triggered.length), 'queued');
		this.runs = [run, ...this.runs];
		return Promise.resolve({...run});
	}

	abort(id: string): Promise<Run> {
		if (this.failWith) return Promise.reject(this.failWith);
		this.abortedRuns.push(id);
		const run = this.runs.find((candidate) => candidate.id === id);
		return run ? Promise.resolve({...run, flags: {canceling: true}}) : Promise.reject(providerError('not_found'));
	}

	rerunPlan(id: string): Promise<RerunPlan> {
		if (this.failWith) return Promise.reject(this.failWith);
		const run = this.runs.find((candidate) => candidate.id === id);
		return run ? Promise.resolve({run, request: {branch: run.branch ?? 'main'}, summary: `on ${run.branch ?? 'main'}`, notes: []}) : Promise.reject(providerError('not_found'));
	}

	private track<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		return new Promise<T>((resolve, reject) => {
			const onAbort = (): void => {
				this.aborted++;
				reject(providerError('canceled'));
			};
			signal?.addEventListener('abort', onAbort, {once: true});
			work().then(resolve, reject);
		}).finally(() => {
			this.inFlight--;
		});
	}
}

/** Lets every promise that is ready settle (fake answers resolve in microtasks). */
export async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
