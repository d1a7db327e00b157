import type {Checked} from '../http.js';
import {isRecord} from '../http.js';
import type {ScRepoDef} from '../worlds.js';
import type {ScRequest} from './plan.js';

/** Checks of SourceCraft request parameters and bodies; each failure is one message for a 400. */

const UINT64_MAX = 18_446_744_073_709_551_615n;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `page_size` is a string<uint64>: digits only; 0 or absent means the default; large values are capped. */
export function checkPageSize(raw: string | null): Checked<number> {
	if (raw === null || raw === '') return {ok: true, value: DEFAULT_PAGE_SIZE};
	if (!/^\d+$/.test(raw) || BigInt(raw) > UINT64_MAX) return {ok: false, message: `invalid value for page_size: "${raw}" is not an unsigned 64-bit integer`};
	const size = Number(BigInt(raw) > BigInt(MAX_PAGE_SIZE) ? MAX_PAGE_SIZE : raw);
	return {ok: true, value: size === 0 ? DEFAULT_PAGE_SIZE : size};
}

interface PageToken {
	repo: string;
	pageSize: string;
	before: number;
}

export function encodePageToken(token: PageToken): string {
	return Buffer.from(JSON.stringify({v: 1, r: token.repo, s: token.pageSize, b: token.before})).toString('base64url');
}

/** A token must come from a call with the same parameters. */
export function checkPageToken(raw: string | null, repo: string, pageSize: string): Checked<number | null> {
	if (raw === null || raw === '') return {ok: true, value: null};
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
	} catch {
		return {ok: false, message: 'invalid page_token'};
	}
	if (!isRecord(decoded) || decoded['v'] !== 1 || typeof decoded['b'] !== 'number') return {ok: false, message: 'invalid page_token'};
	if (decoded['r'] !== repo || decoded['s'] !== pageSize) {
		return {ok: false, message: 'page_token does not match the request: all other parameters must stay the same while paginating'};
	}
	return {ok: true, value: decoded['b']};
}

type Revision = {branch?: string; tag?: string; commit?: string};

/** The documented body has these fields and no others: a field the server does not know is refused, as protobuf JSON is. */
function unknownField(value: Record<string, unknown>, known: readonly string[], where: string): Checked<never> | null {
	const extra = Object.keys(value).find((key) => !known.includes(key));
	return extra === undefined ? null : {ok: false, message: `${where}: unknown field "${extra}"`};
}

/** A GitRevision: exactly one of branch, tag, commit; an empty one means the default branch. */
function checkRevision(value: unknown, field: string): Checked<Revision | undefined> {
	if (value === undefined || value === null) return {ok: true, value: undefined};
	if (!isRecord(value)) return {ok: false, message: `${field} must be an object with one of branch, tag or commit`};
	const extra = unknownField(value, ['branch', 'tag', 'commit'], field);
	if (extra) return extra;
	const given = (['branch', 'tag', 'commit'] as const).filter((key) => value[key] !== undefined && value[key] !== null && value[key] !== '');
	for (const key of given) {
		if (typeof value[key] !== 'string') return {ok: false, message: `${field}.${key} must be a string`};
	}
	if (given.length > 1) return {ok: false, message: `${field}: exactly one of branch, tag or commit must be provided, got ${given.join(', ')}`};
	const key = given[0];
	return {ok: true, value: key ? {[key]: value[key] as string} : undefined};
}

export function checkRunWorkflowsBody(body: unknown, repo: ScRepoDef): Checked<ScRequest> {
	if (body === undefined) return {ok: false, message: 'request body is not valid JSON'};
	const value = body ?? {};
	if (!isRecord(value)) return {ok: false, message: 'request body must be a JSON object'};
	const extra = unknownField(value, ['head', 'config_revision', 'workflows', 'shared'], 'request body');
	if (extra) return extra;
	const head = checkRevision(value['head'], 'head');
	if (!head.ok) return head;
	const config = checkRevision(value['config_revision'], 'config_revision');
	if (!config.ok) return config;
	if (value['shared'] !== undefined && value['shared'] !== null && typeof value['shared'] !== 'boolean') return {ok: false, message: 'shared must be a boolean'};
	const request: ScRequest = {event: 'manual'};
	if (head.value) request.head = head.value;
	const workflows = value['workflows'];
	if (workflows !== undefined && workflows !== null) {
		if (!Array.isArray(workflows)) return {ok: false, message: 'workflows must be an array'};
		const list: {name: string; values: {name: string; value: string}[]}[] = [];
		for (const [index, item] of workflows.entries()) {
			if (!isRecord(item) || typeof item['name'] !== 'string' || item['name'] === '') return {ok: false, message: `workflows[${index}].name is required`};
			const extraInItem = unknownField(item, ['name', 'values'], `workflows[${index}]`);
			if (extraInItem) return extraInItem;
			const name = item['name'];
			if (!repo.workflows.some((workflow) => workflow.slug === name)) {
				return {ok: false, message: `workflow "${name}" is not defined in the CI configuration of ${repo.name}`};
			}
			const values = checkValues(item['values'], `workflows[${index}].values`);
			if (!values.ok) return values;
			list.push({name, values: values.value});
		}
		if (list.length > 0) request.workflows = list;
	}
	return {ok: true, value: request};
}

export function checkValues(value: unknown, field: string): Checked<{name: string; value: string}[]> {
	if (value === undefined || value === null) return {ok: true, value: []};
	if (!Array.isArray(value)) return {ok: false, message: `${field} must be an array`};
	const values: {name: string; value: string}[] = [];
	for (const [index, item] of value.entries()) {
		if (!isRecord(item) || typeof item['name'] !== 'string' || (item['value'] !== undefined && typeof item['value'] !== 'string')) {
			return {ok: false, message: `${field}[${index}] must be {name, value} strings`};
		}
		const extra = unknownField(item, ['name', 'value'], `${field}[${index}]`);
		if (extra) return extra;
		values.push({name: item['name'], value: (item['value'] as string | undefined) ?? ''});
	}
	return {ok: true, value: values};
}

/** The deprecated trigger's body: `revision` is a branch or `tags:NAME`. */
export function checkTriggerBody(body: unknown, workflow: string): Checked<ScRequest> {
	if (body === undefined) return {ok: false, message: 'request body is not valid JSON'};
	const value = body ?? {};
	if (!isRecord(value)) return {ok: false, message: 'request body must be a JSON object'};
	const revision = value['revision'];
	if (revision !== undefined && revision !== null && typeof revision !== 'string') return {ok: false, message: 'revision must be a string'};
	const input = value['input'];
	const values = checkValues(isRecord(input) ? input['values'] : undefined, 'input.values');
	if (!values.ok) return values;
	const head = typeof revision === 'string' && revision !== '' ? (revision.startsWith('tags:') ? {tag: revision.slice(5)} : {branch: revision}) : {branch: 'main'};
	return {ok: true, value: {event: 'manual', head, workflows: [{name: workflow, values: values.value}]}};
}
