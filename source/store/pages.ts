import type {Run} from '../model/run.js';
import {isActive} from '../model/status.js';

/**
 * Polling a source's list asks for its first page only; its deeper pages (older runs) are read
 * now and then. Concluded runs on deeper pages do not change, so the list shown is the first
 * page as just sent, followed by the older runs as the last deeper read left them.
 */

/** How often deeper pages are read when nothing calls for it sooner (they hold concluded runs). */
export const DEEP_EVERY_MS = 5 * 60_000;

/** Runs a poll of the first page asks for: the newest, where runs start, move and end. */
export const FIRST_PAGE_RUNS = 10;

export interface FirstPageMerge {
	runs: Run[];
	/** A run that was on the first page, and active, is not on it any more: only deeper pages know how it is now. */
	droppedActive: boolean;
	/** A run kept from deeper pages is active (as last read). */
	deepActive: boolean;
	/**
	 * The first page does not join what was known: more runs came than it holds, or a run that was
	 * on it is gone. Kept as last read until the deeper pages say where they are.
	 */
	gap: boolean;
}

/**
 * The first page as sent, then every other run of `previous` in its order (the deeper pages as
 * last read): between deeper reads the list grows by the runs that arrive, and the next deeper
 * read trims it to what the server lists. `firstPageIds` are the runs the first page held last time.
 */
export function mergeFirstPage(previous: readonly Run[], first: readonly Run[], firstPageIds: ReadonlySet<string>): FirstPageMerge {
	const sent = new Set(first.map((run) => run.id));
	const position = new Map(previous.map((run, index) => [run.id, index]));
	// Where the first page's oldest known run stood before: the page covers the list above it.
	let cut = -1;
	for (let index = first.length - 1; index >= 0 && cut < 0; index--) cut = position.get(first[index]!.id) ?? -1;
	// When none of the first page was known before, more runs came than one page holds: every older
	// run is kept until the deeper pages are read again. A known run above the cut that the page no
	// longer holds (gone, or out of order) is kept too, so nothing vanishes before they are read.
	const kept = previous.filter((run) => !sent.has(run.id));
	const gap = (cut < 0 && previous.length > 0) || previous.slice(0, cut + 1).some((run) => !sent.has(run.id));
	const runs = [...first, ...kept];
	const droppedActive = previous.some((run) => firstPageIds.has(run.id) && !sent.has(run.id) && isActive(run.status));
	const deepActive = kept.some((run) => isActive(run.status));
	return {runs, droppedActive, deepActive, gap};
}
