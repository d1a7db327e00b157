import {z} from 'zod';
import {parseDate} from '../model/dates.js';
import {LIMITS} from './limits.js';

/**
 * Building blocks for schemas that never reject a field: providers send nulls, numbers as
 * strings, unknown enum words and single objects where arrays belong (REFERENCE.md), and one
 * odd value must not cost the user a whole list. Each block turns whatever came into a plain
 * value or null; only the top of an answer is checked strictly (see parseTop).
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, a number read as text, or null. */
export const text = z.unknown().transform((value): string | null => {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
});

/** A finite number, from a number or a numeric string, or null. */
export const num = z.unknown().transform((value): number | null => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
});

/** true, false, or null; "true"/"false" and 1/0 are read too. */
export const bool = z.unknown().transform((value): boolean | null => {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 1) return true;
	if (value === 'false' || value === 0) return false;
	return null;
});

/** Any date format a provider sends, as epoch ms, or null (model/dates.ts). */
export const date = z.unknown().transform((value): number | null => parseDate(value));

/** A raw status word, kept as sent (numbers and booleans as text) for the status mappers. */
export const word = z.unknown().transform((value): string | null => {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
});

/**
 * An object with lenient fields; anything that is not an object becomes null. Each field is
 * read on its own (a missing key reads as undefined), so one odd field never loses the object.
 */
export function record<Shape extends Record<string, z.ZodType>>(shape: Shape) {
	const entries = Object.entries(shape);
	return z.unknown().transform((value): {[Key in keyof Shape]: z.output<Shape[Key]> | null} | null => {
		if (!isRecord(value)) return null;
		const out: Record<string, unknown> = {};
		for (const [key, schema] of entries) {
			const parsed = schema.safeParse(value[key]);
			out[key] = parsed.success ? parsed.data : null;
		}
		return out as {[Key in keyof Shape]: z.output<Shape[Key]> | null};
	});
}

/** The elements of what should be an array, unread: a single object stands for a one-element array; nulls are dropped. */
export function listItems(value: unknown): unknown[] {
	const items: unknown[] = Array.isArray(value) ? value : [value];
	return items.filter((element) => element !== null && element !== undefined);
}

/**
 * An array whose odd elements are dropped: null elements, elements that do not parse,
 * and elements the item schema turns into null. A single object stands for a one-element array.
 * No more than a run tree may hold are read (LIMITS.treeNodes), and one past it, so the tree's
 * bound sees the limit was passed and says so: the rest are never parsed.
 */
export function list<Item extends z.ZodType>(item: Item) {
	return z.unknown().transform((value) => {
		const out: NonNullable<z.output<Item>>[] = [];
		for (const element of listItems(value)) {
			if (out.length > LIMITS.treeNodes) break;
			const parsed = item.safeParse(element);
			if (parsed.success && parsed.data !== null && parsed.data !== undefined) out.push(parsed.data as NonNullable<z.output<Item>>);
		}
		return out;
	});
}
