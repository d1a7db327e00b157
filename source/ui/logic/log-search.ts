/**
 * Searching the open log: which lines match, which one `n` and `N` go to, and where in a row a
 * match is drawn. Smart case, as in vim and less: a query with an upper-case letter matches case,
 * any other matches either case. The query is taken literally, never as a pattern.
 */

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The query as a global pattern, or null for an empty query. */
export function searchPattern(query: string): RegExp | null {
	if (query === '') return null;
	return new RegExp(query.replace(SPECIAL, '\\$&'), /\p{Lu}/u.test(query) ? 'gu' : 'giu');
}

/** Which lines hold a match, in order, each counted from `first`: the place of `lines[0]` in the log. */
export function matchingLines(lines: readonly string[], query: string, first = 0): number[] {
	const pattern = searchPattern(query);
	if (pattern === null) return [];
	const found: number[] = [];
	lines.forEach((line, index) => {
		pattern.lastIndex = 0;
		if (pattern.test(line)) found.push(first + index);
	});
	return found;
}

/** Which lines match a query, worked out once for these lines and the last query asked about. */
export function lineMatcher(lines: readonly string[], first = 0): (query: string) => readonly number[] {
	let last: {query: string; lines: number[]} | null = null;
	return (query) => {
		if (last?.query !== query) last = {query, lines: matchingLines(lines, query, first)};
		return last.lines;
	};
}

/** Where a match is: which of the matches (0-based) and its line, and whether the search went round the end to get there. */
export interface MatchStep {
	index: number;
	line: number;
	wrapped: boolean;
}

/** The first match at or after line `from`, else the first of all (wrapped); null when nothing matches. */
export function matchFrom(matches: readonly number[], from: number): MatchStep | null {
	const index = matches.findIndex((line) => line >= from);
	if (index >= 0) return {index, line: matches[index]!, wrapped: false};
	return matches.length === 0 ? null : {index: 0, line: matches[0]!, wrapped: true};
}

/** The match after (`step` 1) or before (-1) line `current`, going round the ends; null when nothing matches. */
export function nextMatch(matches: readonly number[], current: number, step: 1 | -1): MatchStep | null {
	if (matches.length === 0) return null;
	if (step === 1) return matchFrom(matches, current + 1);
	let index = -1;
	for (let at = matches.length - 1; at >= 0; at--) {
		if ((matches[at] ?? Infinity) < current) {
			index = at;
			break;
		}
	}
	if (index >= 0) return {index, line: matches[index]!, wrapped: false};
	const last = matches.length - 1;
	return {index: last, line: matches[last]!, wrapped: true};
}

/** The footer's note: "match 3/17", and which end the search went round. */
export function matchNote(step: MatchStep | null, total: number, query: string, forward: boolean): string {
	if (step === null) return `no match for "${query}"`;
	const round = step.wrapped ? (forward ? ', from the top' : ', from the end') : '';
	return `match ${step.index + 1}/${total}${round}`;
}

/** The [start, end) ranges of `text` that match, in order. */
export function matchRanges(text: string, pattern: RegExp | null): Array<[number, number]> {
	if (pattern === null) return [];
	const ranges: Array<[number, number]> = [];
	for (const match of text.matchAll(pattern)) {
		if (match[0] === '') continue;
		ranges.push([match.index, match.index + match[0].length]);
	}
	return ranges;
}

/**
 * A row of a wrapped line with its matches marked by `mark`: the row holds the line's characters
 * from `start`, and a match cut by the wrap is marked on both rows.
 */
export function markMatches(row: string, start: number, ranges: ReadonlyArray<readonly [number, number]>, mark: (text: string) => string): string {
	const end = start + row.length;
	let out = '';
	let at = start;
	for (const [from, to] of ranges) {
		if (to <= at || from >= end) continue;
		const cut = Math.max(from, at);
		out += row.slice(at - start, cut - start) + mark(row.slice(cut - start, Math.min(to, end) - start));
		at = Math.min(to, end);
	}
	return out + row.slice(at - start);
}
