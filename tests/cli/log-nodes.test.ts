import {describe, expect, it} from 'vitest';
import {logNodes, lookUpNode, nextLog, nodeLookupLine} from '../../source/commands/log-nodes.js';
import type {LogChoice} from '../../source/commands/log-nodes.js';
import type {Run, RunNode} from '../../source/model/run.js';
import type {Status} from '../../source/model/status.js';
import {testNode, testRun} from '../fixtures/runs.js';

// Ids as providers make them: not the titles (SourceCraft's are slug paths, Wercker's hex).
const step = (id: string, status: Status = 'success', more: Partial<RunNode> = {}) => testNode({id: `id-${id}`, title: id, status, log: {path: [id]}, ...more});
const group = (id: string, children: RunNode[], status: Status = 'success') => testNode({id: `id-${id}`, title: id, kind: 'task', status, children});

/** build › compile › {tsc (with an artifact), lint}, build › test › {unit, e2e}, deploy › test › unit. */
function tree(statuses: Partial<Record<string, Status>> = {}, runStatus: Status = 'success'): Run {
	const at = (id: string) => statuses[id] ?? 'success';
	return testRun({
		id: '12',
		status: runStatus,
		children: [
			group('build', [
				group('compile', [step('tsc', at('tsc'), {children: [testNode({id: 'dist/app.tgz', kind: 'artifact'})]}), step('lint', at('lint'))]),
				group('test', [step('unit', at('unit')), step('e2e', at('e2e'))]),
			]),
			group('deploy', [{...group('deploy-test', [{...step('deploy-unit', at('deploy-unit')), title: 'unit'}]), title: 'test'}]),
		],
	});
}

const paths = (run: Run, scope: string | null = null) => logNodes(run, scope).map((placed) => placed.path);

describe('the nodes citop logs prints', () => {
	it('lists the nodes with a log in the tree order, by their path; a scope keeps the steps under one node', () => {
		const run = tree();
		expect(paths(run)).toEqual(['build/compile/tsc', 'build/compile/lint', 'build/test/unit', 'build/test/e2e', 'deploy/test/unit']);
		expect(paths(run, 'id-test')).toEqual(['build/test/unit', 'build/test/e2e']);
		expect(paths(run, 'id-unit')).toEqual(['build/test/unit']);
		expect(paths(run, 'nowhere')).toEqual([]);
	});

	it('finds a node by its path, in any case, as watch prints it, by the end of its path, or by id', () => {
		const run = tree();
		const found = (typed: string) => {
			const lookup = lookUpNode(run, typed);
			return lookup.kind === 'found' ? lookup.placed.path : lookup.kind;
		};
		expect(found('build/test/unit')).toBe('build/test/unit');
		expect(found(' Build/Test/Unit/ ')).toBe('build/test/unit');
		expect(found('build › test › unit')).toBe('build/test/unit');
		expect(found('e2e')).toBe('build/test/e2e');
		expect(found('compile/lint')).toBe('build/compile/lint');
		expect(found('id-deploy-unit')).toBe('deploy/test/unit');
		// Two nodes end so: the user must say which.
		expect(found('test/unit')).toBe('ambiguous');
		expect(found('unit')).toBe('ambiguous');
		// An artifact has no log and no steps: it is no choice.
		expect(found('build/compile/tsc/dist/app.tgz')).toBe('unknown');
	});

	it('names the nearest nodes when none matches, and the choices when several do', () => {
		const run = tree();
		const unknown = lookUpNode(run, 'build/tset/unti');
		if (unknown.kind !== 'unknown') throw new Error('expected no match');
		expect(unknown.nearest[0]).toBe('build/test/unit');
		expect(unknown.nearest).toHaveLength(5);
		expect(nodeLookupLine(unknown, 'build/tset/unti', 'acme/api #12')).toBe(`no node "build/tset/unti" in acme/api #12; the nearest: ${unknown.nearest.join(', ')}`);
		// The end of a path is set beside the same number of parts.
		const typo = lookUpNode(run, 'lintt');
		expect(typo.kind === 'unknown' && typo.nearest.slice(0, 1)).toEqual(['build/compile/lint']);
		const two = lookUpNode(run, 'unit');
		if (two.kind !== 'ambiguous') throw new Error('expected two matches');
		expect(nodeLookupLine(two, 'unit', 'acme/api #12')).toBe('"unit" could be 2 nodes of acme/api #12: build/test/unit (id id-unit), deploy/test/unit (id id-deploy-unit); give more of the path');
	});
});

describe('what citop logs reads next', () => {
	const once: LogChoice = {failed: false, follow: false};
	const follow: LogChoice = {failed: false, follow: true};
	const failed: LogChoice = {failed: true, follow: false};
	const next = (run: Run, handled: string[], choice: LogChoice) => {
		const step = nextLog(run, logNodes(run, null), new Set(handled.map((id) => `id-${id}`)), choice);
		return step.kind === 'read' ? step.placed.path : step.kind;
	};

	it('takes the nodes in order and ends after the last', () => {
		const run = tree();
		expect(next(run, [], once)).toBe('build/compile/tsc');
		expect(next(run, ['tsc'], once)).toBe('build/compile/lint');
		expect(next(run, ['tsc', 'lint', 'unit', 'e2e', 'deploy-unit'], once)).toBe('end');
	});

	it('skips what never ran; not following, also what has not started yet', () => {
		const run = tree({tsc: 'success', lint: 'running', unit: 'queued', e2e: 'skipped', 'deploy-unit': 'queued'}, 'running');
		expect(next(run, ['tsc'], once)).toBe('build/compile/lint');
		expect(next(run, ['tsc', 'lint'], once)).toBe('end');
	});

	it('following, waits for a queued node in its turn while the run goes, and ends once the run is over', () => {
		const running = tree({lint: 'running', unit: 'queued', e2e: 'queued', 'deploy-unit': 'queued'}, 'running');
		expect(next(running, ['tsc', 'lint'], follow)).toBe('wait');
		const over = tree({unit: 'canceled', e2e: 'skipped', 'deploy-unit': 'queued'}, 'canceled');
		expect(next(over, ['tsc', 'lint'], follow)).toBe('build/test/unit');
		expect(next(over, ['tsc', 'lint', 'unit'], follow)).toBe('end');
	});

	it('with --failed, takes only the failed nodes; following, waits while the run goes', () => {
		const run = tree({lint: 'failed', unit: 'failed', e2e: 'running'}, 'running');
		expect(next(run, [], failed)).toBe('build/compile/lint');
		expect(next(run, ['lint'], failed)).toBe('build/test/unit');
		expect(next(run, ['lint', 'unit'], failed)).toBe('end');
		expect(next(run, ['lint', 'unit'], {failed: true, follow: true})).toBe('wait');
	});
});
