/**
 * Deterministic randomness: every run's shape is a pure function of the seed and
 * a few names and numbers, so restarting the simulator brings the same runs back.
 */

/** A 32-bit hash of the parts (FNV-1a, then a final avalanche). */
export function hash(...parts: readonly (string | number)[]): number {
	let value = 0x811c9dc5;
	for (const part of parts) {
		const text = `${String(part)}\u0000`;
		for (let index = 0; index < text.length; index++) {
			value ^= text.charCodeAt(index);
			value = Math.imul(value, 0x01000193);
		}
	}
	value ^= value >>> 16;
	value = Math.imul(value, 0x85ebca6b);
	value ^= value >>> 13;
	value = Math.imul(value, 0xc2b2ae35);
	value ^= value >>> 16;
	return value >>> 0;
}

/** A number in [0, 1) from the parts. */
export function unit(...parts: readonly (string | number)[]): number {
	return hash(...parts) / 0x1_0000_0000;
}

/** A small seeded generator (mulberry32) with the helpers the planners need. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let value = this.state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 0x1_0000_0000;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	/** Picks by weight: `[['success', 70], ['failed', 20]]`. */
	weighted<T>(choices: readonly (readonly [T, number])[]): T {
		const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
		let roll = this.next() * total;
		for (const [choice, weight] of choices) {
			roll -= weight;
			if (roll < 0) return choice;
		}
		const last = choices[choices.length - 1];
		if (!last) throw new Error('weighted pick from an empty list');
		return last[0];
	}

	hex(length: number): string {
		let text = '';
		while (text.length < length) text += Math.floor(this.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
		return text.slice(0, length);
	}
}

/** `length` hex digits from the parts. */
export function hexOf(length: number, ...parts: readonly (string | number)[]): string {
	return new Random(hash(...parts)).hex(length);
}

/** A version-4-shaped UUID from the parts. */
export function uuidOf(...parts: readonly (string | number)[]): string {
	const hex = hexOf(32, ...parts);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
