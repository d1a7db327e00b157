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
}

/**
 * The first page as sent, then the runs of `previous` that come after the first page's oldest
 * run (the deeper pages as last read), at most `cap` runs in all. `firstPageIds` are the runs the
 * first page held last time.
 */
export function mergeFirstPage(previous: readonly Run[], first: readonly Run[], firstPageIds: ReadonlySet<string>, cap: number): FirstPageMerge {
	const sent = new Set(first.map((run) => run.id));
	let cut = -1;
	for (let index = first.length - 1; index >= 0 && cut < 0; index--) {
		const id = first[index]!.id;
		cut = previous.findIndex((run) => run.id === id);
	}
	// When none of the first page was known before, more runs came than one page holds: keep the
	// older runs until the deeper pages are read again.
	const deeper = previous.slice(cut + 1).filter((run) => !sent.has(run.id));
	const runs = [...first, ...deeper].slice(0, Math.max(cap, first.length));
	const droppedActive = previous.some((run) => firstPageIds.has(run.id) && !sent.has(run.id) && isActive(run.status));
	const deepActive = deeper.some((run) => isActive(run.status));
	return {runs, droppedActive, deepActive};
}
