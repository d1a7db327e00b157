import type {Run} from '../../model/run.js';
import type {Status, StatusFilter} from '../../model/status.js';
import {STATUS_FILTERS, matchesStatus} from '../../model/status.js';
import {runningTime} from '../../output/time.js';

export const SORTS = ['attention', 'newest', 'status', 'source', 'duration'] as const;
export type SortMode = (typeof SORTS)[number];

// The list's filter words live beside the statuses: `citop runs --status` takes the same ones.
export type {StatusFilter};

/** A failure this recent still needs someone: attention order keeps it above the calm runs. */
export const RECENT_FAILURE_MS = 60 * 60_000;

function cycle<T>(list: readonly T[], current: T, step: number): T {
	const index = list.indexOf(current);
	return list[(index + step + list.length) % list.length] ?? current;
}

export function nextSort(mode: SortMode, step = 1): SortMode {
	return cycle(SORTS, mode, step);
}

export function nextStatusFilter(filter: StatusFilter, step = 1): StatusFilter {
	return cycle(STATUS_FILTERS, filter, step);
}

/** When a run happened, for "newest first": started, else created, else last seen. */
export function runTime(run: Run): number {
	return run.startedAt ?? run.createdAt ?? run.updatedAt ?? 0;
}

const STATUS_RANK: Record<Status, number> = {
	running: 0,
	queued: 1,
	failed: 2,
	canceled: 3,
	unknown: 4,
	skipped: 5,
	success: 6,
};

function attentionRank(run: Run, now: number): number {
	if (run.status === 'running') return 0;
	if (run.status === 'queued') return 1;
	if (run.status === 'failed') {
		const at = run.finishedAt ?? run.updatedAt ?? run.startedAt;
		if (at !== null && now - at <= RECENT_FAILURE_MS) return 2;
	}
	return 3;
}

/**
 * Until when (clock ms) sortRuns(runs, mode, t) orders as at `now`: the order moves with time
 * only where a failed run stops being recent (attention) or running times grow (duration).
 */
export function orderHoldsUntil(runs: readonly Run[], mode: SortMode, now: number): number {
	if (mode === 'duration') return now;
	if (mode !== 'attention') return Infinity;
	let until = Infinity;
	for (const run of runs) {
		if (run.status !== 'failed') continue;
		const at = run.finishedAt ?? run.updatedAt ?? run.startedAt;
		if (at !== null && at + RECENT_FAILURE_MS >= now) until = Math.min(until, at + RECENT_FAILURE_MS);
	}
	return until;
}

function sourceRank(runs: readonly Run[]): Map<string, number> {
	const names = [...new Set(runs.map((run) => run.source))].sort((a, b) => a.localeCompare(b));
	return new Map(names.map((name, index) => [name, index]));
}

/** A run with what it is ordered by. */
interface Ranked {
	run: Run;
	rank: number;
	time: number;
}

function compareRanked(a: Ranked, b: Ranked): number {
	return a.rank - b.rank || b.time - a.time || (a.run.key < b.run.key ? -1 : a.run.key > b.run.key ? 1 : 0);
}

/** The runs in order, each with what it was ordered by. */
function rankRuns(runs: readonly Run[], mode: SortMode, now: number): Ranked[] {
	const sources = mode === 'source' ? sourceRank(runs) : null;
	const rank = (run: Run): number => {
		switch (mode) {
			case 'attention':
				return attentionRank(run, now);
			case 'status':
				return STATUS_RANK[run.status];
			case 'source':
				return sources?.get(run.source) ?? 0;
			case 'duration':
				return -(runningTime(run, now) ?? -1);
			case 'newest':
				return 0;
		}
	};
	const ranked = runs.map((run) => ({run, rank: rank(run), time: runTime(run)}));
	return ranked.sort(compareRanked);
}

/**
 * A sorted copy. Keys are computed once per run (10,000 runs sort in a few ms); ties fall back
 * to newest first, then to the run key, so equal runs never swap places between polls.
 */
export function sortRuns(runs: readonly Run[], mode: SortMode, now: number): Run[] {
	return rankRuns(runs, mode, now).map((entry) => entry.run);
}

/** The words of a text filter, lower-cased; every word must match somewhere. */
export function queryWords(text: string): string[] {
	return text.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

// Unchanged runs keep their object between snapshots, so their search text is built once.
const haystacks = new WeakMap<Run, string>();

function haystack(run: Run): string {
	let text = haystacks.get(run);
	if (text === undefined) {
		text = [run.title, run.label, run.id, run.branch, run.tag, run.commit, run.user, run.source, run.event, run.pullRequest, run.pipeline]
			.filter((part): part is string => typeof part === 'string' && part !== '')
			.join('\n')
			.toLowerCase();
		haystacks.set(run, text);
	}
	return text;
}

export function matchesText(run: Run, words: readonly string[]): boolean {
	if (words.length === 0) return true;
	const text = haystack(run);
	return words.every((word) => text.includes(word));
}

export interface RunQuery {
	/** One source's name, or null for every source. */
	source: string | null;
	status: StatusFilter;
	text: string;
	sort: SortMode;
}

/** `runs[start..end)`, or `before` when it holds the very same runs. */
function blockOf(runs: readonly Run[], start: number, end: number, before: readonly Run[] | undefined): readonly Run[] {
	if (before?.length === end - start) {
		let index = 0;
		while (index < before.length && before[index] === runs[start + index]) index++;
		if (index === before.length) return before;
	}
	return runs.slice(start, end);
}

/** groupBySource for runs whose sources are interleaved. */
function groupScattered(runs: readonly Run[], previous: ReadonlyMap<string, readonly Run[]> | null): ReadonlyMap<string, readonly Run[]> {
	const groups = new Map<string, Run[]>();
	for (const run of runs) {
		const group = groups.get(run.source);
		if (group) group.push(run);
		else groups.set(run.source, [run]);
	}
	const kept = new Map<string, readonly Run[]>();
	for (const [source, group] of groups) kept.set(source, blockOf(group, 0, group.length, previous?.get(source)));
	return kept;
}

/**
 * Each source's runs, in the order the store lists them (each source's together). A source whose
 * runs are the very same objects as in `previous` keeps its array from there: what is worked out
 * per source (its order, its summary, its estimates) is kept per array, so a poll costs the work
 * of the sources it changed.
 */
export function groupBySource(runs: readonly Run[], previous: ReadonlyMap<string, readonly Run[]> | null = null): ReadonlyMap<string, readonly Run[]> {
	const groups = new Map<string, readonly Run[]>();
	let start = 0;
	for (let index = 1; index <= runs.length; index++) {
		const source = (runs[start] as Run).source;
		if (index < runs.length && runs[index]?.source === source) continue;
		if (groups.has(source)) return groupScattered(runs, previous);
		groups.set(source, blockOf(runs, start, index, previous?.get(source)));
		start = index;
	}
	return groups;
}

interface Selection {
	query: RunQuery;
	now: number;
	holdsUntil: number;
	ranked: readonly Ranked[];
}

// One source's runs as the query last selected them: kept while its runs, the query and the order hold.
const selections = new WeakMap<readonly Run[], Selection>();

function selectSource(runs: readonly Run[], query: RunQuery, now: number): Selection {
	const kept = selections.get(runs);
	if (kept && kept.query.status === query.status && kept.query.text === query.text && kept.query.sort === query.sort && now >= kept.now && now <= kept.holdsUntil) {
		return kept;
	}
	const words = queryWords(query.text);
	const matching = runs.filter((run) => matchesStatus(run.status, query.status) && matchesText(run, words));
	const selection = {query, now, holdsUntil: orderHoldsUntil(matching, query.sort, now), ranked: rankRuns(matching, query.sort, now)};
	selections.set(runs, selection);
	return selection;
}

function mergeRanked(a: readonly Ranked[], b: readonly Ranked[]): Ranked[] {
	const merged: Ranked[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) merged.push(compareRanked(a[i] as Ranked, b[j] as Ranked) <= 0 ? (a[i++] as Ranked) : (b[j++] as Ranked));
	while (i < a.length) merged.push(a[i++] as Ranked);
	while (j < b.length) merged.push(b[j++] as Ranked);
	return merged;
}

/** What the list shows, in order, from each source's runs; and until when (clock ms) that order holds. */
export function selectFromSources(bySource: ReadonlyMap<string, readonly Run[]>, query: RunQuery, now: number): {runs: Run[]; holdsUntil: number} {
	const names = query.source === null ? [...bySource.keys()] : bySource.has(query.source) ? [query.source] : [];
	// By source, the order is the sources' names; otherwise the sources' orders merge, pair by pair.
	if (query.sort === 'source') names.sort((a, b) => a.localeCompare(b));
	const lists = names.map((name) => selectSource(bySource.get(name) ?? [], query, now));
	const holdsUntil = lists.reduce((until, selection) => Math.min(until, selection.holdsUntil), Infinity);
	if (query.sort === 'source') return {runs: lists.flatMap((selection) => selection.ranked.map((entry) => entry.run)), holdsUntil};
	let ranked = lists.map((selection) => selection.ranked);
	while (ranked.length > 1) {
		const next: (readonly Ranked[])[] = [];
		for (let index = 0; index < ranked.length; index += 2) next.push(mergeRanked(ranked[index] ?? [], ranked[index + 1] ?? []));
		ranked = next;
	}
	return {runs: (ranked[0] ?? []).map((entry) => entry.run), holdsUntil};
}

/** What the list shows, in the order it shows it. */
export function selectRuns(runs: readonly Run[], query: RunQuery, now: number): Run[] {
	return selectFromSources(groupBySource(runs), query, now).runs;
}
