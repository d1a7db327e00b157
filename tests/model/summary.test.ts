import {describe, expect, it} from 'vitest';
import type {Run} from '../../source/model/run.js';
import {HOUR_MS, SUMMARY_WINDOW, failedSince, summarize, summarizeLists} from '../../source/model/summary.js';
import {summaryFields} from '../../source/output/summary.js';
import {testRun} from '../fixtures/runs.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MINUTE = 60_000;

/** A run that started `ago` minutes ago and, unless running or queued, took `took` minutes. */
function run(id: string, ago: number, status: Run['status'] = 'success', took = 5, more: Partial<Run> = {}): Run {
	const startedAt = NOW - ago * MINUTE;
	const active = status === 'running' || status === 'queued';
	return testRun({id, status, createdAt: startedAt, startedAt: status === 'queued' ? null : startedAt, finishedAt: active ? null : startedAt + took * MINUTE, ...more});
}

const text = (runs: readonly Run[], showSource = false) => summaryFields(summarize(runs), NOW, {showSource}).map((field) => field.text);

describe('the summary of runs', () => {
	it('counts running and queued runs, and failures of the last hour only', () => {
		const summary = summarize([run('9', 3, 'running'), run('8', 1, 'queued'), run('7', 2, 'queued'), run('6', 30, 'failed'), run('5', 50, 'failed'), run('4', 200, 'failed')]);
		expect(summary.running).toBe(1);
		expect(summary.queued).toBe(2);
		expect(failedSince(summary, NOW - HOUR_MS)).toBe(2);
		// Later, the failure of 50 minutes ago is more than an hour old: the same summary reads one.
		expect(failedSince(summary, NOW + 20 * MINUTE - HOUR_MS)).toBe(1);
	});

	it('takes the success rate and durations from the newest 50 concluded runs only', () => {
		const old = Array.from({length: 30}, (_, index) => run(`old${index}`, 1000 + index, 'failed', 60));
		const recent = Array.from({length: SUMMARY_WINDOW}, (_, index) => run(`new${index}`, 10 + index * 2, index < 40 ? 'success' : 'canceled', index + 1));
		const summary = summarize([...recent, ...old]);
		expect(summary.concluded).toBe(50);
		expect(summary.succeeded).toBe(40);
		expect(text([...recent, ...old])).toContain('80% ok of 50');
		// Durations 1..50 minutes: nearest rank gives the 25th and the 45th.
		expect(summary.p50Ms).toBe(25 * MINUTE);
		expect(summary.p90Ms).toBe(45 * MINUTE);
	});

	it('leaves out of the durations a run without dates, or one that finished before it started', () => {
		const summary = summarize([run('1', 10, 'success', 4), run('2', 20, 'success', 0, {startedAt: null}), run('3', 30, 'failed', 0, {finishedAt: NOW - 40 * MINUTE})]);
		expect(summary.concluded).toBe(3);
		expect(summary.p50Ms).toBe(4 * MINUTE);
		expect(summary.p90Ms).toBe(4 * MINUTE);
	});

	it('says nothing of a rate, durations, the longest run or a red branch it has nothing for', () => {
		expect(text([run('1', 1, 'queued'), run('2', 2, 'skipped'), run('3', 3, 'unknown', 5, {finishedAt: null})])).toEqual(['0 running', '1 queued', '0 failed in 1h']);
		expect(text([])).toEqual(['0 running', '0 queued', '0 failed in 1h']);
	});

	it('names the run that has been running longest, and how long, with its source on the all tab', () => {
		const runs = [run('12', 3, 'running'), run('11', 12, 'running', 0, {source: 'deploy'}), run('10', 5, 'running', 0, {startedAt: null})];
		expect(summarize(runs).longest?.run.id).toBe('11');
		expect(text(runs)).toContain('longest #11 12:00');
		expect(text(runs, true)).toContain('longest deploy #11 12:00');
	});

	it('says a branch is red since the first failure after its last success, and for how long', () => {
		const runs = [
			run('2294', 10, 'failed', 4),
			run('2293', 20, 'canceled', 4),
			run('2292', 30, 'failed', 4),
			run('2290', 40, 'failed', 6),
			run('2289', 60, 'success'),
			run('2288', 70, 'failed'),
			run('3001', 5, 'success', 2, {branch: 'feature'}),
		];
		const summary = summarize(runs);
		expect(summary.red?.since.id).toBe('2290');
		expect(summary.red?.branch).toBe('main');
		expect(text(runs).at(-1)).toBe('main red since #2290 (34m)');
	});

	it('does not call a branch red that never succeeded, or whose newest run passed', () => {
		expect(summarize([run('3', 10, 'failed'), run('2', 20, 'failed')]).red).toBeNull();
		expect(summarize([run('3', 10, 'success'), run('2', 20, 'failed'), run('1', 30, 'success')]).red).toBeNull();
	});

	it('keeps the branches of different sources apart, shows the one red longest and counts the others', () => {
		const runs = [
			run('20', 5, 'failed', 1, {source: 'web'}),
			run('19', 9, 'success', 1, {source: 'web'}),
			run('11', 5, 'failed', 1, {source: 'api'}),
			run('10', 50, 'failed', 1, {source: 'api'}),
			run('9', 90, 'success', 1, {source: 'api'}),
			run('30', 5, 'failed', 1, {source: 'api', branch: 'release'}),
			run('29', 7, 'success', 1, {source: 'api', branch: 'release'}),
		];
		const summary = summarize(runs);
		expect(summary.redBranches).toBe(3);
		expect(summary.red?.since.id).toBe('10');
		expect(text(runs).at(-1)).toBe('main red since #10 (49m), +2 red');
		expect(text(runs, true).at(-1)).toBe('api main red since #10 (49m), +2 red');
	});

	it('orders concluded runs by when they ended, and those without any date after the dated ones', () => {
		const undated = run('1', 0, 'success', 0, {createdAt: null, startedAt: null, finishedAt: null, updatedAt: null});
		const summary = summarize([undated, run('3', 30, 'failed', 1), run('2', 90, 'success')]);
		expect(summary.red?.since.id).toBe('3');
	});

	it('shows a branch name from a server without its control sequences', () => {
		const runs = [run('2', 10, 'failed', 1, {branch: 'ma\u001b[31min'}), run('1', 20, 'success', 1, {branch: 'ma\u001b[31min'})];
		expect(text(runs).at(-1)).toBe('main red since #2 (9m)');
	});
});

describe('the summary of several sources', () => {
	it('is the summary of all their runs together, whichever sources a poll changed', () => {
		const of = (source: string, offset: number) =>
			Array.from({length: 80}, (_, index) =>
				run(`${source}-${index}`, offset + index * 3, (['success', 'failed', 'running', 'success', 'canceled'] as const)[index % 5], 2 + (index % 7), {source, branch: index % 2 ? 'main' : 'dev'}),
			);
		const api = of('api', 1);
		const web = of('web', 2);
		const together = summarize([...api, ...web]);
		expect(summarizeLists([api, web])).toEqual(together);
		expect(together.concluded).toBe(SUMMARY_WINDOW);
		const webLater = web.map((item, index) => (index === 2 ? {...item, status: 'failed' as const, finishedAt: NOW} : item));
		expect(summarizeLists([api, webLater])).toEqual(summarize([...api, ...webLater]));
		expect(summarizeLists([api, webLater]).running).toBe(together.running - 1);
	});
});

