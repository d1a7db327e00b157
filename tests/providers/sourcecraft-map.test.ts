import {describe, expect, it} from 'vitest';
import {runKey} from '../../source/model/run.js';
import {mapRun} from '../../source/providers/sourcecraft/map.js';
import {listItems} from '../../source/providers/lenient.js';
import {listPageSchema, runSchema, type ScRun} from '../../source/providers/sourcecraft/schema.js';
import type {SourceCraftSpec} from '../../source/providers/types.js';
import {SOURCECRAFT_LIST_EXAMPLE, SOURCECRAFT_RUN_EXAMPLE, SOURCECRAFT_TASK_EXAMPLE} from './fixtures.js';

const spec: SourceCraftSpec = {provider: 'sourcecraft', name: 'acme/api', org: 'acme', repo: 'api', token: 'secret-token'};

function parseRun(value: unknown): ScRun {
	const parsed = runSchema.parse(value);
	if (!parsed) throw new Error('not a run');
	return parsed;
}

function map(value: unknown, whole = true) {
	const run = mapRun(spec, parseRun(value), whole);
	if (!run) throw new Error('no run');
	return run;
}

const at = Date.UTC(2025, 0, 1);

describe('SourceCraft mapping of the documented examples', () => {
	it('reads the list example: run fields, null workflow fields, a null task dropped, next page token', () => {
		const list = listPageSchema.parse(SOURCECRAFT_LIST_EXAMPLE);
		expect(list?.next_page_token).toBe('example');
		const runs = listItems(list?.runs).map((raw) => mapRun(spec, runSchema.parse(raw)!));
		expect(runs).toHaveLength(1);
		const run = runs[0]!;
		expect(run).toMatchObject({
			key: runKey('acme/api', 'example'),
			source: 'acme/api',
			provider: 'sourcecraft',
			id: 'example',
			label: '#example',
			title: 'example',
			status: 'queued',
			providerStatus: 'created',
			createdAt: at,
			startedAt: at,
			finishedAt: at,
			updatedAt: at,
			event: 'push',
			user: 'example',
			pullRequest: 'example',
			errors: ['example'],
			branch: null,
			commit: null,
		});
		const workflow = run.children?.[0];
		expect(workflow).toMatchObject({id: 'example', kind: 'workflow', status: 'unknown', providerStatus: null, createdAt: null, progress: null, children: []});
	});

	it('reads the run example: a task with cubes [null], progress {} and relations {}', () => {
		const run = map(SOURCECRAFT_RUN_EXAMPLE);
		const task = run.children?.[0]?.children[0];
		expect(task).toMatchObject({id: 'example/example', kind: 'task', status: 'unknown', progress: null, needs: [], children: []});
	});

	it('reads the task example: a cube with null dates and status, its artifact and a needs entry without a name', () => {
		const run = map({slug: '7', status: 'processing', workflows: [{slug: 'build', status: 'processing', tasks: [SOURCECRAFT_TASK_EXAMPLE]}]});
		const task = run.children?.[0]?.children[0];
		expect(task).toMatchObject({status: 'queued', progress: 0.5, currentCube: null});
		const cube = task?.children[0];
		expect(cube).toMatchObject({
			id: 'build/example/example',
			kind: 'cube',
			status: 'unknown',
			providerStatus: null,
			createdAt: null,
			needs: [],
			log: {path: ['7', 'build', 'example', 'example']},
		});
		const artifact = cube?.children[0];
		expect(artifact).toMatchObject({kind: 'artifact', title: 'example', status: 'queued', providerStatus: 'registered', artifact: {path: 'example', status: 'registered', url: 'example'}});
	});
});

describe('SourceCraft mapping of odd answers', () => {
	it('keeps an unknown status raw and maps it to unknown; timeout is failed with its flag', () => {
		expect(map({slug: '1', status: 'paused'})).toMatchObject({status: 'unknown', providerStatus: 'paused'});
		expect(map({slug: '1', status: 'timeout'})).toMatchObject({status: 'failed', providerStatus: 'timeout', flags: {timeout: true}});
		expect(map({slug: '1', status: 42})).toMatchObject({status: 'unknown', providerStatus: '42'});
	});

	it('reads progress as a fraction, a percentage above 1, or a numeric string, clamped', () => {
		const progress = (percent: unknown) => map({slug: '1', workflows: [{slug: 'w', progress: {percent}}]}).children?.[0]?.progress;
		expect(progress(0.25)).toBe(0.25);
		expect(progress(50)).toBe(0.5);
		expect(progress('0.5')).toBe(0.5);
		expect(progress(250)).toBe(1);
		expect(progress(-1)).toBeNull();
		expect(progress('lots')).toBeNull();
	});

	it('reads every date format, and shows nonsense dates as missing', () => {
		const run = map({slug: '1', dates: {created_at: '2021-01-01 12:01:00.000Z', started_at: '2017-07-04 15:35:19.999688998 +0000 UTC', finished_at: 'soon', updated_at: 1609502460}});
		expect(run.createdAt).toBe(Date.UTC(2021, 0, 1, 12, 1));
		expect(run.startedAt).toBe(Date.UTC(2017, 6, 4, 15, 35, 19, 999));
		expect(run.finishedAt).toBeNull();
		expect(run.updatedAt).toBe(1609502460_000);
	});

	it('takes a single object where an array belongs and drops null elements everywhere', () => {
		const run = map({
			slug: 12,
			workflows: {slug: 'only', tasks: [null, {slug: 't', cubes: [null, {slug: 'c', artifacts: [null], relations: {needs: [null, {name: 'a'}]}}]}]},
			error_messages: [null, 'boom', 7],
		});
		expect(run.id).toBe('12');
		expect(run.errors).toEqual(['boom', '7']);
		expect(run.children?.map((node) => node.id)).toEqual(['only']);
		const cube = run.children?.[0]?.children[0]?.children[0];
		expect(cube).toMatchObject({id: 'only/t/c', needs: ['a'], children: []});
	});

	it('strips terminal escapes from every text a server sends', () => {
		const hostile = '\u001b]0;pwned\u0007deploy\u001b[2J\u009b31m!';
		const run = map({slug: '3', error_messages: [hostile], user: {slug: hostile}, workflows: [{slug: hostile, tasks: [{slug: 't', cubes: [{slug: 'c'}]}]}]});
		const texts = [run.title, run.user, ...run.errors, run.children?.[0]?.title];
		for (const text of texts) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(run.title).toBe('deploy!');
		// The slug is the workflow's identity and goes back into requests as the server sent it; it is never shown.
		expect(run.children?.[0]?.id).toBe(hostile);
	});

	it('gives nodes without slugs stable ids by position, and no log reference', () => {
		const run = map({slug: '5', workflows: [{tasks: [{cubes: [{status: 'success'}]}]}]});
		const cube = run.children?.[0]?.children[0]?.children[0];
		expect(cube).toMatchObject({id: '#1/#1/#1', status: 'success', log: null});
	});

	it('drops a run without a slug, and a created run without workflows has an empty tree', () => {
		expect(mapRun(spec, parseRun({id: 'x', status: 'created'}))).toBeNull();
		expect(map({slug: '9', status: 'created', workflows: []}).children).toEqual([]);
		expect(map({slug: '9', status: 'created'}, false).children).toBeNull();
	});

	it('titles a run by its first error, else its workflows, else its event', () => {
		expect(map({slug: '1', error_messages: ['first', 'second'], workflows: [{slug: 'build'}]}).title).toBe('first');
		expect(map({slug: '1', workflows: [{slug: 'build'}, {slug: 'deploy'}]}).title).toBe('build, deploy');
		expect(map({slug: '1', event_type: 'manual'}).title).toBe('manual');
	});

	it('names the cube running now', () => {
		const run = map({slug: '1', workflows: [{slug: 'w', progress: {percent: 0.5, current_cube: {slug: 'tsc', status: 'processing'}}, tasks: [{slug: 't', progress: {current_cube: {slug: 'tsc'}}}]}]});
		expect(run.children?.[0]?.currentCube).toBe('tsc');
		expect(run.children?.[0]?.children[0]?.currentCube).toBe('tsc');
	});

	it('gives the run the mean of its workflows progress', () => {
		const run = map({slug: '1', workflows: [{slug: 'a', progress: {percent: 1}}, {slug: 'b', progress: {percent: 0.5}}, {slug: 'c'}]});
		expect(run.progress).toBe(0.75);
	});
});
