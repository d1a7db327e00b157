import {shownId} from '../model/run.js';
import type {Run} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';

/** Which of the listed runs the text a user typed names. */
export type RunLookup = {kind: 'found'; run: Run} | {kind: 'ambiguous'; runs: Run[]} | {kind: 'unknown'};

/** Shortest id prefix taken for a run (as git takes commit prefixes): shorter ones name too many. */
const MIN_PREFIX = 4;
const ELLIPSIS = /(?:…|\.\.\.)$/;

const withoutHash = (text: string): string => text.replace(/^#/, '');

function exactly(run: Run, typed: string): boolean {
	const bare = withoutHash(typed);
	return run.id === typed || run.id === bare || shownId(run) === bare || run.label === typed || withoutHash(run.label) === bare;
}

function ignoringCase(run: Run, typed: string): boolean {
	const bare = withoutHash(typed).toLowerCase();
	return [run.id, shownId(run), withoutHash(run.label)].some((text) => text.toLowerCase() === bare);
}

/**
 * The start of an id (a Northflank UUID's first block, a Wercker ObjectId), or of a name the RUN
 * column cut short ("Release 2361 of…"). Numbers never: "#12" must not pick #1284 when #12 is too old to be listed.
 */
function byPrefix(run: Run, typed: string): boolean {
	const cut = ELLIPSIS.test(typed);
	const start = withoutHash(typed.replace(ELLIPSIS, '')).toLowerCase();
	if (start.length === 0) return false;
	if (cut) return withoutHash(run.label).toLowerCase().startsWith(start);
	if (start.length < MIN_PREFIX || /^\d+$/.test(start)) return false;
	return run.id.toLowerCase().startsWith(start);
}

/**
 * Finds the run `typed` names among `runs` (of one source or several): the real id, the RUN
 * column's label with or without its `#`, the id as shown, then an id's start. The first way that
 * matches decides; an exact match is never made ambiguous by looser ones.
 */
export function lookUpRun(runs: readonly Run[], typed: string): RunLookup {
	const text = typed.trim();
	if (text === '') return {kind: 'unknown'};
	for (const matches of [exactly, ignoringCase, byPrefix]) {
		const found = runs.filter((run) => matches(run, text));
		if (found.length === 1 && found[0]) return {kind: 'found', run: found[0]};
		if (found.length > 1) return {kind: 'ambiguous', runs: found};
	}
	return {kind: 'unknown'};
}

const SHOWN_CHOICES = 5;

/** "could be 3 runs: deploy #12 (id 64f…), …; give the id" for a user who typed too little. */
export function ambiguousLine(typed: string, runs: readonly Run[]): string {
	const sources = new Set(runs.map((run) => run.source));
	const named = runs.slice(0, SHOWN_CHOICES).map((run) => `${sanitizeLine(run.source)} ${sanitizeLine(run.label)} (id ${shownId(run)})`);
	const more = runs.length > SHOWN_CHOICES ? `, and ${runs.length - SHOWN_CHOICES} more` : '';
	const fix = sources.size > 1 ? 'pick the source with --source NAME' : 'give the id';
	return `"${sanitizeLine(typed, 80)}" could be ${runs.length} runs: ${named.join(', ')}${more}; ${fix}`;
}

/** Why no run was found, and where to look: the runs of `sources` that were listed. */
export function unknownLine(typed: string, sources: readonly string[]): string {
	const where = sources.length === 1 ? `source ${sanitizeLine(sources[0])}` : `any of the ${sources.length} sources`;
	const runs = sources.length === 1 ? `citop runs --source ${sanitizeLine(sources[0])}` : 'citop runs';
	return `no run "${sanitizeLine(typed, 80)}" in ${where}; the RUN column of ${runs} shows what to type`;
}
