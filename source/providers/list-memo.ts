import type {Run} from '../model/run.js';
import {LruCache} from '../output/lru.js';

/**
 * The runs of a source's list answers, by each run's raw JSON. A list is polled every few seconds
 * and most of its runs come back exactly as before: one sent the same way again is the same Run
 * object, without validation or mapping (and the store's diff then meets the very same objects).
 * Holds as many runs as the list keeps (its pages, plus one page of margin), least recently sent
 * first out, so its size never grows with time.
 */
export class ListMemo {
	private readonly runs: LruCache<string, Run | null>;
	private readonly replacer: ((key: string, value: unknown) => unknown) | undefined;

	/**
	 * `volatile`: fields a server writes anew on every answer without anything having changed
	 * (a signed download link with its expiry); they do not make a run new, and the run keeps the
	 * value it was first read with.
	 */
	constructor(capacity: number, volatile: readonly string[] = []) {
		this.runs = new LruCache(capacity);
		const skip = new Set(volatile);
		this.replacer = skip.size === 0 ? undefined : (key, value) => (skip.has(key) ? undefined : value);
	}

	/** The run for one raw list item; `build` validates and maps it when it was not sent before. */
	run(raw: unknown, build: (raw: unknown) => Run | null): Run | null {
		let key: string;
		try {
			key = JSON.stringify(raw, this.replacer);
		} catch {
			return build(raw);
		}
		const known = this.runs.get(key);
		if (known !== undefined) return known;
		const run = build(raw);
		this.runs.set(key, run);
		return run;
	}
}
