/**
 * A map that forgets the least recently used entry once it holds `capacity` of them. Sized to
 * what one screen needs (its rows, its cells' strings), so long use never makes it grow.
 */
export class LruCache<Key, Value> {
	private readonly entries = new Map<Key, Value>();

	constructor(readonly capacity: number) {}

	get size(): number {
		return this.entries.size;
	}

	get(key: Key): Value | undefined {
		const value = this.entries.get(key);
		if (value === undefined) return undefined;
		// A Map iterates in insertion order: moving a hit to the end keeps the oldest first.
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	set(key: Key, value: Value): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		if (this.entries.size > this.capacity) {
			const oldest = this.entries.keys().next();
			if (!oldest.done) this.entries.delete(oldest.value);
		}
	}
}
