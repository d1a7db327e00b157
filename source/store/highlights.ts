import {nodeKey} from '../model/run.js';
import type {RunChange} from './diff.js';
import type {ChangeKind, Highlight} from './types.js';

// A status change says more than an appearance, which says more than a moving bar.
const WEIGHT: Record<ChangeKind, number> = {progress: 0, added: 1, status: 2};

/** The key a change lights: the run's key, or nodeKey(run, node) for a node. */
export function highlightKey(change: RunChange): string {
	return change.nodeId === null ? change.runKey : nodeKey(change.runKey, change.nodeId);
}

/**
 * Marks on what just changed, each lit for `durationMs`. The map handed out is replaced,
 * never mutated, so a snapshot holding it stays as it was.
 */
export class Highlights {
	private marks: ReadonlyMap<string, Highlight> = new Map();

	constructor(private readonly durationMs: number) {}

	get current(): ReadonlyMap<string, Highlight> {
		return this.marks;
	}

	/** Lights every added, status or progress change; returns whether any mark changed. */
	mark(changes: readonly RunChange[], now: number): boolean {
		let next: Map<string, Highlight> | null = null;
		for (const change of changes) {
			if (change.kind === 'removed') continue;
			const key = highlightKey(change);
			const existing = (next ?? this.marks).get(key);
			const until = now + this.durationMs;
			const stronger = existing && existing.until > now && WEIGHT[existing.kind] > WEIGHT[change.kind];
			const mark: Highlight = stronger
				? {...existing, until}
				: {kind: change.kind, at: now, until, from: change.from, to: change.to};
			next ??= new Map(this.marks);
			next.set(key, mark);
		}
		if (!next) return false;
		this.marks = next;
		return true;
	}

	/** Drops marks whose time is up; returns whether any went. */
	expire(now: number): boolean {
		let next: Map<string, Highlight> | null = null;
		for (const [key, mark] of this.marks) {
			if (mark.until > now) continue;
			next ??= new Map(this.marks);
			next.delete(key);
		}
		if (!next) return false;
		this.marks = next;
		return true;
	}

	/** Clock ms of the earliest expiry, or null when nothing is lit. */
	nextExpiry(): number | null {
		let earliest: number | null = null;
		for (const mark of this.marks.values()) {
			if (earliest === null || mark.until < earliest) earliest = mark.until;
		}
		return earliest;
	}

	clear(): void {
		this.marks = new Map();
	}
}
