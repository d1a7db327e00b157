import type {Checked} from '../http.js';
import {isRecord} from '../http.js';
import type {WkRequest} from './plan.js';

/** Checks of Wercker's list query and trigger body, with hapi/Joi-style messages. */

export const MAX_LIMIT = 20;
const STATUSES = ['notstarted', 'started', 'finished', 'running'];
const RESULTS = ['aborted', 'unknown', 'passed', 'failed'];
const SORTS = ['creationDateAsc', 'creationDateDesc'];

export interface ListQuery {
	pipelineId: string | null;
	applicationId: string | null;
	limit: number;
	skip: number;
	ascending: boolean;
	status: string | null;
	result: string | null;
	branch: string | null;
	commit: string | null;
	sourceRun: string | null;
	author: string | null;
}

function integer(query: URLSearchParams, name: string, min: number, max: number, fallback: number): Checked<number> {
	const raw = query.get(name);
	if (raw === null || raw === '') return {ok: true, value: fallback};
	if (!/^-?\d+$/.test(raw)) return {ok: false, message: `child "${name}" fails because ["${name}" must be a number]`};
	const value = Number(raw);
	if (value < min) return {ok: false, message: `child "${name}" fails because ["${name}" must be larger than or equal to ${min}]`};
	if (value > max) return {ok: false, message: `child "${name}" fails because ["${name}" must be less than or equal to ${max}]`};
	return {ok: true, value};
}

function oneOf(query: URLSearchParams, name: string, allowed: readonly string[]): Checked<string | null> {
	const raw = query.get(name);
	if (raw === null || raw === '') return {ok: true, value: null};
	if (!allowed.includes(raw)) return {ok: false, message: `child "${name}" fails because ["${name}" must be one of [${allowed.join(', ')}]]`};
	return {ok: true, value: raw};
}

/** `limit` above 20 is refused (400), not clamped: a client asking for more must learn the cap. */
export function checkListQuery(query: URLSearchParams): Checked<ListQuery> {
	const limit = integer(query, 'limit', 1, MAX_LIMIT, MAX_LIMIT);
	if (!limit.ok) return limit;
	const skip = integer(query, 'skip', 0, Number.MAX_SAFE_INTEGER, 0);
	if (!skip.ok) return skip;
	const sort = oneOf(query, 'sort', SORTS);
	if (!sort.ok) return sort;
	const status = oneOf(query, 'status', STATUSES);
	if (!status.ok) return status;
	const result = oneOf(query, 'result', RESULTS);
	if (!result.ok) return result;
	const text = (name: string) => {
		const raw = query.get(name);
		return raw === null || raw === '' ? null : raw;
	};
	const pipelineId = text('pipelineId');
	const applicationId = text('applicationId');
	if (!pipelineId && !applicationId) return {ok: false, message: 'Either applicationId or pipelineId must be specified'};
	return {
		ok: true,
		value: {
			pipelineId,
			applicationId,
			limit: limit.value,
			skip: skip.value,
			ascending: sort.value === 'creationDateAsc',
			status: status.value,
			result: result.value,
			branch: text('branch'),
			commit: text('commit'),
			sourceRun: text('sourceRun'),
			author: text('author'),
		},
	};
}

export function checkTriggerBody(body: unknown): Checked<WkRequest & {pipelineId: string}> {
	if (body === undefined) return {ok: false, message: 'Invalid request payload JSON format'};
	if (!isRecord(body)) return {ok: false, message: '"value" must be an object'};
	const strings = ['pipelineId', 'sourceRunId', 'branch', 'commitHash', 'message'] as const;
	for (const name of strings) {
		if (body[name] !== undefined && body[name] !== null && typeof body[name] !== 'string') return {ok: false, message: `child "${name}" fails because ["${name}" must be a string]`};
	}
	const pipelineId = body['pipelineId'];
	if (typeof pipelineId !== 'string' || pipelineId === '') return {ok: false, message: 'child "pipelineId" fails because ["pipelineId" is required]'};
	const branch = typeof body['branch'] === 'string' && body['branch'] !== '' ? body['branch'] : undefined;
	const commitHash = typeof body['commitHash'] === 'string' && body['commitHash'] !== '' ? body['commitHash'] : undefined;
	if (commitHash && !branch) return {ok: false, message: 'child "commitHash" fails because ["commitHash" requires "branch" to be set]'};
	const envVars: {key: string; value: string}[] = [];
	const rawVars = body['envVars'];
	if (rawVars !== undefined && rawVars !== null) {
		if (!Array.isArray(rawVars)) return {ok: false, message: 'child "envVars" fails because ["envVars" must be an array]'};
		for (const [index, item] of rawVars.entries()) {
			if (!isRecord(item) || typeof item['key'] !== 'string' || typeof item['value'] !== 'string') {
				return {ok: false, message: `child "envVars" fails because ["${index}" must be an object with string key and value]`};
			}
			envVars.push({key: item['key'], value: item['value']});
		}
	}
	const request: WkRequest & {pipelineId: string} = {pipelineId, envVars};
	if (branch) request.branch = branch;
	if (commitHash) request.commitHash = commitHash;
	if (typeof body['message'] === 'string' && body['message'] !== '') request.message = body['message'];
	if (typeof body['sourceRunId'] === 'string' && body['sourceRunId'] !== '') request.sourceRunId = body['sourceRunId'];
	return {ok: true, value: request};
}
