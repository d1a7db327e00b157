import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {ManualClock} from '../../source/model/clock.js';
import {flattenTree, openByDefault} from '../../source/ui/logic/tree.js';
import {nodeNotes, treeRowText, treeTitleWidth} from '../../source/ui/logic/tree-row.js';
import {painter} from '../../source/ui/logic/paint.js';
import {symbolsFor} from '../../source/ui/logic/symbols.js';
import {makeNode} from './fake-store.js';

const now = new ManualClock().now();

const tree = [
	makeNode('build', {
		kind: 'workflow',
		status: 'running',
		progress: 0.64,
		startedAt: now - 118_000,
		children: [
			makeNode('build/compile', {kind: 'task', children: [makeNode('build/compile/tsc', {kind: 'cube', title: 'tsc'})]}),
			makeNode('build/test', {
				kind: 'task',
				status: 'running',
				needs: ['compile'],
				children: [makeNode('build/test/unit', {kind: 'cube', title: 'unit', status: 'running', log: {path: ['1', 'build', 'test', 'unit']}})],
			}),
		],
	}),
	makeNode('deploy', {kind: 'workflow', status: 'queued', needs: ['build'], children: [makeNode('deploy/ship', {status: 'queued'})]}),
	makeNode('lint', {kind: 'workflow', status: 'failed', errors: ['eslint found 3 problems'], children: [makeNode('lint/run')]}),
];

describe('run tree', () => {
	it('unfolds work in progress and failures, folds the rest, and keeps errors in view', () => {
		expect(openByDefault(tree[0]!)).toBe(true);
		expect(openByDefault(makeNode('x', {status: 'success'}))).toBe(false);
		const rows = flattenTree(tree, new Map());
		expect(rows.map((row) => `${'  '.repeat(row.depth)}${row.kind === 'error' ? `! ${row.message}` : row.node.id}`)).toEqual([
			'build',
			'  build/compile',
			'  build/test',
			'    build/test/unit',
			'deploy',
			'lint',
			'  ! eslint found 3 problems',
			'  lint/run',
		]);
	});

	it('follows the fold choices by node id, errors staying visible on a folded node', () => {
		const rows = flattenTree(tree, new Map([['build', false], ['deploy', true], ['lint', false]]));
		expect(rows.map((row) => row.id)).toEqual(['build', 'deploy', 'deploy/ship', 'lint', 'lint\u00000']);
		expect(rows.find((row) => row.id === 'deploy/ship')?.parentId).toBe('deploy');
	});

	it('puts Wercker steps in their order', () => {
		const steps = [makeNode('b', {order: 2}), makeNode('a', {order: 1}), makeNode('c', {order: 3})];
		expect(flattenTree(steps, new Map()).map((row) => row.id)).toEqual(['a', 'b', 'c']);
	});

	it('draws a node row with fold mark, glyph, name, word, bar, time and notes', () => {
		const rows = flattenTree(tree, new Map());
		const context = {width: 100, now, frame: 2, ascii: false, paint: painter(false), symbols: symbolsFor(false)};
		const width = treeTitleWidth(rows, 100);
		const build = treeRowText(rows[0]!, width, context, {selected: false, changed: false, logs: true});
		expect(build).toMatch(/^ ▾ ⠹ build +running +███████░░░░  64% +1:58/);
		expect(stringWidth(build)).toBe(100);
		const unit = treeRowText(rows[3]!, width, context, {selected: false, changed: true, logs: true});
		expect(unit).toContain('l log');
		expect(unit).toContain('»');
		const error = treeRowText(rows[6]!, width, context, {selected: false, changed: false, logs: true});
		expect(error).toContain('! eslint found 3 problems');
		expect(stringWidth(error)).toBe(100);
	});

	it('notes what a person needs: needs, the current cube, retries, artifacts, the raw status', () => {
		expect(nodeNotes(makeNode('t', {needs: ['compile', 'lint']}), true)).toEqual(['needs compile, lint']);
		expect(nodeNotes(makeNode('w', {status: 'running', currentCube: 'unit'}), true)).toEqual(['at unit']);
		expect(nodeNotes(makeNode('n', {retries: {attempts: 2, maxAttempts: 3}}), true)).toEqual(['retry 2/3']);
		expect(nodeNotes(makeNode('a', {kind: 'artifact', artifact: {path: 'dist/app.tgz', status: 'success', url: 'https://x/a'}}), true)).toEqual([
			'success',
			'https://x/a',
		]);
		expect(nodeNotes(makeNode('u', {status: 'unknown', providerStatus: 'weird'}), true)).toEqual(['(weird)']);
		expect(nodeNotes(makeNode('l', {log: {path: ['x']}}), false)).toEqual([]);
	});
});
