import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {WERCKER_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import {FakeStore, makeNode, makeRun} from './fake-store.js';
import {KEY, plain, renderApp, rowWith, unmountApps} from './helpers.js';

afterEach(unmountApps);

const MINUTE = 60_000;
const BOLD = '\u001b[1m';

/** Deploys of shop took 9, 10 and 11 minutes; one runs for 4 minutes now, with no progress of its own; a build has the provider's. */
function setup() {
	const clock = new ManualClock();
	const now = clock.now();
	const deploy = {pipeline: 'deploy'};
	const store = new FakeStore(clock, {
		sources: [makeSource('shop', {provider: 'wercker', capabilities: WERCKER_CAPABILITIES, lastSuccessAt: now})],
		runs: [
			makeRun('shop', 'd4', 4, now, {...deploy, label: 'd4', status: 'running', progress: null}),
			makeRun('shop', 'b1', 2, now, {pipeline: 'build', label: 'b1', status: 'running', progress: 0.5}),
			makeRun('shop', 'd3', 30, now, {...deploy, label: 'd3', finishedAt: now - 30 * MINUTE + 9 * MINUTE}),
			makeRun('shop', 'd2', 60, now, {...deploy, label: 'd2', finishedAt: now - 60 * MINUTE + 10 * MINUTE}),
			makeRun('shop', 'd1', 90, now, {...deploy, label: 'd1', finishedAt: now - 90 * MINUTE + 11 * MINUTE}),
		],
	});
	return {clock, store};
}

describe('a running run without progress of its own', () => {
	it("shows its pipeline's usual time as a bar of its own look and the time left, apart from the provider's bar", async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		expect(plain(rowWith(app.frame(), 'd4 deploy'))).toContain('▰▰▰▱▱▱▱ ~6m left');
		expect(plain(rowWith(app.frame(), 'b1 build'))).toContain('██████░░░░░  50%');
		expect(plain(rowWith(app.frame(), 'b1 build'))).not.toContain('left');
		// Concluded runs show neither.
		expect(plain(rowWith(app.frame(), 'd3 deploy'))).not.toMatch(/left|▰|█/);
	});

	it('tells the bars apart in ASCII too', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120, ascii: true});
		expect(plain(rowWith(app.frame(), 'd4 deploy'))).toContain('===---- ~6m left');
		expect(plain(rowWith(app.frame(), 'b1 build'))).toContain('######.....  50%');
	});

	it('says how far over its usual time it is, lit once when it crosses', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		await app.advance(6 * MINUTE + 3_000);
		const crossed = rowWith(app.frame(), 'd4 deploy');
		expect(plain(crossed)).toContain('+0:03 over');
		expect(crossed).toContain(BOLD);
		await app.advance(MINUTE);
		const later = rowWith(app.frame(), 'd4 deploy');
		expect(plain(later)).toContain('+1:03 over');
		expect(later).not.toContain(BOLD);
	});

	it('names the usual time, its spread and the runs it comes from above the run tree', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 120});
		await app.press(KEY.down);
		await app.press(KEY.enter, 'esc back');
		const title = plain(app.frame())
			.split('\n')
			.find((row) => row.includes('esc back'));
		expect(title).toContain('~6m left');
		expect(title).toContain('usually 10:00 (9:30–10:30, 3 runs)');
	});

	it('estimates a node of the run tree from the same node in earlier runs of its pipeline', async () => {
		const clock = new ManualClock();
		const now = clock.now();
		/** A SourceCraft run started `minutesAgo` whose task "ci/test" took `minutes` (null: runs still). */
		const sourcecraft = (id: string, minutesAgo: number, minutes: number | null) => {
			const startedAt = now - minutesAgo * MINUTE;
			const status = minutes === null ? 'running' : 'success';
			const finishedAt = minutes === null ? null : startedAt + minutes * MINUTE;
			const test = makeNode('ci/test', {title: 'test', status, progress: null, startedAt, finishedAt});
			return makeRun('acme/api', id, minutesAgo, now, {provider: 'sourcecraft', status, progress: null, finishedAt, children: [makeNode('ci', {kind: 'workflow', title: 'ci', status, progress: null, startedAt, children: [test]})]});
		};
		const store = new FakeStore(clock, {
			sources: [makeSource('acme/api', {lastSuccessAt: now})],
			runs: [sourcecraft('9', 1, null), sourcecraft('8', 30, 4), sourcecraft('7', 60, 4), sourcecraft('6', 90, 6)],
		});
		const app = await renderApp(store, clock, {columns: 120});
		await app.press(KEY.enter, 'esc back');
		await app.press(KEY.right);
		await app.press(KEY.right, 'test');
		const row = plain(app.frame())
			.split('\n')
			.find((line) => / test /.test(line));
		expect(row).toContain('~3m left');
	});

	it('estimates a Wercker step from the step of the same name in the trees citop holds, though each run gives its steps new ids', async () => {
		const clock = new ManualClock();
		const now = clock.now();
		/** A run of the build pipeline started `minutesAgo` whose step "npm test" took `minutes` (null: runs still). */
		const build = (id: string, minutesAgo: number, minutes: number | null) => {
			const startedAt = now - minutesAgo * MINUTE;
			const status = minutes === null ? 'running' : 'success';
			const finishedAt = minutes === null ? null : startedAt + minutes * MINUTE;
			const step = makeNode(`${id}-5f0c`, {kind: 'step', title: 'npm test', status, progress: null, startedAt, finishedAt});
			return makeRun('shop', id, minutesAgo, now, {provider: 'wercker', pipeline: 'build', status, progress: null, finishedAt, children: [step]});
		};
		const store = new FakeStore(clock, {
			sources: [makeSource('shop', {provider: 'wercker', capabilities: WERCKER_CAPABILITIES, lastSuccessAt: now})],
			runs: [build('w9', 1, null), build('w8', 30, 4), build('w7', 60, 4), build('w6', 90, 6)],
		});
		const app = await renderApp(store, clock, {columns: 120});
		await app.press(KEY.enter, 'esc back');
		const row = plain(app.frame())
			.split('\n')
			.find((line) => / npm test /.test(line));
		expect(row).toContain('▰▰▱▱▱▱▱ ~3m left');
	});
});
