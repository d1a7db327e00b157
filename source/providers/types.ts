import type {ProviderErrorFields} from '../model/errors.js';
import type {LogRef, ProviderName, Run} from '../model/run.js';
import type {Clock} from '../model/clock.js';

/** A source as configured and resolved: which provider, which repository/pipeline/flow, which token. */
export type SourceSpec = SourceCraftSpec | WerckerSpec | NorthflankSpec;

interface CommonSpec {
	/** Unique name, shown in the list and used by `--source`. */
	name: string;
	/** Overrides the provider's default base URL (REFERENCE.md). */
	baseUrl?: string;
	/** Resolved token, or null (Wercker public pipelines answer without one). Never printed. */
	token: string | null;
	/** The address of a run's page: the config's webUrl with the source's fields filled in ({id}, {number}, {pipeline} stay for each run). */
	webUrl?: string;
}

export interface SourceCraftSpec extends CommonSpec {
	provider: 'sourcecraft';
	org?: string;
	repo?: string;
	repoId?: string;
}

export interface WerckerSpec extends CommonSpec {
	provider: 'wercker';
	pipelineId?: string;
	applicationId?: string;
}

export interface NorthflankSpec extends CommonSpec {
	provider: 'northflank';
	projectId: string;
	pipelineId: string;
	stage: string;
	teamId?: string;
}

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
	sourcecraft: 'https://api.sourcecraft.tech',
	wercker: 'https://app.wercker.com',
	northflank: 'https://api.northflank.com',
};

/** What the server said about its rate limit on its last answer. */
export interface RateLimitInfo {
	limit: number | null;
	remaining: number | null;
	/** Epoch ms when the window resets. */
	resetAt: number | null;
	/** Set when the server answered 429 or sent Retry-After: wait this long (ms). */
	retryAfterMs: number | null;
	/** When this was read (clock ms). */
	observedAt: number;
}

/** The fields a trigger form asks for, per provider. */
export type TriggerField =
	| 'workflows'
	| 'head'
	| 'configRevision'
	| 'shared'
	| 'branch'
	| 'commit'
	| 'message'
	| 'inputs'
	| 'refs'
	| 'sourceRun'
	| 'name'
	| 'description';

export interface Capabilities {
	trigger: boolean;
	abort: boolean;
	logs: boolean;
	artifacts: boolean;
	/** One line for each action that is off, saying why (shown instead of doing nothing). */
	reasons: {trigger?: string; abort?: string; logs?: string};
	/** What the trigger form asks for, in order. */
	triggerFields: readonly TriggerField[];
	/** What `inputs` means here: "input values", "environment variables", "arguments". */
	inputsLabel: string;
	/** A run's inputs come only with its detail, never in a list answer (Northflank's arguments): `runs --inputs` reads the details. */
	inputsInDetail: boolean;
	/** The source's webUrl (see SourceSpec), or null: no API gives a run's page, so only the config can. */
	webUrl: string | null;
}

/**
 * One request to start a run, in the user's words. Each provider reads the fields it has:
 * SourceCraft: workflows, one of branch/tag/commit as head, configRevision, shared, inputs (a key
 *   `WORKFLOW.NAME` is for that workflow; a plain one for the only workflow named);
 * Wercker: sourceRun (chains the run after it), branch, commit (needs branch), message, inputs (environment variables, in order);
 * Northflank: name, description, inputs (arguments).
 */
/** A git revision: exactly one of a branch, a tag or a commit (SourceCraft's `GitRevision`). */
export type GitRevision = {branch: string} | {tag: string} | {commit: string};

export interface TriggerRequest {
	workflows?: readonly string[];
	branch?: string;
	tag?: string;
	commit?: string;
	/** SourceCraft: where the CI config is read from (the default branch when absent). */
	configRevision?: GitRevision;
	shared?: boolean;
	message?: string;
	inputs?: readonly {key: string; value: string}[];
	/** Northflank: the branch (and, for a rerun, the commit) to deploy for a ref of the release flow (the run's `overrides`). */
	refs?: readonly {ref: string; branch: string; sha?: string}[];
	/** Wercker: the id of the run whose output (artifacts included) this run takes, as a chained pipeline does. */
	sourceRun?: string;
	name?: string;
	description?: string;
}

/**
 * How to start a run again with the parameters it had, as far as its provider's answer says them:
 * the request, what it starts in a few words ("workflows build, test on the default branch"), and
 * what the answer does not say with what is used instead. Or why it cannot be started again.
 * Every text is sanitized; `request` holds the values as the server sent them.
 */
export type RerunPlan = {run: Run; request: TriggerRequest; summary: string; notes: readonly string[]} | {run: Run; refusal: string};

/** Opaque position in a log; only the provider that returned it reads it. */
export type LogCursor = unknown;

export interface LogChunk {
	/** Complete lines to append to what was shown, sanitized. */
	lines: string[];
	/** The unfinished last line as it stands now (replaces the previous partial line). */
	partial: string;
	cursor: LogCursor;
	/** No more log will come. */
	done: boolean;
	/** The read stopped at its own limit (pages, bytes) with more there already: read again at once. */
	more?: boolean;
}

export interface RequestOptions {
	signal?: AbortSignal;
}

export interface ListOptions extends RequestOptions {
	/** Upper bound on pages one refresh may read, newest first. */
	maxPages?: number;
	/** Runs per page, up to the provider's largest page (the default): a poll of the newest runs needs few. */
	pageSize?: number;
}

export interface SourceClient {
	readonly name: string;
	readonly provider: ProviderName;
	readonly capabilities: Capabilities;
	/** Sources with the same key share one rate budget (same provider, base URL and token). */
	readonly budgetKey: string;
	/** A newest-first list of runs. The runs may carry part of their tree (SourceCraft workflows). */
	listRuns(options?: ListOptions): Promise<Run[]>;
	/** One run with its whole tree. */
	getRun(id: string, options?: RequestOptions): Promise<Run>;
	/** The next part of a node's log after `cursor` (null: from the start). */
	readLog(ref: LogRef, cursor: LogCursor | null, options?: RequestOptions): Promise<LogChunk>;
	/** Starts a run; resolves with the new run. Never retried blindly. */
	trigger(request: TriggerRequest, options?: RequestOptions): Promise<Run>;
	/** Asks the provider to stop a run; resolves with the run as the provider returned it. */
	abort(id: string, options?: RequestOptions): Promise<Run>;
	/** Reads the run afresh and says how to start it again (rerun); starts nothing. */
	rerunPlan(id: string, options?: RequestOptions): Promise<RerunPlan>;
}

export interface ClientOptions {
	clock?: Clock;
	/** Called after every answer (and every failed attempt that carried headers). */
	onRateLimit?: (info: RateLimitInfo) => void;
	/** Per-attempt timeout in ms (connect + response). */
	attemptTimeoutMs?: number;
	/** Upper bound on one call including retries, in ms. */
	totalTimeoutMs?: number;
	/** Retries for reads (not writes). */
	retries?: number;
	/** Cap on a server's Retry-After, in ms. */
	maxRetryAfterMs?: number;
	/** Told when an answer went past one of citop's limits and was cut (a page of runs, a run's tree): what was cut, in a few words. */
	onCut?: (what: string) => void;
}

export type {ProviderErrorFields};
