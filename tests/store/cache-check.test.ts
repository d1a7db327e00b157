import {describe, expect, it} from 'vitest';
import {cacheText} from '../../source/store/cache-file.js';
import {CACHE_VERSION, cacheFileOf, otherVersion} from '../../source/store/cache-check.js';
import {testNode, testRun} from '../fixtures/runs.js';

const run = testRun({
	id: '42',
	inputs: {DEPLOY_ENV: 'prod'},
	flags: {awaitingApproval: true},
	children: [testNode({id: 'build', children: [testNode({id: 'unit', log: {path: ['build', 'unit']}, retries: {attempts: 2, maxAttempts: 3}})]})],
});

type Written = {runs: Record<string, unknown>[]} & Record<string, unknown>;
type Change = (data: Written) => unknown;

/** The file citop writes for `run`, parsed back, with `change` applied to it. */
function file(change: Change = () => {}): unknown {
	const data = JSON.parse(cacheText([run], 1_700_000_000_000)!) as Written;
	change(data);
	return data;
}

describe('the cache file check', () => {
	it('takes what citop writes, runs and tree tops as they were', () => {
		const read = cacheFileOf(file());
		expect(read?.savedAt).toBe(1_700_000_000_000);
		expect(read?.runs[0]?.inputs).toEqual({DEPLOY_ENV: 'prod'});
		expect(read?.runs[0]?.children?.[0]?.id).toBe('build');
	});

	it.each<[string, Change]>([
		['an unknown status', (data) => (data.runs[0]!['status'] = 'exploded')],
		['a field too many', (data) => (data.runs[0]!['extra'] = 1)],
		['a missing field', (data) => delete data.runs[0]!['label']],
		['a number as text', (data) => (data.runs[0]!['id'] = 42)],
		['a date as text', (data) => (data.runs[0]!['startedAt'] = '2026-01-01')],
		['an input that is no text', (data) => (data.runs[0]!['inputs'] = {A: 1})],
		['an unknown flag', (data) => (data.runs[0]!['flags'] = {paused: true})],
		['a bad node inside the tree', (data) => ((data.runs[0]!['children'] as Record<string, unknown>[])[0]!['kind'] = 'job')],
		['runs that are no list', (data) => (data.runs = {} as Written['runs'])],
		['no saving time', (data) => delete data['savedAt']],
	])('refuses a file with %s', (_what, change) => {
		expect(cacheFileOf(file(change))).toBeNull();
	});

	it('tells a file of another version from a corrupt one', () => {
		expect(otherVersion({version: CACHE_VERSION + 1, runs: 'anything'})).toBe(true);
		expect(otherVersion(file())).toBe(false);
		expect(otherVersion([1])).toBe(false);
		expect(cacheFileOf(null)).toBeNull();
	});
});
