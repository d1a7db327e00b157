import type {Dates, Run, RunNode, StatusFields} from '../model/run.js';
import type {StatusFlags} from '../model/status.js';

/** Field by field equality of runs and nodes: what tells the diff that a row must draw again. */

function sameFlags(a: StatusFlags, b: StatusFlags): boolean {
	// `false` against a missing flag counts as a change: rare, and it costs only a re-render.
	return a === b || (a.awaitingApproval === b.awaitingApproval && a.canceling === b.canceling && a.timeout === b.timeout);
}

/** The same items in the same order (by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

type Progressing = StatusFields & Dates & {id: string; title: string; progress: number | null; errors: readonly string[]};

/** What runs and nodes both have: status, progress, dates, name and errors. */
function sameProgress(a: Progressing, b: Progressing): boolean {
	return (
		a.status === b.status &&
		a.progress === b.progress &&
		a.providerStatus === b.providerStatus &&
		a.updatedAt === b.updatedAt &&
		a.startedAt === b.startedAt &&
		a.finishedAt === b.finishedAt &&
		a.createdAt === b.createdAt &&
		a.id === b.id &&
		a.title === b.title &&
		sameFlags(a.flags, b.flags) &&
		sameItems(a.errors, b.errors)
	);
}

/** A run's own fields (not its tree). */
export function sameRunFields(a: Run, b: Run): boolean {
	return (
		sameProgress(a, b) &&
		a.key === b.key &&
		a.source === b.source &&
		a.provider === b.provider &&
		a.label === b.label &&
		a.branch === b.branch &&
		a.tag === b.tag &&
		a.commit === b.commit &&
		a.event === b.event &&
		a.user === b.user &&
		a.pullRequest === b.pullRequest &&
		a.pipeline === b.pipeline &&
		a.url === b.url &&
		sameInputs(a.inputs, b.inputs)
	);
}

function sameInputs(a: Run['inputs'], b: Run['inputs']): boolean {
	if (a === b) return true;
	if (a === null || b === null) return false;
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/** A node's own fields (not its children). */
export function sameNodeFields(a: RunNode, b: RunNode): boolean {
	return (
		sameProgress(a, b) &&
		a.kind === b.kind &&
		a.currentCube === b.currentCube &&
		a.order === b.order &&
		sameItems(a.needs, b.needs) &&
		sameLog(a.log, b.log) &&
		sameArtifact(a.artifact, b.artifact) &&
		sameRetries(a.retries, b.retries)
	);
}

function sameLog(a: RunNode['log'], b: RunNode['log']): boolean {
	return a === b || (a !== null && b !== null && sameItems(a.path, b.path));
}

function sameArtifact(a: RunNode['artifact'], b: RunNode['artifact']): boolean {
	return a === b || (a !== null && b !== null && a.path === b.path && a.status === b.status && a.url === b.url);
}

function sameRetries(a: RunNode['retries'], b: RunNode['retries']): boolean {
	return a === b || (a !== null && b !== null && a.attempts === b.attempts && a.maxAttempts === b.maxAttempts);
}
