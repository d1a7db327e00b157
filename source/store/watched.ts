import type {Run} from '../model/run.js';
import {isConcluded} from '../model/status.js';

/** The runs someone waits for, and who to tell when one of them ends. */
export class WatchList {
	private keys: ReadonlySet<string> = new Set();
	// Runs already announced: each watched run rings once, however often it is reported after.
	private readonly notified = new Set<string>();
	private readonly listeners = new Set<(run: Run) => void>();

	/** Replaced, never mutated, so a snapshot holding it stays as it was. */
	get current(): ReadonlySet<string> {
		return this.keys;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** Returns whether the set changed. */
	add(key: string): boolean {
		if (this.keys.has(key)) return false;
		this.keys = new Set(this.keys).add(key);
		this.notified.delete(key);
		return true;
	}

	remove(key: string): boolean {
		if (!this.keys.has(key)) return false;
		const next = new Set(this.keys);
		next.delete(key);
		this.keys = next;
		this.notified.delete(key);
		return true;
	}

	onConcluded(listener: (run: Run) => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	/** A list or a tree reported this run: a watched run that has concluded is announced, once. */
	report(run: Run): void {
		if (!this.keys.has(run.key) || this.notified.has(run.key) || !isConcluded(run.status)) return;
		this.notified.add(run.key);
		for (const listener of [...this.listeners]) {
			try {
				listener(run);
			} catch (error) {
				// A listener's bug must not stop polling; it still surfaces, outside the store's stack.
				queueMicrotask(() => {
					throw error;
				});
			}
		}
	}
}
