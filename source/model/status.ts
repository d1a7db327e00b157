/** The seven statuses every run and node maps to (REFERENCE.md, "Common status set"). */
export const STATUSES = ['queued', 'running', 'success', 'failed', 'canceled', 'skipped', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

export interface StatusFlags {
	/** Northflank `approval_wait`: running, but blocked on a person. */
	awaitingApproval?: boolean;
	/** Northflank `aborting`: running, but on its way to canceled. */
	canceling?: boolean;
	/** SourceCraft `timeout`: failed because it ran out of time. */
	timeout?: boolean;
}

export interface StatusInfo {
	status: Status;
	/** The provider's own word(s), kept for display; null when the provider sent nothing. */
	raw: string | null;
	flags: StatusFlags;
}

const NO_FLAGS: StatusFlags = Object.freeze({});

function rawText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

function info(status: Status, raw: string | null, flags: StatusFlags = NO_FLAGS): StatusInfo {
	return {status, raw, flags};
}

const SOURCECRAFT: Record<string, Status> = {
	created: 'queued',
	prepared: 'queued',
	processing: 'running',
	success: 'success',
	failed: 'failed',
	timeout: 'failed',
	canceled: 'canceled',
};

/** SourceCraft `Run.Status`, used by runs, workflows, tasks and cubes alike. */
export function mapSourceCraftStatus(value: unknown): StatusInfo {
	const raw = rawText(value);
	const status = raw === null ? undefined : SOURCECRAFT[raw];
	if (!status) return info('unknown', raw);
	return info(status, raw, raw === 'timeout' ? {timeout: true} : NO_FLAGS);
}

const NORTHFLANK: Record<string, Status> = {
	pending: 'queued',
	queued: 'queued',
	waiting: 'queued',
	running: 'running',
	retrying: 'running',
	async_wait: 'running',
	approval_wait: 'running',
	aborting: 'running',
	success: 'success',
	failure: 'failed',
	invalid: 'failed',
	aborted: 'canceled',
	skipped: 'skipped',
	unknown: 'unknown',
};

/** Northflank release-flow run and spec-node statuses. */
export function mapNorthflankStatus(value: unknown): StatusInfo {
	const raw = rawText(value);
	const status = raw === null ? undefined : NORTHFLANK[raw];
	if (!status) return info('unknown', raw);
	if (raw === 'approval_wait') return info(status, raw, {awaitingApproval: true});
	if (raw === 'aborting') return info(status, raw, {canceling: true});
	return info(status, raw);
}

const WERCKER_RESULT: Record<string, Status> = {
	passed: 'success',
	failed: 'failed',
	aborted: 'canceled',
};

/** Wercker runs and steps carry a `status` and, once finished, a `result`. */
export function mapWerckerStatus(statusValue: unknown, resultValue: unknown): StatusInfo {
	const status = rawText(statusValue);
	const result = rawText(resultValue);
	const raw = status === null && result === null ? null : status === 'finished' ? `finished/${result ?? 'null'}` : status;
	if (status === 'notstarted') return info('queued', raw);
	if (status === 'started' || status === 'running') return info('running', raw);
	if (status === 'finished') {
		const mapped = result === null ? undefined : WERCKER_RESULT[result];
		return info(mapped ?? 'unknown', raw);
	}
	return info('unknown', raw);
}

/** A concluded status will not change again. */
export function isConcluded(status: Status): boolean {
	return status === 'success' || status === 'failed' || status === 'canceled' || status === 'skipped';
}

/** Queued or running: the source should be polled fast. */
export function isActive(status: Status): boolean {
	return status === 'queued' || status === 'running';
}

/** The status filters the live view's `f` key cycles through, in its order. */
export const STATUS_FILTERS = ['any', 'active', 'failed', 'success', 'canceled', 'other'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Every word `citop runs --status` takes: the live view's filters, then each status on its own. */
export const STATUS_FILTER_WORDS: readonly (StatusFilter | Status)[] = [...new Set([...STATUS_FILTERS, ...STATUSES])];

export function matchesStatus(status: Status, filter: StatusFilter | Status): boolean {
	switch (filter) {
		case 'any':
			return true;
		case 'active':
			return isActive(status);
		case 'other':
			return status === 'skipped' || status === 'unknown';
		default:
			return status === filter;
	}
}
