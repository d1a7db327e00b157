import {describe, expect, it} from 'vitest';
import {diffRuns, diffTree} from '../../source/store/diff.js';
import type {RunChange} from '../../source/store/diff.js';
import {makeNode, makeRun} from './fake.js';

const NOW = 5_000;

function summary(changes: readonly RunChange[]): string[] {
	return changes.map((change) => {
		const where = change.nodeId === null ? change.run.id : `${change.run.id}/${change.nodeId}`;
		const what = change.kind === 'progress' ? `${change.fromProgress}→${change.toProgress}` : `${change.from}→${change.to}`;
		return `${change.kind} ${where} ${what}`;
	});
}

describe('diffRuns', () => {
	it.each([
		{
			name: 'a new run',
			before: [makeRun('s', '1', 'running')],
			after: [makeRun('s', '2', 'queued'), makeRun('s', '1', 'running')],
			expected: ['added 2 null→queued'],
		},
		{
			name: 'a run gone',
			before: [makeRun('s', '2', 'success'), makeRun('s', '1', 'failed')],
			after: [makeRun('s', '2', 'success')],
			expected: ['removed 1 failed→null'],
		},
		{
			name: 'a status change',
			before: [makeRun('s', '1', 'running')],
			after: [makeRun('s', '1', 'failed')],
			expected: ['status 1 running→failed'],
		},
		{
			name: 'a progress change',
			before: [makeRun('s', '1', 'running', {progress: 0.25})],
			after: [makeRun('s', '1', 'running', {progress: 0.5})],
			expected: ['progress 1 0.25→0.5'],
		},
		{
			name: 'a node status change in a listed tree',
			before: [makeRun('s', '1', 'running', {children: [makeNode('build', 'running', {children: [makeNode('tsc', 'running')]})]})],
			after: [makeRun('s', '1', 'running', {children: [makeNode('build', 'running', {children: [makeNode('tsc', 'success')]})]})],
			expected: ['status 1/tsc running→success'],
		},
		{
			name: 'a node progress change',
			before: [makeRun('s', '1', 'running', {children: [makeNode('build', 'running', {progress: 0.1})]})],
			after: [makeRun('s', '1', 'running', {children: [makeNode('build', 'running', {progress: 0.9})]})],
			expected: ['progress 1/build 0.1→0.9'],
		},
		{
			name: 'a node that appears and one that goes',
			before: [makeRun('s', '1', 'running', {children: [makeNode('old', 'success')]})],
			after: [makeRun('s', '1', 'running', {children: [makeNode('new', 'queued')]})],
			expected: ['added 1/new null→queued', 'removed 1/old success→null'],
		},
		{
			name: 'runs reordered but unchanged',
			before: [makeRun('s', '1', 'success'), makeRun('s', '2', 'success')],
			after: [makeRun('s', '2', 'success'), makeRun('s', '1', 'success')],
			expected: [],
		},
		{
			name: 'a first tree (children were not fetched)',
			before: [makeRun('s', '1', 'running')],
			after: [makeRun('s', '1', 'running', {children: [makeNode('build', 'running')]})],
			expected: [],
		},
	])('reports $name', ({before, after, expected}) => {
		const {changes} = diffRuns(before, after, NOW);
		expect(summary(changes)).toEqual(expected);
		for (const change of changes) expect(change.at).toBe(NOW);
	});

	it('reports nothing and keeps every object when nothing changed', () => {
		const before = [makeRun('s', '1', 'running', {children: [makeNode('build', 'running')]}), makeRun('s', '2', 'success')];
		const after = structuredClone(before);
		const {runs, changes} = diffRuns(before, after, NOW);
		expect(changes).toEqual([]);
		expect(runs[0]).toBe(before[0]);
		expect(runs[1]).toBe(before[1]);
	});

	it('keeps the identity of unchanged runs beside a changed one', () => {
		const before = [makeRun('s', '3', 'running'), makeRun('s', '2', 'success'), makeRun('s', '1', 'failed')];
		const after = [makeRun('s', '4', 'queued'), makeRun('s', '3', 'success'), makeRun('s', '2', 'success'), makeRun('s', '1', 'failed')];
		const {runs} = diffRuns(before, after, NOW);
		expect(runs[0]).toBe(after[0]);
		expect(runs[1]).toBe(after[1]);
		expect(runs[1]?.status).toBe('success');
		expect(runs[2]).toBe(before[1]);
		expect(runs[3]).toBe(before[2]);
	});

	it('takes a change in any shown field (title, errors, flags) without reporting a transition', () => {
		const before = [makeRun('s', '1', 'running', {title: 'old'}), makeRun('s', '2', 'running'), makeRun('s', '3', 'running')];
		const after = [
			makeRun('s', '1', 'running', {title: 'new'}),
			makeRun('s', '2', 'running', {errors: ['boom']}),
			makeRun('s', '3', 'running', {flags: {canceling: true}}),
		];
		const {runs, changes} = diffRuns(before, after, NOW);
		expect(changes).toEqual([]);
		expect(runs[0]).toBe(after[0]);
		expect(runs[1]).toBe(after[1]);
		expect(runs[2]).toBe(after[2]);
	});

	it('shares unchanged nodes when one node of a run changed', () => {
		const lint = makeNode('lint', 'success');
		const before = [makeRun('s', '1', 'running', {children: [lint, makeNode('test', 'running')]})];
		const after = [makeRun('s', '1', 'running', {children: [makeNode('lint', 'success'), makeNode('test', 'failed')]})];
		const {runs} = diffRuns(before, after, NOW);
		expect(runs[0]).not.toBe(before[0]);
		expect(runs[0]?.children?.[0]).toBe(lint);
		expect(runs[0]?.children?.[1]?.status).toBe('failed');
	});

	it('reports a status change once, with its progress', () => {
		const before = [makeRun('s', '1', 'running', {progress: 0.5})];
		const after = [makeRun('s', '1', 'success', {progress: 1})];
		const {changes} = diffRuns(before, after, NOW);
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({kind: 'status', from: 'running', to: 'success', fromProgress: 0.5, toProgress: 1});
	});

	it("compares the listed tree of a run that ended within the last minute, and keeps an older one's as final", () => {
		const ended = (finishedAt: number, cube: 'running' | 'canceled') =>
			makeRun('s', '1', 'canceled', {finishedAt, children: [makeNode('cube', cube)]});
		expect(summary(diffRuns([ended(NOW - 59_000, 'running')], [ended(NOW - 59_000, 'canceled')], NOW).changes)).toEqual([
			'status 1/cube running→canceled',
		]);
		const old = ended(NOW - 60_000, 'running');
		const {runs, changes} = diffRuns([old], [ended(NOW - 60_000, 'canceled')], NOW);
		expect(changes).toEqual([]);
		expect(runs[0]).toBe(old);
	});

	it('stays within O(runs) for two 10,000-run answers with 1% changed', () => {
		const before = Array.from({length: 10_000}, (_, i) => makeRun('s', String(i), i % 100 === 0 ? 'running' : 'success'));
		const after = before.map((run, i) => (i % 100 === 0 ? {...run, status: 'success' as const} : {...run}));
		const {runs, changes} = diffRuns(before, after, NOW);
		expect(changes).toHaveLength(100);
		expect(runs.filter((run, i) => run === before[i])).toHaveLength(9_900);
	});
});

describe('diffTree', () => {
	it('lights nothing on the first fetch', () => {
		const tree = makeRun('s', '1', 'running', {children: [makeNode('build', 'running')]});
		expect(diffTree(null, tree, NOW)).toEqual({run: tree, changes: []});
	});

	it('reports the run and its nodes', () => {
		const before = makeRun('s', '1', 'running', {children: [makeNode('build', 'running', {children: [makeNode('unit', 'running')]})]});
		const after = makeRun('s', '1', 'failed', {children: [makeNode('build', 'failed', {children: [makeNode('unit', 'failed')]})]});
		expect(summary(diffTree(before, after, NOW).changes)).toEqual([
			'status 1 running→failed',
			'status 1/build running→failed',
			'status 1/unit running→failed',
		]);
	});

	it('returns the previous run when the tree did not change', () => {
		const before = makeRun('s', '1', 'running', {children: [makeNode('build', 'running')]});
		const {run, changes} = diffTree(before, structuredClone(before), NOW);
		expect(run).toBe(before);
		expect(changes).toEqual([]);
	});
});
