import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runKey} from '../../source/model/run.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {NORTHFLANK_CAPABILITIES, SOURCECRAFT_CAPABILITIES, WERCKER_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import type {Harness} from './helpers.js';
import {KEY, plain, renderApp, rowWith, selectedRow, unmountApps} from './helpers.js';
import {ANSWER_AFTER_MS} from '../../source/ui/state/answers.js';

afterEach(unmountApps);

function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [
			makeSource('deploy', {lastSuccessAt: now}),
			makeSource('acme/api', {provider: 'sourcecraft', capabilities: SOURCECRAFT_CAPABILITIES, lastSuccessAt: now}),
			makeSource('prod-release', {provider: 'northflank', capabilities: NORTHFLANK_CAPABILITIES, lastSuccessAt: now}),
		],
		runs: [
			makeRun('deploy', '5751', 3, now, {status: 'running', url: 'https://ci.example/deploy/5751'}),
			makeRun('acme/api', '1284', 4, now, {status: 'running'}),
			makeRun('deploy', '5750', 60, now, {url: null}),
		],
	});
	return {clock, store, now};
}

const footer = (app: Harness) => app.text().split('\n').slice(-2).join('\n');

describe('abort', () => {
	it('asks with the run’s name, and aborts only on y', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('x', 'Abort deploy #5751? y/N');
		await app.press('n', 'keeps running');
		expect(store.callsOf('abort')).toEqual([]);
		await app.press('x', 'Abort deploy #5751? y/N');
		await app.press('y', 'abort requested for deploy #5751');
		expect(store.callsOf('abort')).toEqual([[runKey('deploy', '5751')]]);
	});

	it('explains why a source cannot abort instead of doing nothing', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('j', (frame) => selectedRow(frame).includes('#1284'));
		await app.press('x', 'SourceCraft has no way to cancel a run');
		expect(app.text()).not.toContain('y/N');
	});

	it('says a finished run is already finished', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('G', (frame) => selectedRow(frame).includes('#5750'));
		await app.press('x', 'deploy #5750 already finished (success)');
	});

	it('shows a failed abort in the footer, with the request id', async () => {
		const {clock, store} = setup();
		store.abortResult = () => Promise.reject(Object.assign(new Error('the run is locked'), {requestId: 'req-9'}));
		const app = await renderApp(store, clock);
		await app.press('x', 'y/N');
		await app.press('y', 'could not abort deploy #5751: the run is locked (request req-9)');
	});
});

describe('rerun', () => {
	it('says why a run cannot be started again, and what the provider does not tell under the question', async () => {
		const {clock, store} = setup();
		store.rerunResult = (key) => {
			const run = store.getSnapshot().runs.find((item) => item.key === key)!;
			return Promise.resolve(
				run.id === '1284'
					? {run, refusal: 'it ran for PR 373, and SourceCraft does not say its branch or commit; start a run on that branch instead'}
					: {run, request: {branch: 'master'}, summary: 'on master', notes: ["the run does not say its commit: the branch's newest"]},
			);
		};
		const app = await renderApp(store, clock);
		await app.press('R', 'Rerun #5751 on deploy: on master? y/N');
		expect(app.text()).toContain("the run does not say its commit: the branch's newest");
		// A key as the question comes up is not its answer; one after reading it is.
		await app.press(KEY.escape, (frame) => frame.includes('y/N'));
		clock.advance(ANSWER_AFTER_MS);
		await app.press(KEY.escape, '#5751 on deploy: not rerun');
		await app.press('j', (frame) => selectedRow(frame).includes('#1284'));
		await app.press('R', 'cannot rerun acme/api #1284: it ran for PR 373');
		expect(app.text()).not.toContain('y/N');
		expect(store.callsOf('trigger')).toEqual([]);
	});

	it('says so when the question comes while the user types a filter, instead of asking under it', async () => {
		const {clock, store} = setup();
		let reply: () => void = () => {};
		store.rerunResult = (key) => {
			const run = store.getSnapshot().runs.find((item) => item.key === key)!;
			return new Promise((resolve) => (reply = () => resolve({run, request: {branch: 'master'}, summary: 'on master', notes: []})));
		};
		const app = await renderApp(store, clock);
		await app.press('R', 'reading what');
		await app.press('/', (frame) => frame.includes('⏎ keep'));
		reply();
		await app.waitFor((frame) => frame.includes('not asked while you were busy: press R again'));
		expect(app.text()).not.toContain('y/N');
		expect(store.callsOf('trigger')).toEqual([]);
	});

	it('says a source that cannot start runs, and a failed read, in the footer', async () => {
		const {clock, store, now} = setup();
		const application = {...WERCKER_CAPABILITIES, trigger: false, reasons: {trigger: 'Wercker starts runs of a pipeline: set pipelineId in the config'}};
		store.push({
			sources: [makeSource('shop', {capabilities: application, lastSuccessAt: now}), ...store.getSnapshot().sources],
			runs: [makeRun('shop', '77', 0, now, {status: 'running'}), ...store.getSnapshot().runs],
		});
		store.rerunResult = () => Promise.reject(Object.assign(new Error('the server is down'), {requestId: 'req-3'}));
		const app = await renderApp(store, clock);
		await app.press('R', 'Wercker starts runs of a pipeline: set pipelineId in the config');
		expect(selectedRow(app.frame())).toContain('#77');
		expect(store.callsOf('rerunPlan')).toEqual([]);
		await app.press('j', (frame) => selectedRow(frame).includes('#5751'));
		await app.press('R', 'could not read deploy #5751: the server is down (request req-3)');
	});
});

describe('trigger', () => {
	it('asks which source on the all view, walks its fields, sends, and selects the new run', async () => {
		const {clock, store, now} = setup();
		const started = makeRun('deploy', '5752', 0, now, {status: 'queued'});
		store.triggerResult = async () => started;
		const app = await renderApp(store, clock);
		await app.press('t', 'which source?');
		// Only sources that can start runs are offered.
		expect(app.text()).toContain('prod-release');
		await app.press(KEY.enter, (frame) => frame.includes('Start a run on deploy') && frame.includes('Branch'));
		await app.press('main', '▸ main');
		await app.press(KEY.enter, 'Commit');
		await app.press(KEY.enter, 'Message');
		await app.press('hotfix', '▸ hotfix');
		await app.press(KEY.enter, 'Environment variables');
		await app.press('oops', '▸ oops');
		await app.press(KEY.enter, 'write KEY=VALUE');
		await app.press('\u007f\u007f\u007f\u007f', (frame) => !frame.includes('oops'));
		// A pasted block of lines: each line is one variable, the empty one goes on.
		await app.press('ENV=prod\rDEBUG=1\r\r', 'Chain after a run?');
		await app.press(KEY.enter, 'Start this run?');
		expect(app.text()).toContain('branch: main');
		expect(app.text()).toContain('environment variables: ENV=prod DEBUG=1');
		await app.press(KEY.enter, 'started deploy #5752');
		expect(store.callsOf('trigger')).toEqual([
			['deploy', {branch: 'main', message: 'hotfix', inputs: [{key: 'ENV', value: 'prod'}, {key: 'DEBUG', value: '1'}]}],
		]);
		expect(app.text()).not.toContain('Start a run');
		await app.push({runs: [started, ...store.getSnapshot().runs]});
		await app.waitFor((frame) => selectedRow(frame).includes('#5752'), 'the new run selected');
	});

	it('chains a Wercker run after a passed run chosen from a list ("after run …")', async () => {
		const {clock, store, now} = setup();
		store.triggerResult = async () => makeRun('deploy', '5752', 0, now, {status: 'queued'});
		const app = await renderApp(store, clock);
		await app.press(KEY.tab, '[deploy]');
		await app.press('t', 'Branch');
		await app.press('\r\r\r\r', 'Chain after a run?');
		// Only a run that passed is offered: deploy #5751 still runs.
		expect(app.text()).toContain('after run deploy #5750');
		expect(app.text()).not.toContain('after run deploy #5751');
		await app.press('j', '▸ after run deploy #5750');
		await app.press(KEY.enter, 'Start this run?');
		expect(app.text()).toContain('after run: deploy #5750');
		await app.press(KEY.enter, 'started deploy #5752');
		expect(store.callsOf('trigger')).toEqual([['deploy', {sourceRun: '5750'}]]);
	});

	it('asks Northflank for the branch to deploy per ref and sends them as the run’s refs', async () => {
		const {clock, store, now} = setup();
		store.triggerResult = async () => makeRun('prod-release', '78', 0, now, {status: 'queued', label: 'release-78'});
		const app = await renderApp(store, clock);
		await app.press('t', 'which source?');
		await app.press(KEY.down);
		await app.press(KEY.down);
		await app.press(KEY.enter, (frame) => frame.includes('Start a run on prod-release') && frame.includes('Run name'));
		await app.press(KEY.enter, 'Description');
		await app.press(KEY.enter, 'Arguments');
		await app.press('imageTag=v2.9.0\r\r', 'Branches to deploy');
		await app.press('api\r', 'write REF=BRANCH');
		await app.press('\u007f\u007f\u007f', (frame) => !frame.includes('▸ api'));
		await app.press('api=release/2.9\r\r', 'Start this run?');
		expect(app.text()).toContain('refs: api=release/2.9');
		await app.press(KEY.enter, 'started prod-release release-78');
		expect(store.callsOf('trigger')).toEqual([['prod-release', {inputs: [{key: 'imageTag', value: 'v2.9.0'}], refs: [{ref: 'api', branch: 'release/2.9'}]}]]);
	});

	it('asks no source on a source tab, and cancels with Esc at any step without sending', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press(KEY.tab, '[deploy]');
		await app.press('t', 'Start a run on deploy');
		await app.press('main', '▸ main');
		await app.press(KEY.enter, 'Commit');
		await app.press(KEY.escape, 'trigger canceled');
		expect(app.text()).not.toContain('Start a run');
		expect(store.callsOf('trigger')).toEqual([]);
	});

	it('picks workflows, head and sharing from lists for SourceCraft, and shows a refusal in the footer', async () => {
		const {clock, store, now} = setup();
		store.push({
			runs: [
				makeRun('acme/api', '1284', 4, now, {
					status: 'running',
					children: [makeNode('build', {kind: 'workflow'}), makeNode('deploy', {kind: 'workflow'})],
				}),
			],
		});
		store.triggerResult = () => Promise.reject(Object.assign(new Error('workflow "deploy" is not defined'), {requestId: 'sc-1'}));
		const app = await renderApp(store, clock);
		await app.press(`${KEY.tab}${KEY.tab}`, '[acme/api]');
		await app.press('t', 'Workflows to run');
		await app.press('j', '▸ [ ] deploy');
		await app.press(KEY.enter, '▸ [x] deploy');
		await app.press('j', '▸ other: type names');
		await app.press('j', '▸ continue');
		await app.press(KEY.enter, 'Run on');
		await app.press('j', '▸ a branch');
		await app.press(KEY.enter, 'Branch');
		await app.press('release', '▸ release');
		await app.press(KEY.enter, 'Read the CI config from');
		await app.press('jj', '▸ a tag');
		await app.press(KEY.enter, 'Tag to read the CI config from');
		await app.press('v2\r', 'Input values');
		await app.press(KEY.enter, 'Shared run?');
		await app.press(KEY.enter, 'Start this run?');
		await app.press(KEY.enter, 'workflow "deploy" is not defined (request sc-1)');
		expect(store.callsOf('trigger')).toEqual([['acme/api', {workflows: ['deploy'], branch: 'release', configRevision: {tag: 'v2'}, shared: false}]]);
		// The form stays, with the error, so it can be sent again or left with Esc.
		expect(app.text()).toContain('Start this run?');
		expect(app.text()).toContain('could not start a run on acme/api');
	});

	it('takes a workflow typed by name when the history lacks it, and goes back from the confirmation keeping the answers', async () => {
		const {clock, store, now} = setup();
		store.push({runs: [makeRun('acme/api', '1284', 4, now, {status: 'running', children: [makeNode('build', {kind: 'workflow'})]})]});
		store.triggerResult = () => Promise.reject(new Error('refused'));
		const app = await renderApp(store, clock);
		await app.press(`${KEY.tab}${KEY.tab}`, '[acme/api]');
		await app.press('t', 'Workflows to run');
		await app.press('j', '▸ other: type names');
		await app.press(KEY.enter, 'comma-separated');
		await app.press('nightly, lint', '▸ nightly, lint');
		await app.press(KEY.enter, 'Run on');
		await app.press(KEY.enter, 'CI config');
		await app.press(KEY.enter, 'Input values');
		await app.press(KEY.enter, 'Shared run?');
		await app.press(KEY.enter, 'Start this run?');
		expect(app.text()).toContain('workflows: nightly, lint');
		await app.press(KEY.left, 'Shared run?');
		await app.press(KEY.enter, 'Start this run?');
		expect(app.text()).toContain('workflows: nightly, lint');
		await app.press(KEY.enter, 'refused');
		expect(store.callsOf('trigger')).toEqual([['acme/api', {workflows: ['nightly', 'lint'], shared: false}]]);
	});
	it('applies every key of a burst typed faster than a frame, across fields, in order', async () => {
		const {clock, store, now} = setup();
		store.triggerResult = async () => makeRun('deploy', '5752', 0, now, {status: 'queued'});
		const app = await renderApp(store, clock);
		await app.press(KEY.tab, '[deploy]');
		await app.press('t', 'Branch');
		await app.burst([...'release/2.4-hotfix'], '▸ release/2.4-hotfix');
		await app.burst(Array.from({length: 12}, () => '\u007f'), (frame) => plain(frame).includes('▸ releas ') && !plain(frame).includes('▸ release'));
		await app.burst([...'e/2.5', KEY.left, KEY.left, '\u007f', '3'], '▸ release/3.5');
		// Enter and the next field's text in the same burst: nothing typed after Enter is lost.
		await app.burst([KEY.enter, ...'abc123', KEY.enter, ...'hot', KEY.enter, 'A=1', KEY.enter, 'B=2', KEY.enter, KEY.enter, KEY.enter], 'Start this run?');
		expect(app.text()).toContain('branch: release/3.5');
		expect(app.text()).toContain('environment variables: A=1 B=2');
		await app.press(KEY.enter, 'started deploy #5752');
		expect(store.callsOf('trigger')).toEqual([
			['deploy', {branch: 'release/3.5', commit: 'abc123', message: 'hot', inputs: [{key: 'A', value: '1'}, {key: 'B', value: '2'}]}],
		]);
	});
});

describe('watch, copy, refresh, pause and help', () => {
	it('watches a run, marks it, and rings the bell and notifies when it ends', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('w', 'watching deploy #5751');
		expect(store.callsOf('watch')).toEqual([[runKey('deploy', '5751')]]);
		await app.waitFor((frame) => selectedRow(frame).startsWith(' ●'), 'the watch mark');
		const run = {...store.getSnapshot().runs[0]!, status: 'success' as const};
		await app.act(() => store.concludeWatched(run));
		await app.waitFor((frame) => footer(app!).includes('watched run ended: deploy #5751 success') && frame !== '', 'the footer line');
		expect(app.writes).toEqual(['\u0007', '\u001b]9;citop: deploy #5751 success\u0007']);
		await app.press('w', 'stopped watching deploy #5751');
		expect(store.callsOf('unwatch')).toEqual([[runKey('deploy', '5751')]]);
	});

	it('rings no bell and sends no notification when they are turned off', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {notify: {bell: false, osc9: false}});
		await app.act(() => store.concludeWatched(store.getSnapshot().runs[0]!));
		await app.waitFor((frame) => frame.includes('watched run ended'), 'the footer line');
		expect(app.writes).toEqual([]);
	});

	it('copies the URL with OSC 52, the id when there is no URL, and says what it sent', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		await app.press('y', 'sent the URL of deploy #5751 to the terminal clipboard (OSC 52)');
		const base64 = Buffer.from('https://ci.example/deploy/5751').toString('base64');
		expect(app.writes).toEqual([`\u001b]52;c;${base64}\u0007`]);
		expect(footer(app)).not.toContain('tmux');
		await app.press('G', (frame) => selectedRow(frame).includes('#5750'));
		await app.press('y', 'sent the id of deploy #5750 to the terminal clipboard (OSC 52)');
		expect(app.writes[1]).toContain(Buffer.from('5750').toString('base64'));
	});

	describe('inside tmux', () => {
		let bin: string;
		beforeAll(async () => {
			bin = await mkdtemp(join(tmpdir(), 'citop-fake-tmux-'));
			// Answers `tmux show -gv set-clipboard` as the test's environment says, and notes what it was asked.
			await writeFile(join(bin, 'tmux'), '#!/bin/sh\necho "$*" >> "$0.asked"\necho "$SET_CLIPBOARD"\n', {mode: 0o755});
		});
		afterAll(async () => {
			await rm(bin, {recursive: true, force: true});
		});
		const inTmux = (more: NodeJS.ProcessEnv) => ({columns: 120, env: {TMUX: '/tmp/tmux-1000/default,1,0', PATH: bin, ...more}});

		it('wraps the sequence to pass through, and says how to enable the clipboard when set-clipboard is not on', async () => {
			const {clock, store} = setup();
			const app = await renderApp(store, clock, inTmux({SET_CLIPBOARD: 'external'}));
			await app.press('y', 'sent the URL of deploy #5751 to the terminal clipboard (OSC 52); tmux may drop it: tmux set -g set-clipboard on');
			const base64 = Buffer.from('https://ci.example/deploy/5751').toString('base64');
			expect(app.writes).toEqual([`\u001b]52;c;${base64}\u0007\u001bPtmux;\u001b\u001b]52;c;${base64}\u0007\u001b\\`]);
			expect(await readFile(join(bin, 'tmux.asked'), 'utf8')).toContain('show -gv set-clipboard\n');
		});

		it('gives no advice when set-clipboard is on', async () => {
			const {clock, store} = setup();
			const app = await renderApp(store, clock, inTmux({SET_CLIPBOARD: 'on'}));
			await app.press('y', 'sent the URL of deploy #5751 to the terminal clipboard (OSC 52) through tmux');
			expect(footer(app)).not.toContain('set-clipboard');
		});

		it('says how to enable it when tmux cannot be asked', async () => {
			const {clock, store} = setup();
			const app = await renderApp(store, clock, inTmux({PATH: join(bin, 'none')}));
			await app.press('y', 'sent the URL of deploy #5751 to the terminal clipboard (OSC 52); if it does not arrive: tmux set -g set-clipboard on');
		});
	});

	it('pauses and resumes on two quick presses, before the screen shows the pause', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		app.stdin.write('pp');
		await app.waitFor((frame) => frame.includes('polling resumed'));
		expect(store.calls.map(([name]) => name).filter((name) => name === 'pause' || name === 'resume')).toEqual(['pause', 'resume']);
	});

	it('refreshes the shown source, pauses and resumes polling', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('r', 'refreshing every source');
		await app.press(KEY.tab, '[deploy]');
		await app.press('r', 'refreshing deploy');
		expect(store.callsOf('refresh')).toEqual([[undefined], ['deploy']]);
		await app.press('p', 'polling paused');
		await app.press('p', 'polling resumed');
		expect(store.calls.map(([name]) => name).filter((name) => name === 'pause' || name === 'resume')).toEqual(['pause', 'resume']);
	});

	it.each([
		[80, 24],
		[60, 12],
	])('scrolls the help at %i×%i to every key and mark, none of them cut', async (columns, rows) => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns, rows});
		await app.press('?', 'Keys in the run list');
		const seen = new Set<string>();
		const body = () => app.text().split('\n').slice(2, rows - 4);
		for (let page = 0; page < 40; page++) {
			for (const line of body()) seen.add(line.trimEnd());
			const where = /(\d+)-(\d+)\/(\d+)/.exec(app.text().split('\n')[1] ?? '');
			expect(where, 'the help says where its window is').not.toBeNull();
			if (where?.[2] === where?.[3]) break;
			const before = app.text();
			await app.press(page % 2 === 0 ? 'j' : KEY.pageDown, (frame) => plain(frame) !== before);
		}
		const text = [...seen].join('\n');
		expect(text).not.toContain('…');
		const words = text.split(/\s+/);
		for (const phrase of ['abort the run (asks first)', 'cycle the sort order', "open the node's log", 'follow the end on / off', 'watch / unwatch: bell and notification when it ends']) {
			for (const word of phrase.split(' ')) expect(words, phrase).toContain(word);
		}
		for (const mark of ['✓', '✗', '○', '⊘', '↷', '»', '●', 'approval', 'timed', 'canceling', 'STALE']) expect(words).toContain(mark);
		// Back up to the top with k and PgUp; any other key closes.
		await app.press(KEY.pageUp);
		await app.press('g', (frame) => /\b1-\d+\//.test(plain(frame)));
		await app.press('q', (frame) => !plain(frame).includes('Keys in the run list'));
		expect(app.quits()).toBe(0);
	});

	it('shows every key in a help overlay that any key but the moving ones closes', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock);
		await app.press('?', 'Keys in the run list');
		for (const words of ['abort the run', 'cycle the sort order', 'next source', 'filter by text', 'quit']) {
			expect(app.text()).toContain(words);
		}
		expect(rowWith(app.text(), '✓')).toMatch(/✓ +success/);
		await app.press('q', (frame) => !frame.includes('Keys in the run list'));
		expect(app.quits()).toBe(0);
	});
});
