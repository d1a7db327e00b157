import {sanitizeLine} from '../model/sanitize.js';

/** What each provider's rerun plan shares: how a revision and a list of names read in a confirmation. */

const SHORT_COMMIT = 7;
const SHOWN_NAMES = 6;

/** A commit as the REF column shows it: its first 7 characters. */
export function shortCommit(commit: string): string {
	return sanitizeLine(commit, 64).slice(0, SHORT_COMMIT);
}

/** "master@1a2b3c4", or the branch alone when the commit is not known. */
export function revisionText(branch: string, commit: string | null): string {
	const name = sanitizeLine(branch, 80);
	return commit === null ? name : `${name}@${shortCommit(commit)}`;
}

/** "build, test, deploy" (the first few, then how many more). */
export function namesText(names: readonly string[]): string {
	const shown = names.slice(0, SHOWN_NAMES).map((name) => sanitizeLine(name, 60));
	return names.length > SHOWN_NAMES ? `${shown.join(', ')} and ${names.length - SHOWN_NAMES} more` : shown.join(', ');
}
