import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {nodeKey, runKey} from '../../source/model/run.js';
import type {RunNode} from '../../source/model/run.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {NORTHFLANK_CAPABILITIES, SOURCECRAFT_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import type {Harness} from './helpers.js';
import {KEY, plain, renderApp, selectedRow, unmountApps} from './helpers.js';

afterEach(unmountApps);

const KEY_1284 = runKey('acme/api', '1284');

function tree(now: number): RunNode[] {
	return [
		makeNode('build', {
			kind: 'workflow',
			status: 'running',
			progress: 0.64,
			startedAt: now - 118_000,
			currentCube: 'unit',
			children: [
				makeNode('build/compile', {
					kind: 'task',
					title: 'compile',
					children: [
						makeNode('build/compile/tsc', {
							kind: 'cube',
							title: 'tsc',
							children: [
								makeNode('build/compile/tsc/dist', {
									kind: 'artifact',
									title: 'dist/app.tgz',
									artifact: {path: 'dist/app.tgz', status: 'success', url: 'https://dl.example/app.tgz'},
								}),
							],
						}),
					],
				}),
				makeNode('build/test', {
					kind: 'task',
					title: 'test',
					status: 'running',
					needs: ['compile'],
					children: [
						makeNode('build/test/unit', {kind: 'cube', title: 'unit', status: 'running', startedAt: now - 77_000, log: {path: ['1284', 'build', 'test', 'unit']}}),
						makeNode('build/test/e2e', {kind: 'cube', title: 'e2e', status: 'queued'}),
					],
				}),
			],
		}),
		makeNode('deploy', {kind: 'workflow', status: 'queued', needs: ['build'], children: [makeNode('deploy/ship', {kind: 'task', title: 'ship', status: 'queued'})]}),
		makeNode('lint', {kind: 'workflow', status: 'failed', errors: ['eslint found 3 problems']}),
	];
}

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [
			makeSource('acme/api', {provider: 'sourcecraft', capabilities: SOURCECRAFT_CAPABILITIES, lastSuccessAt: now}),
			makeSource('prod-release', {provider: 'northflank', capabilities: NORTHFLANK_CAPABILITIES, lastSuccessAt: now}),
		],
		runs: [
			makeRun('acme/api', '1284', 2, now, {status: 'running', children: tree(now), user: 'ann'}),
			makeRun('prod-release', '77', 3, now, {
				status: 'running',
				label: 'release-77',
				children: [makeNode('approve', {kind: 'node', status: 'running', flags: {awaitingApproval: true}, log: {path: ['approve']}})],
			}),
		],
	});
	return {clock, store, now};
}

async function openFirstRun(app: Harness) {
	await app.press(KEY.enter, 'esc back');
}

describe('run detail', () => {
	it('says in its header what the run was started with, once the detail has it', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock);
		await app.press(KEY.down, 'release-77');
		await app.press(KEY.enter, 'esc back');
		expect(app.text()).not.toContain('imageTag');
		const run = store.getSnapshot().runs[1]!;
		await app.push({detail: {runKey: run.key, run: {...run, branch: 'release/2.3', inputs: {imageTag: 'v2.3.1'}}, loading: false, error: null, fetchedAt: now}});
		await app.waitFor((frame) => frame.includes('imageTag=v2.3.1'), 'the arguments in the header');
		expect(plain(app.frame()).split('\n').find((line) => line.includes('esc back'))).toMatch(/prod-release release-77 · release\/2\.3 [0-9a-f]{7} · imageTag=v2\.3\.1 · /);
	});

	it('shows the list’s tree while the run loads, then the fetched one', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock);
		await openFirstRun(app);
		expect(app.text()).toContain('acme/api #1284');
		expect(app.text()).toContain('loading');
		expect(plain(app.frame())).toMatch(/▾ ⠋ build +running +███████░░░░  64% +1:58 +at unit/);
		expect(app.text()).toContain('needs compile');
		expect(app.text()).toContain('! eslint found 3 problems');
		const run = store.getSnapshot().runs[0]!;
		await app.push({
			detail: {runKey: KEY_1284, run: {...run, children: [...tree(now), makeNode('notify', {kind: 'workflow'})]}, loading: false, error: null, fetchedAt: now},
		});
		await app.waitFor((frame) => frame.includes('notify'), 'the fetched tree');
		expect(app.text()).not.toContain('loading');
	});

	it('folds and unfolds nodes with arrows, Enter and Space; ← goes to the parent, then back', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await openFirstRun(app);
		expect(app.text()).not.toContain('ship');
		await app.press('G', (frame) => selectedRow(frame).includes('! eslint found 3 problems'));
		await app.press('kk', (frame) => selectedRow(frame).includes('deploy'));
		await app.press(KEY.right, 'ship');
		await app.press(KEY.left, (frame) => !plain(frame).includes('ship'));
		await app.press(KEY.enter, 'ship');
		await app.press(' ', (frame) => !plain(frame).includes('ship'));
		await app.press('g', (frame) => selectedRow(frame).includes('build'));
		await app.press('j', (frame) => selectedRow(frame).includes('compile'));
		expect(app.text()).not.toContain('tsc');
		await app.press(KEY.right, 'tsc');
		await app.press(KEY.right, (frame) => selectedRow(frame).includes('tsc'));
		await app.press(KEY.right, 'dist/app.tgz');
		expect(app.text()).toContain('https://dl.example/app.tgz');
		await app.press('j', (frame) => selectedRow(frame).includes('dist/app.tgz'));
		await app.press('y', 'sent the download URL of dist/app.tgz');
		expect(app.writes.at(-1)).toContain(Buffer.from('https://dl.example/app.tgz').toString('base64'));
		await app.press(KEY.left, (frame) => selectedRow(frame).includes('tsc'));
		await app.press(KEY.left, (frame) => !plain(frame).includes('✓ dist/app.tgz'));
		await app.press(KEY.left, (frame) => selectedRow(frame).includes('compile'));
		await app.press(KEY.left, (frame) => selectedRow(frame).includes('compile') && !plain(frame).includes('tsc'));
		await app.press(KEY.left, (frame) => selectedRow(frame).includes('build'));
		await app.press(KEY.left, (frame) => !plain(frame).includes('test '));
		await app.press(KEY.left, 'STATUS');
		await app.eventually(() => store.callsOf('openRun').at(-1)?.[0] === null, 'openRun(null)');
	});

	it('lights a node that just changed until its highlight ends', async () => {
		const {clock, store, now} = setup();
		const app = await renderApp(store, clock);
		await openFirstRun(app);
		const mark = {kind: 'status' as const, at: now, until: now + 6_000, from: 'queued' as const, to: 'running' as const};
		await app.push({highlights: new Map([[nodeKey(KEY_1284, 'build/test/unit'), mark]])});
		const lit = await app.waitFor((frame) => /»\s+⠋ unit/.test(plain(frame)), 'the lit node');
		expect(lit.split('\n').find((line) => plain(line).includes('⠋ unit'))).toContain('\u001b[1m');
		await app.advance(6_000);
		await app.waitFor((frame) => !plain(frame).includes('»'), 'the highlight to fade');
	});

	it('opens a node’s log, follows its end, stays put when scrolled, and follows again with F', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {rows: 20});
		await openFirstRun(app);
		await app.press('jjj', (frame) => selectedRow(frame).includes('unit'));
		expect(selectedRow(app.frame())).toContain('l log');
		await app.press('l', 'following');
		await app.eventually(() => store.callsOf('openLog').length === 1, 'openLog');
		expect(store.callsOf('openLog')).toEqual([[KEY_1284, 'build/test/unit']]);
		const lines = Array.from({length: 100}, (_, index) => `line ${index + 1}`);
		await app.push({log: {runKey: KEY_1284, nodeId: 'build/test/unit', lines, dropped: 0, partial: 'compiling', done: false, loading: false, caughtUp: true, error: null}});
		let text = plain(await app.waitFor((frame) => frame.includes('compiling'), 'the log'));
		expect(text).toContain('line 100');
		expect(text).toContain('live');
		await app.press('k', 'F follow');
		text = app.text();
		expect(text).not.toContain('compiling');
		expect(text).toContain('line 100');
		await app.push({log: {runKey: KEY_1284, nodeId: 'build/test/unit', lines: [...lines, 'line 101', 'line 102'], dropped: 0, partial: '', done: true, loading: false, caughtUp: true, error: null}});
		text = plain(await app.waitFor((frame) => frame.includes('complete'), 'the finished log'));
		expect(text).not.toContain('line 102');
		await app.press('F', 'following');
		expect(app.text()).toContain('line 102');
		await app.press('g', 'line 1 of 102');
		await app.press(KEY.end, 'following');
		await app.press(KEY.escape, 'needs compile');
		await app.eventually(() => store.callsOf('closeLog').length === 1, 'closeLog');
	});

	it('explains a source without logs, and a node without one', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('j', (frame) => selectedRow(frame).includes('release-77'));
		await app.press(KEY.enter, 'esc back');
		expect(app.text()).toContain('approval');
		await app.press('l', 'Northflank release flows have no logs');
		expect(store.callsOf('openLog')).toEqual([]);
		await app.press(KEY.escape, 'STATUS');
		await app.press('k', (frame) => selectedRow(frame).includes('#1284'));
		await app.press(KEY.enter, 'esc back');
		await app.press('l', 'build has no log');
	});
});
