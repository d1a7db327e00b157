import {describe, expect, it} from 'vitest';
import {ListMemo} from '../../source/providers/list-memo.js';
import {testRun} from '../fixtures/runs.js';
import type {Status} from '../../source/model/status.js';

function counting() {
	let builds = 0;
	const build = (raw: unknown) => {
		builds++;
		const item = raw as {id: string; status: Status};
		return testRun({source: 's', id: item.id, status: item.status});
	};
	return {build, builds: () => builds};
}

describe('ListMemo', () => {
	it('maps an item once while it is sent unchanged, and again once it changes', () => {
		const {build, builds} = counting();
		const memo = new ListMemo({pageSize: 10, read: build, settledBy: ['id', 'status', 'updated']});
		const first = memo.run({id: '1', status: 'running', progress: 10, updated: 1});
		expect(memo.run({id: '1', status: 'running', progress: 10, updated: 1})).toBe(first);
		expect(builds()).toBe(1);
		expect(memo.run({id: '1', status: 'running', progress: 20, updated: 2})).not.toBe(first);
		expect(builds()).toBe(2);
	});

	it('knows a concluded run by its id, status and stamp, whatever else the answer writes anew', () => {
		const {build, builds} = counting();
		const memo = new ListMemo({pageSize: 10, read: build, settledBy: ['id', 'status', 'dates.updated']});
		const done = memo.run({id: '2', status: 'success', dates: {updated: 5}, link: 'x?expires=1'});
		expect(memo.run({id: '2', status: 'success', dates: {updated: 5}, link: 'x?expires=2'})).toBe(done);
		expect(builds()).toBe(1);
		// Restarted: a new status makes it a new run.
		expect(memo.run({id: '2', status: 'running', dates: {updated: 6}, link: 'x?expires=3'})).not.toBe(done);
	});

	it('leaves out the volatile fields when it compares active runs', () => {
		const {build, builds} = counting();
		const memo = new ListMemo({pageSize: 10, read: build, volatile: ['download_url'], settledBy: ['id']});
		const first = memo.run({id: '3', status: 'running', cubes: [{download_url: 'a?sig=1'}]});
		expect(memo.run({id: '3', status: 'running', cubes: [{download_url: 'a?sig=2'}]})).toBe(first);
		expect(builds()).toBe(1);
	});
});
