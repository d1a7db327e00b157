import {afterEach, describe, expect, it, vi} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import type {Store} from '../../source/store/types.js';
import {runTui} from '../../source/ui/index.js';
import {cachedSnapshot, startingSources, startingStore} from '../../source/ui/state/starting-store.js';
import {FakeTerminal} from '../bench/terminal.js';
import {makeSource} from '../fixtures/sources.js';
import {FakeStore, makeRun} from './fake-store.js';

async function until(check: () => boolean, what: string, screen: () => string): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen()}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

function setup() {
	const clock = new ManualClock();
	const terminal = new FakeTerminal(100, 30);
	let resolve: (store: Store) => void = () => {};
	let reject: (error: Error) => void = () => {};
	const store = new Promise<Store>((ok, fail) => {
		resolve = ok;
		reject = fail;
	});
	const done = runTui({store, color: false, notify: {bell: false, osc9: false}, clock, ...terminal.streams});
	const screen = () => terminal.screen();
	const loaded = new FakeStore(clock, {sources: [makeSource('deploy', {lastSuccessAt: clock.now()})], runs: [makeRun('deploy', '5751', 2, clock.now())]});
	return {terminal, done, screen, loaded, resolve, reject};
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('runTui while the store is still loading', () => {
	it('draws the empty layout at once, written in the same turn, then the runs when the store arrives', async () => {
		const {terminal, done, screen, loaded, resolve} = setup();
		// No turn of the event loop has passed: the first frame is already on the screen.
		expect(screen()).toMatch(/^citop/);
		expect(screen()).toContain('STATUS');
		expect(screen()).toContain('no runs yet');
		resolve(loaded);
		await until(() => screen().includes('#5751'), 'the run', screen);
		expect(screen()).toContain('deploy');
		terminal.type('q');
		expect(await done).toBe(0);
	});

	it('draws the cached runs in the first frame, stale with their age, before the store has loaded', async () => {
		const clock = new ManualClock();
		const terminal = new FakeTerminal(100, 30);
		const savedAt = clock.now() - 5 * 60_000;
		const cached = [makeRun('deploy', '5751', 8, clock.now(), {status: 'running'}), makeRun('deploy', '5750', 30, clock.now())];
		const starting = cachedSnapshot(
			startingSources([
				{name: 'deploy', provider: 'wercker', pipelineId: 'p', token: null},
				{name: 'api', provider: 'sourcecraft', org: 'acme', repo: 'api', token: null},
			]),
			(source) => (source === 'deploy' ? {savedAt, runs: cached} : null),
			clock.now(),
		);
		const done = runTui({store: new Promise<Store>(() => {}), starting, color: false, notify: {bell: false, osc9: false}, clock, ...terminal.streams});
		// No turn of the event loop has passed: the cached runs are on the first frame.
		const first = terminal.screen();
		expect(first).toMatch(/^citop/);
		expect(first).toContain('#5751');
		expect(first).toContain('#5750');
		expect(first).toContain('STALE');
		terminal.type('q');
		expect(await done).toBe(0);
	});

	it('takes keys meanwhile: q quits before the store ever arrives', async () => {
		const {terminal, done} = setup();
		terminal.type('q');
		expect(await done).toBe(0);
	});

	it('ends with 1 and one line on stderr when the store cannot be made', async () => {
		const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		const {done, reject} = setup();
		reject(new Error('the simulator could not listen'));
		expect(await done).toBe(1);
		expect(stderr).toHaveBeenCalledWith('citop: the simulator could not listen\n');
	});
});

describe('startingStore', () => {
	it('has no sources and no runs, and refuses to trigger or abort', async () => {
		const store = startingStore(new ManualClock());
		const snapshot = store.getSnapshot();
		expect(snapshot.sources).toEqual([]);
		expect(snapshot.runs).toEqual([]);
		expect(store.getSnapshot()).toBe(snapshot);
		await expect(store.trigger('deploy', {})).rejects.toThrow('still starting');
		await expect(store.abort('deploy/1')).rejects.toThrow('still starting');
	});
});
