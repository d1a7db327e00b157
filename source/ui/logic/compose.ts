import type {Painter, Tone} from './paint.js';
import {displayWidth, truncate} from '../../output/text.js';

/** A piece of a status line: plain text, how it looks, and how much it matters when room is short. */
export interface Part {
	text: string;
	tone?: Tone | null;
	bold?: boolean;
	/** Higher stays longer when the line is too narrow; equal ones drop from the end. */
	priority?: number;
}

function paintPart(part: Part, text: string, paint: Painter): string {
	const out = paint.tone(text, part.tone ?? null);
	return part.bold ? paint.bold(out) : out;
}

const widthOf = (parts: readonly Part[], separator: string): number =>
	parts.reduce((sum, part) => sum + displayWidth(part.text), 0) + displayWidth(separator) * Math.max(0, parts.length - 1);

/** Drops the least important part (the last of equals) until `measure` fits `width` or one is left. */
function dropWeakest(parts: readonly Part[], width: number, measure: (list: readonly Part[]) => number): readonly Part[] {
	let kept = parts;
	while (kept.length > 1 && measure(kept) > width) {
		let weakest = kept.length - 1;
		for (let index = kept.length - 1; index >= 0; index--) {
			if ((kept[index]?.priority ?? 0) < (kept[weakest]?.priority ?? 0)) weakest = index;
		}
		kept = kept.filter((_, index) => index !== weakest);
	}
	return kept;
}

/** The parts that fit `width` whole, the least important dropped first; none when not even one does. */
export function partsThatFit(parts: readonly Part[], width: number, separator: string): readonly Part[] {
	const kept = dropWeakest(parts.filter((part) => part.text !== ''), width, (list) => widthOf(list, separator));
	return widthOf(kept, separator) <= width ? kept : [];
}

/**
 * Parts joined by `separator` into at most `width` columns: the least important parts drop out
 * first, and if the last one standing is still too long it is cut with an ellipsis. With `cut`,
 * a line that lost parts says how many at its end ("+2"), and that mark keeps its room.
 * Returns the painted text and its display width.
 */
export function composeParts(
	parts: readonly Part[],
	width: number,
	paint: Painter,
	separator: string,
	ellipsis = '…',
	cut?: (count: number) => Part,
): {text: string; width: number} {
	const all = parts.filter((part) => part.text !== '');
	const mark = (list: readonly Part[]) => (cut && list.length < all.length ? cut(all.length - list.length) : null);
	const kept = dropWeakest(all, width, (list) => widthOf([...list, ...[mark(list)].filter((part) => part !== null)], separator));
	const last = mark(kept);
	const reserve = last === null ? 0 : displayWidth(separator) + displayWidth(last.text);
	let used = 0;
	const painted: string[] = [];
	[...kept, ...(last === null ? [] : [last])].forEach((part, index) => {
		const gap = index === 0 ? 0 : displayWidth(separator);
		const room = width - used - gap - (part === last ? 0 : reserve);
		if (room <= 0) return;
		const text = truncate(part.text, room, ellipsis);
		if (index > 0) painted.push(paint.tone(separator, 'muted'));
		painted.push(paintPart(part, text, paint));
		used += gap + displayWidth(text);
	});
	return {text: painted.join(''), width: used};
}

/**
 * A full-width line: left parts, and right parts pinned to the right edge (they win the room).
 * The left parts may be worked out for the room the right ones leave.
 */
export function composeLine(
	left: readonly Part[] | ((room: number) => readonly Part[]),
	right: readonly Part[],
	width: number,
	paint: Painter,
	separator: string,
	ellipsis = '…',
	leftSeparator = separator,
	cut?: (count: number) => Part,
): string {
	const end = composeParts(right, width, paint, separator, ellipsis);
	const room = end.width === 0 ? width : width - end.width - 1;
	const parts = typeof left === 'function' ? left(room) : left;
	const start = room > 0 ? composeParts(parts, room, paint, leftSeparator, ellipsis, cut) : {text: '', width: 0};
	return start.text + ' '.repeat(Math.max(0, width - start.width - end.width)) + end.text;
}
