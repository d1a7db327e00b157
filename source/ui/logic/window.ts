/** Cursor movement and windowing for every scrolling list: runs, tree rows, log lines. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

/** Where the cursor lands after a move; -1 for an empty list. */
export function moveIndex(index: number, count: number, move: Move, page: number): number {
	if (count === 0) return -1;
	const step = Math.max(1, page);
	const from = clamp(index, 0, count - 1);
	switch (move) {
		case 'up':
			return Math.max(0, from - 1);
		case 'down':
			return Math.min(count - 1, from + 1);
		case 'pageUp':
			return Math.max(0, from - step);
		case 'pageDown':
			return Math.min(count - 1, from + step);
		case 'top':
			return 0;
		case 'bottom':
			return count - 1;
	}
}

/**
 * The first visible row: scroll as little as needed to keep the cursor in view, and never
 * leave empty rows at the bottom while there are rows above to show.
 */
export function scrollTop(previousTop: number, cursor: number, count: number, height: number): number {
	if (height <= 0 || count <= height) return 0;
	let top = clamp(previousTop, 0, count - height);
	if (cursor < top) top = cursor;
	else if (cursor >= top + height) top = cursor - height + 1;
	return clamp(top, 0, count - height);
}

/**
 * The cursor is kept by key (a run key, a node id) so it stays on its item when polling reorders
 * the list. When the item is gone (filtered out, deleted), the cursor stays at the same height.
 */
export function resolveCursor(indexOf: (key: string) => number | undefined, key: string | null, hint: number, count: number): number {
	if (count === 0) return -1;
	if (key !== null) {
		const found = indexOf(key);
		if (found !== undefined) return found;
	}
	return clamp(hint, 0, count - 1);
}

/** Where the run with `key` is, looking at `hint` first; undefined when it is not there. */
export function findIndex(runs: readonly {key: string}[], key: string, hint: number): number | undefined {
	if (runs[hint]?.key === key) return hint;
	const index = runs.findIndex((run) => run.key === key);
	return index === -1 ? undefined : index;
}

export function indexByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
	const map = new Map<string, number>();
	items.forEach((item, index) => map.set(keyOf(item), index));
	return map;
}
