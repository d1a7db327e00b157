import type {Checked} from '../http.js';
import {isRecord} from '../http.js';
import {hexOf} from '../random.js';
import type {NfTriggerDef} from '../worlds.js';
import type {NfRequest} from './plan.js';

/** Checks of Northflank's list query and start body. */

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
const NAME_RULE = /^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$/;

export const RUN_STATUSES = ['pending', 'running', 'success', 'failure', 'aborted', 'aborting', 'queued', 'unknown', 'skipped', 'waiting', 'retrying', 'async_wait', 'approval_wait'];

export interface ListQuery {
	perPage: number;
	/** Newest run number to list from (inclusive); or, without it, how many matching runs to pass over. */
	before: number | null;
	offset: number;
	status: string | null;
	concluded: boolean | null;
}

interface CursorBody {
	flow: string;
	next: number;
	perPage: number;
}

/**
 * The API declares a cursor as a string of exactly 24 characters (the official CLI's description
 * of the `cursor` parameter: minLength and maxLength 24). Here: 24 hex digits, the next run number
 * (8), the page size (2) and a check (14) over both and the flow, so a cursor of another flow, or
 * one altered, is refused.
 */
export const CURSOR_LENGTH = 24;

const check = (cursor: CursorBody): string => hexOf(14, 'northflank-cursor', cursor.flow, cursor.next, cursor.perPage);

export function encodeCursor(cursor: CursorBody): string {
	return `${cursor.next.toString(16).padStart(8, '0')}${cursor.perPage.toString(16).padStart(2, '0')}${check(cursor)}`;
}

function decodeCursor(raw: string, flow: string): CursorBody | null {
	if (!/^[0-9a-f]{24}$/.test(raw)) return null;
	const cursor = {flow, next: Number.parseInt(raw.slice(0, 8), 16), perPage: Number.parseInt(raw.slice(8, 10), 16)};
	return raw.slice(10) === check(cursor) ? cursor : null;
}

function integer(query: URLSearchParams, name: string, min: number, max: number): Checked<number | null> {
	const raw = query.get(name);
	if (raw === null || raw === '') return {ok: true, value: null};
	if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return {ok: false, message: `"${name}" must be an integer from ${min} to ${max}`};
	return {ok: true, value: Number(raw)};
}

function filters(query: URLSearchParams): Checked<Pick<ListQuery, 'status' | 'concluded'>> {
	const status = query.get('status') || null;
	if (status !== null && !RUN_STATUSES.includes(status)) return {ok: false, message: `"status" must be one of ${RUN_STATUSES.join(', ')}`};
	const concluded = query.get('concluded') || null;
	if (concluded !== null && concluded !== 'true' && concluded !== 'false') return {ok: false, message: '"concluded" must be true or false'};
	return {ok: true, value: {status, concluded: concluded === null ? null : concluded === 'true'}};
}

export function checkListQuery(query: URLSearchParams, flow: string): Checked<ListQuery> {
	const perPage = integer(query, 'per_page', 1, MAX_PER_PAGE);
	if (!perPage.ok) return perPage;
	const page = integer(query, 'page', 1, 1_000_000);
	if (!page.ok) return page;
	const filter = filters(query);
	if (!filter.ok) return filter;
	const raw = query.get('cursor');
	if (raw !== null && raw !== '') {
		if (raw.length !== CURSOR_LENGTH) return {ok: false, message: `"cursor" must be ${CURSOR_LENGTH} characters long`};
		const cursor = decodeCursor(raw, flow);
		if (!cursor) return {ok: false, message: '"cursor" is not a valid cursor for this list'};
		return {ok: true, value: {perPage: perPage.value ?? cursor.perPage, before: cursor.next, offset: 0, ...filter.value}};
	}
	const size = perPage.value ?? DEFAULT_PER_PAGE;
	return {ok: true, value: {perPage: size, before: null, offset: ((page.value ?? 1) - 1) * size, ...filter.value}};
}

export function checkStartBody(body: unknown, triggers: readonly NfTriggerDef[]): Checked<NfRequest> {
	if (body === undefined) return {ok: false, message: 'Request body is not valid JSON'};
	const value = body ?? {};
	if (!isRecord(value)) return {ok: false, message: 'Request body must be an object'};
	const request: NfRequest = {};
	const name = value['name'];
	if (name !== undefined && name !== null) {
		if (typeof name !== 'string' || name.length < 3 || name.length > 39 || !NAME_RULE.test(name)) {
			return {ok: false, message: '"name" must be 3-39 characters: letters, digits, single spaces or dashes, starting with a letter'};
		}
		request.name = name;
	}
	const description = value['description'];
	if (description !== undefined && description !== null) {
		if (typeof description !== 'string' || description.length > 200) return {ok: false, message: '"description" must be a string of at most 200 characters'};
		request.description = description;
	}
	const args = value['arguments'];
	if (args !== undefined && args !== null) {
		if (!isRecord(args)) return {ok: false, message: '"arguments" must be an object'};
		request.arguments = args;
	}
	const overrides = value['overrides'];
	if (overrides !== undefined && overrides !== null) {
		const refs = triggers.map((trigger) => trigger.ref);
		if (!isRecord(overrides) || !Object.values(overrides).every(isRecord)) return {ok: false, message: '"overrides" must be an object of objects, one per ref'};
		const unknown = Object.keys(overrides).find((ref) => !refs.includes(ref));
		if (unknown !== undefined) return {ok: false, message: `"overrides" names ref "${unknown}", which this release flow does not have (its refs: ${refs.join(', ')})`};
		request.overrides = overrides as Record<string, Record<string, unknown>>;
	}
	const nodes = value['releaseNodeOverrides'];
	if (nodes !== undefined && nodes !== null && !isRecord(nodes)) return {ok: false, message: '"releaseNodeOverrides" must be an object'};
	return {ok: true, value: request};
}
