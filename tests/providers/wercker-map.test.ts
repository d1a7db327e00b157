import {describe, expect, it} from 'vitest';
import {runKey} from '../../source/model/run.js';
import type {WerckerSpec} from '../../source/providers/types.js';
import {mapRun, werckerLabel} from '../../source/providers/wercker/map.js';
import {listItems} from '../../source/providers/lenient.js';
import {runSchema, stepListSchema, type WkRun} from '../../source/providers/wercker/schema.js';
import {WERCKER_LIST_EXAMPLE, WERCKER_RUN_EXAMPLE, WERCKER_STEPS_EXAMPLE, WERCKER_TRIGGER_GO_DATES} from './fixtures.js';

const spec: WerckerSpec = {provider: 'wercker', name: 'deploy', pipelineId: '5751377e7e1bd5f17f050bc4', token: 'secret-token'};

function parseRun(value: unknown): WkRun {
	const parsed = runSchema.parse(value);
	if (!parsed) throw new Error('not a run');
	return parsed;
}

/** A list answer's runs as the client reads them: a single object is a list of one, nulls dropped. */
function runList(answer: unknown): WkRun[] {
	return listItems(answer)
		.map((item) => runSchema.parse(item))
		.filter((raw): raw is WkRun => raw !== null);
}

describe('Wercker mapping of the documented examples', () => {
	it('reads the list example', () => {
		const runs = runList(WERCKER_LIST_EXAMPLE).map((raw) => mapRun(spec, raw));
		expect(runs.map((run) => run?.id)).toEqual(['577a4dbc3ec144923a02b6f9', '577a48b83828f9673b03e4a9']);
		expect(runs[0]).toMatchObject({
			key: runKey('deploy', '577a4dbc3ec144923a02b6f9'),
			provider: 'wercker',
			label: '3a02b6f9'.slice(-7),
			title: 'My custom message!',
			status: 'canceled',
			providerStatus: 'finished/aborted',
			progress: 0.57,
			branch: 'master',
			commit: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
			user: 'tonnu',
			url: 'https://app.wercker.com/api/v3/runs/577a4dbc3ec144923a02b6f9',
			createdAt: Date.parse('2016-07-04T11:51:24.851Z'),
			startedAt: Date.parse('2016-07-04T11:51:25.996Z'),
			finishedAt: Date.parse('2016-07-04T11:51:34.284Z'),
			children: null,
		});
	});

	it('reads one run with its steps in order, each with a log reference', () => {
		const steps = stepListSchema.parse([...WERCKER_STEPS_EXAMPLE].reverse());
		const run = mapRun(spec, parseRun(WERCKER_RUN_EXAMPLE), steps);
		expect(run).toMatchObject({status: 'success', providerStatus: 'finished/passed', progress: 1});
		expect(run?.children?.map((step) => [step.title, step.order, step.status])).toEqual([
			['get code', 1, 'success'],
			['setup environment', 2, 'success'],
		]);
		expect(run?.children?.[0]?.log).toEqual({path: ['577a4dbc3ec144923a02b6fb', '577a34553828f9673b034ac9']});
		expect(run?.children?.[1]?.startedAt).toBe(Date.parse('2016-07-04T11:51:28.593Z'));
	});

	it('reads the trigger reply with Go-style dates, null progress and no start yet', () => {
		const run = mapRun(spec, parseRun(WERCKER_TRIGGER_GO_DATES));
		expect(run).toMatchObject({status: 'queued', providerStatus: 'notstarted', progress: null, startedAt: null, finishedAt: null});
		expect(run?.createdAt).toBe(Date.UTC(2017, 6, 4, 15, 35, 19, 999));
	});
});

describe('Wercker mapping of odd answers', () => {
	it('takes a single object where the list should be, and drops nulls and runs without ids', () => {
		expect(runList(WERCKER_RUN_EXAMPLE)).toHaveLength(1);
		const runs = runList([null, {message: 'no id'}, WERCKER_RUN_EXAMPLE]).map((raw) => mapRun(spec, raw));
		expect(runs.filter((run) => run !== null)).toHaveLength(1);
	});

	it('maps unknown results and statuses to unknown, keeping the raw pair', () => {
		expect(mapRun(spec, parseRun({id: 'a', status: 'finished', result: 'unknown'}))).toMatchObject({status: 'unknown', providerStatus: 'finished/unknown'});
		expect(mapRun(spec, parseRun({id: 'a', status: 'exploded'}))).toMatchObject({status: 'unknown', providerStatus: 'exploded'});
		expect(mapRun(spec, parseRun({id: 'a', status: 'running', progress: '42'}))).toMatchObject({status: 'running', progress: 0.42});
	});

	it('reads progress as a percentage: 1 means 1 %', () => {
		expect(mapRun(spec, parseRun({id: 'a', progress: 1}))?.progress).toBe(0.01);
	});

	it('labels numbered runs #n, others by the tail of their id', () => {
		expect(werckerLabel('577a4dbc3ec144923a02b6f9', null)).toBe('a02b6f9');
		expect(werckerLabel('577a4dbc3ec144923a02b6f9', 5751)).toBe('#5751');
		expect(werckerLabel('custom-run-identifier-1', null)).toBe('custom-run-i');
	});

	it('strips escapes from messages, branches and user names', () => {
		const hostile = '\u001b]0;pwned\u0007fix\u001b[2J it';
		const run = mapRun(spec, parseRun({id: 'a', message: hostile, branch: hostile, user: {meta: {username: hostile}}}));
		expect([run?.title, run?.branch, run?.user]).toEqual(['fix it', 'fix it', 'fix it']);
	});

	it('falls back to the pipeline name when a run has no message', () => {
		expect(mapRun(spec, parseRun({id: 'a', pipeline: {name: 'initial-build'}}))?.title).toBe('initial-build');
	});
});
