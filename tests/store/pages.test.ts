import {afterEach, describe, expect, it} from 'vitest';
import {DEEP_EVERY_MS, FIRST_PAGE_RUNS, mergeFirstPage} from '../../source/store/pages.js';
import {FakeClient, flush, makeRun} from './fake.js';
import {makeStore, stopStores} from './harness.js';

afterEach(stopStores);

const ids = (runs: readonly {id: string}[]) => runs.map((run) => run.id);

describe('mergeFirstPage', () => {
	const older = [makeRun('a', '5', 'running'), makeRun('a', '4', 'success'), makeRun('a', '3', 'success'), makeRun('a', '2', 'failed'), makeRun('a', '1', 'success')];

	it('puts the first page as sent before the older runs as the deeper pages left them', () => {
		const first = [makeRun('a', '6', 'queued'), makeRun('a', '5', 'success')];
		const merged = mergeFirstPage(older, first, new Set(['5', '4']));
		expect(ids(merged.runs)).toEqual(['6', '5', '4', '3', '2', '1']);
		expect(merged.runs[1]!.status).toBe('success');
		expect(merged).toMatchObject({droppedActive: false, deepActive: false});
	});

	it('keeps every older run until the deeper pages are read again, and asks for them when the page does not join the list', () => {
		const first = [makeRun('a', '7', 'queued'), makeRun('a', '6', 'queued')];
		const merged = mergeFirstPage(older, first, new Set());
		expect(ids(merged.runs)).toEqual(['7', '6', '5', '4', '3', '2', '1']);
		expect(merged.gap).toBe(true);
		// A run the page held is gone from it while runs below it are still there: kept, and asked about.
		const gone = mergeFirstPage(older, [makeRun('a', '5', 'running'), makeRun('a', '3', 'success')], new Set(['5', '4', '3']));
		expect(ids(gone.runs)).toEqual(['5', '3', '4', '2', '1']);
		expect(gone.gap).toBe(true);
		expect(mergeFirstPage(older, [makeRun('a', '6', 'queued'), makeRun('a', '5', 'running')], new Set()).gap).toBe(false);
	});

	it('says when an active run leaves the first page, and when an active run is kept from deeper pages', () => {
		const first = [makeRun('a', '7', 'queued'), makeRun('a', '6', 'queued')];
		const merged = mergeFirstPage(older, first, new Set(['6', '5']));
		expect(merged.droppedActive).toBe(true);
		expect(merged.deepActive).toBe(true);
		expect(mergeFirstPage(older, first, new Set(['6'])).droppedActive).toBe(false);
	});
});

describe('polling reads the first page, the deeper pages now and then', () => {
	function setup() {
		const client = new FakeClient('api');
		client.pageSize = 2;
		client.runs = [makeRun('api', '4', 'running'), makeRun('api', '3', 'success'), makeRun('api', '2', 'success'), makeRun('api', '1', 'success')];
		const {clock, store} = makeStore([client], {maxPages: 5, fastIntervalMs: 3_000, slowIntervalMs: 30_000, jitter: 0});
		return {client, clock, store};
	}

	it('asks for one page on each fast poll, every page on the first and every five minutes, and shows every run throughout', async () => {
		const {client, clock, store} = setup();
		store.start();
		await flush();
		await clock.advanceAsync(60_000);
		expect(client.pagesAsked[0]).toBe(5);
		expect(client.pagesAsked.slice(1)).toEqual(Array(20).fill(1));
		expect(client.pageSizesAsked.slice(1)).toEqual(Array(20).fill(FIRST_PAGE_RUNS));
		expect(ids(store.getSnapshot().runs)).toEqual(['4', '3', '2', '1']);
		await clock.advanceAsync(DEEP_EVERY_MS - 60_000);
		expect(client.pagesAsked.filter((pages) => pages === 5)).toHaveLength(2);
	});

	it('reads the deeper pages when a running run is pushed off the first page, so its end is seen', async () => {
		const {client, clock, store} = setup();
		store.start();
		await flush();
		await clock.advanceAsync(3_000);
		client.runs = [makeRun('api', '6', 'queued'), makeRun('api', '5', 'queued'), makeRun('api', '4', 'success'), ...client.runs.slice(1)];
		await clock.advanceAsync(3_000);
		expect(client.pagesAsked.at(-1)).toBe(1);
		await clock.advanceAsync(3_000);
		expect(client.pagesAsked.at(-1)).toBe(5);
		const run4 = store.getSnapshot().runs.find((run) => run.id === '4');
		expect(run4?.status).toBe('success');
		await clock.advanceAsync(3_000);
		expect(client.pagesAsked.at(-1)).toBe(1);
	});

	it('reads every page when the user asks for a refresh', async () => {
		const {client, clock, store} = setup();
		store.start();
		await flush();
		await clock.advanceAsync(3_000);
		store.refresh();
		await flush();
		expect(client.pagesAsked.at(-1)).toBe(5);
	});
});
