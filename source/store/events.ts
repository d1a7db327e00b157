import type {Status} from '../model/status.js';
import type {RunChange} from './diff.js';
import type {TransitionEvent} from './types.js';

/**
 * The log of transitions: runs that appeared, runs and nodes that changed status. Bounded to
 * `limit`, newest last; the array handed out is replaced, never mutated.
 * A status seen both in a list answer and in a tree fetch is logged once.
 */
export class EventLog {
	private entries: readonly TransitionEvent[] = [];
	// Last status logged per run (node id '') and per node, so the list and the tree do not log
	// the same transition twice; a run's entry goes when the run leaves the list.
	private readonly logged = new Map<string, Map<string, Status>>();

	constructor(private readonly limit: number) {}

	get current(): readonly TransitionEvent[] {
		return this.entries;
	}

	/** Logs what the changes say; returns whether the log grew. */
	record(changes: readonly RunChange[]): boolean {
		const added: TransitionEvent[] = [];
		for (const change of changes) {
			if (change.kind === 'removed') {
				if (change.nodeId === null) this.logged.delete(change.runKey);
				else this.logged.get(change.runKey)?.delete(change.nodeId);
				continue;
			}
			if (change.kind === 'progress' || change.to === null) continue;
			if (this.last(change.runKey, change.nodeId) === change.to) continue;
			this.remember(change.runKey, change.nodeId, change.to);
			added.push({
				at: change.at,
				runKey: change.runKey,
				source: change.run.source,
				runLabel: change.run.label,
				nodeId: change.nodeId,
				nodeTitle: change.node?.title ?? null,
				kind: change.kind,
				from: change.from,
				to: change.to,
			});
		}
		if (added.length === 0) return false;
		const all = this.entries.concat(added);
		this.entries = all.length > this.limit ? all.slice(all.length - this.limit) : all;
		return true;
	}

	private last(runKey: string, nodeId: string | null): Status | undefined {
		return this.logged.get(runKey)?.get(nodeId ?? '');
	}

	private remember(runKey: string, nodeId: string | null, status: Status): void {
		let statuses = this.logged.get(runKey);
		if (!statuses) {
			statuses = new Map();
			this.logged.set(runKey, statuses);
		}
		statuses.set(nodeId ?? '', status);
	}
}
