/**
 * A map that forgets what has not been used lately: it holds two generations of at most
 * `capacity` entries each; a hit in the older one moves the entry to the newer, and when the
 * newer is full (or its owner says a new generation begins) the older is dropped. Sized to what
 * one screen needs (its rows, its cells' strings), so long use never makes it grow, and a hit
 * costs one lookup, not a reordering.
 */
export class LruCache<Key, Value> {
	private recent = new Map<Key, Value>();
	private older = new Map<Key, Value>();

	constructor(readonly capacity: number) {}

	get size(): number {
		return this.recent.size + this.older.size;
	}

	get(key: Key): Value | undefined {
		const value = this.recent.get(key);
		if (value !== undefined) return value;
		const old = this.older.get(key);
		if (old === undefined) return undefined;
		this.older.delete(key);
		this.set(key, old);
		return old;
	}

	set(key: Key, value: Value): void {
		if (this.recent.size >= this.capacity && !this.recent.has(key)) this.rotate();
		this.recent.set(key, value);
	}

	/** A new generation begins: what was not used since the last one is forgotten. */
	rotate(): void {
		this.older = this.recent;
		this.recent = new Map();
	}
}
