import type {Run} from '../../model/run.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {usableId} from '../build.js';
import {namesText, revisionText, shortCommit} from '../rerun.js';
import type {RerunPlan, TriggerRequest, WerckerSpec} from '../types.js';
import {werckerLabel} from './map.js';
import type {WkRun} from './schema.js';

const given = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value);

/**
 * The same pipeline, branch, commit, environment variables and chained run again, from a single
 * run's answer. The message is left to Wercker (the commit's, unless the run had its own).
 */
export function werckerRerunPlan(spec: WerckerSpec, run: Run, raw: WkRun): RerunPlan {
	const pipelineId = raw.pipeline?.id ?? null;
	if (spec.pipelineId && pipelineId !== null && pipelineId !== spec.pipelineId) {
		return {run, refusal: `it ran on pipeline ${sanitizeLine(pipelineId, 40)}, not on this source's (${sanitizeLine(spec.pipelineId, 40)})`};
	}
	const branch = given(raw.branch);
	const commit = given(raw.commitHash);
	if (commit !== null && branch === null) return {run, refusal: `it names commit ${shortCommit(commit)} but not its branch, and Wercker starts a commit only with its branch`};
	const sent = raw.envVars ?? [];
	if (sent.some((item) => (item.key ?? '') === '')) return {run, refusal: 'Wercker sent an environment variable of it without a name'};
	// A value Wercker does not send (a protected variable) would go out blank and override the real one.
	const hidden = sent.find((item) => typeof item.value !== 'string');
	if (hidden) return {run, refusal: `Wercker does not send the value of its environment variable ${sanitizeLine(hidden.key, 40)}: start the run with citop trigger and give it`};
	const variables = sent.map((item) => ({key: item.key ?? '', value: item.value ?? ''}));

	const request: TriggerRequest = {};
	const notes: string[] = [];
	const pipeline = run.pipeline === null ? '' : `pipeline ${run.pipeline} `;
	const parts: string[] = [];
	if (branch === null) {
		parts.push(`${pipeline}on the pipeline's default branch`);
		notes.push('the run does not say its branch: Wercker picks it');
	} else {
		request.branch = branch;
		if (commit !== null) request.commit = commit;
		else notes.push("the run does not say its commit: the branch's newest");
		parts.push(`${pipeline}on ${revisionText(branch, commit)}`);
	}
	if (raw.envVars === null) notes.push('the run does not say its environment variables: none are sent');
	if (variables.length > 0) {
		request.inputs = variables;
		// Their values may be secrets: the confirmation names them only.
		parts.push(`environment variables ${namesText(variables.map((item) => item.key))}`);
	}
	const sourceRun = usableId(raw.sourceRun);
	if (sourceRun !== null) {
		request.sourceRun = sourceRun;
		parts.push(`after run ${werckerLabel(sourceRun, null)}`);
	}
	return {run, request, summary: parts.join(', '), notes};
}
