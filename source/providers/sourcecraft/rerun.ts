import type {Run} from '../../model/run.js';
import {usableId} from '../build.js';
import {namesText} from '../rerun.js';
import type {RerunPlan} from '../types.js';
import type {ScRun} from './schema.js';

/** What a SourceCraft run's answer never says (the documented Run has no such fields). */
export const SOURCECRAFT_RERUN_NOTE = "SourceCraft does not say a run's branch, commit, CI config revision or input values: the default branch, no input values";

/**
 * The same workflows again. A run's answer names its workflows but not what it ran on, so the
 * rerun goes to the default branch (said in the note); a pull request's run is refused, since the
 * default branch is surely not what it built.
 */
export function sourceCraftRerunPlan(run: Run, raw: ScRun): RerunPlan {
	if (raw.event_type === 'pr_update' || run.pullRequest !== null) {
		const pull = run.pullRequest === null ? 'a pull request' : `PR ${run.pullRequest}`;
		return {run, refusal: `it ran for ${pull}, and SourceCraft does not say its branch or commit; start a run on that branch instead`};
	}
	const slugs = (raw.workflows ?? []).map((workflow) => usableId(workflow.slug));
	if (slugs.length === 0) return {run, refusal: 'SourceCraft has not listed its workflows yet (a run just created has none); try again in a moment'};
	const workflows = slugs.filter((slug): slug is string => slug !== null);
	if (workflows.length < slugs.length) return {run, refusal: 'SourceCraft sent a workflow of it without a name'};
	return {run, request: {workflows}, summary: `workflows ${namesText(workflows)} on the default branch`, notes: [SOURCECRAFT_RERUN_NOTE]};
}
