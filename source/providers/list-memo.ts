import type {Run} from '../model/run.js';
import {isConcluded} from '../model/status.js';
import {LruCache} from '../output/lru.js';
import {DEFAULT_MAX_PAGES} from './client-kit.js';
import {isRecord} from './lenient.js';

export interface ListMemoOptions {
	/** The provider's largest page: the memo holds the runs of the list's pages, plus one page of margin, whatever a server sends. */
	pageSize: number;
	/** Validates and maps one raw list item (null when it is not a run). */
	read: (raw: unknown) => Run | null;
	/**
	 * Fields a server writes anew on every answer without anything having changed (a signed
	 * download link with its expiry); they do not make a run new, and the run keeps the value it
	 * was first read with.
	 */
	volatile?: readonly string[];
	/**
	 * Top-level fields (a dot for one level down) that change whenever a run does once it has
	 * concluded: its id, status and update stamp. A concluded run is recognised by these alone.
	 */
	settledBy: readonly string[];
}

/**
 * The runs of a source's list answers, recognised before validation and mapping. A list is
 * polled every few seconds and most of its runs come back exactly as before: a run sent the
 * same way again is the same Run object (and the store's diff then meets the very same
 * objects). A concluded run is known by its id, status and update stamp; an active one by its
 * whole raw JSON. Holds the runs of the last two list answers (see answer()), so its size is
 * what the list shows, however long citop runs.
 */
export class ListMemo {
	private readonly byText: LruCache<string, Run | null>;
	private readonly settled: LruCache<string, Run>;
	private readonly replacer: ((key: string, value: unknown) => unknown) | undefined;
	private readonly paths: readonly (readonly [string, string | undefined])[];
	private readonly read: (raw: unknown) => Run | null;

	constructor(options: ListMemoOptions) {
		this.read = options.read;
		this.paths = options.settledBy.map((path) => {
			const [first = '', second] = path.split('.');
			return [first, second] as const;
		});
		const capacity = options.pageSize * (DEFAULT_MAX_PAGES + 1);
		this.byText = new LruCache(capacity);
		this.settled = new LruCache(capacity);
		const skip = new Set(options.volatile ?? []);
		this.replacer = skip.size === 0 ? undefined : (key, value) => (skip.has(key) ? undefined : value);
	}

	/** A list answer begins: runs that neither it nor the one before sends are forgotten. */
	answer(): void {
		this.byText.rotate();
		this.settled.rotate();
	}

	/** The run for one raw list item, read only when it was not sent before. */
	run(raw: unknown): Run | null {
		const stamp = this.stampOf(raw);
		if (stamp !== null) {
			const settled = this.settled.get(stamp);
			if (settled !== undefined) return settled;
		}
		let key: string;
		try {
			key = JSON.stringify(raw, this.replacer);
		} catch {
			return this.read(raw);
		}
		let run = this.byText.get(key);
		if (run === undefined) {
			run = this.read(raw);
			this.byText.set(key, run);
		}
		if (stamp !== null && run !== null && isConcluded(run.status)) this.settled.set(stamp, run);
		return run;
	}

	/** The settling fields as one string; null when the item is not an object or has none of them. */
	private stampOf(raw: unknown): string | null {
		if (!isRecord(raw)) return null;
		let stamp = '';
		let known = false;
		for (const [first, second] of this.paths) {
			const outer = raw[first];
			const value = second === undefined ? outer : isRecord(outer) ? outer[second] : undefined;
			// Only plain values make a stamp: anything else leaves the run to be known by its whole text.
			if (value === undefined || value === null) stamp += '\u0000-';
			else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
				// Quoted and escaped, a string can be taken for no other value.
				stamp += `\u0000${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
				known = true;
			} else return null;
		}
		return known ? stamp : null;
	}
}
