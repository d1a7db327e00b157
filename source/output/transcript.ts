import type {Run} from '../model/run.js';
import {isConcluded} from '../model/status.js';
import type {Status} from '../model/status.js';
import type {TransitionEvent} from '../store/types.js';
import {formatStamp} from './time.js';
import {formatRunHeadline, formatTransition, nodePaths} from './watch.js';

const STAGE: Record<Status, number> = {unknown: 0, queued: 0, running: 1, success: 2, failed: 2, canceled: 2, skipped: 2};

/** Whether a run's status is a step forward from what was printed: never back after a stale answer. */
export function movesOn(shown: Status | null, next: Status): boolean {
	return shown === null || (next !== shown && STAGE[next] >= STAGE[shown] && !isConcluded(shown));
}

/**
 * The plain-text account of one watched run, for CI logs: a headline, then one line per
 * transition of the run or any of its nodes, each printed once.
 */
export class Transcript {
	private shown: Status | null = null;
	// The store's log is bounded and replaced as it grows: events are remembered by identity.
	private readonly seen = new WeakSet<TransitionEvent>();

	constructor(
		private readonly key: string,
		private readonly ascii: boolean,
		private readonly write: (line: string) => void,
	) {}

	/** Prints what is new in the store's events and the run's fetched tree. */
	update(events: readonly TransitionEvent[], run: Run | null, now: number): void {
		if (run && this.shown === null) {
			this.shown = run.status;
			this.write(`${formatStamp(now)} ${formatRunHeadline(run, now)}`);
		}
		const fresh = events.filter((event) => event.runKey === this.key && !this.seen.has(event));
		const paths = run && fresh.length > 0 ? nodePaths(run) : undefined;
		for (const event of fresh) {
			this.seen.add(event);
			if (event.nodeId === null) {
				// The run's own change comes from the list and from its tree, which may lag: each step forward once.
				if (!movesOn(this.shown, event.to)) continue;
				this.shown = event.to;
			}
			this.write(formatTransition(event, this.ascii, paths));
		}
		// The store logs the run's own changes from the list only; an older run may not be in it.
		if (run && this.shown !== null && movesOn(this.shown, run.status)) {
			const from = this.shown;
			this.shown = run.status;
			this.write(
				formatTransition({at: now, runKey: run.key, source: run.source, runLabel: run.label, nodeId: null, nodeTitle: null, kind: 'status', from, to: run.status}, this.ascii),
			);
		}
	}
}
