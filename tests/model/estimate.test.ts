import {describe, expect, it} from 'vitest';
import type {Run} from '../../source/model/run.js';
import {estimateRun, expectedByNode, expectedByPipeline, expectedDuration, expectedFor, pipelineKey} from '../../source/model/estimate.js';
import {estimateText} from '../../source/output/glyphs.js';
import {testNode, testRun} from '../fixtures/runs.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

/** A run that succeeded after `minutes`, finishing `index` hours after T0 (a higher index is newer). */
function done(index: number, minutes: number, more: Partial<Run> = {}): Run {
	const finishedAt = T0 + index * 60 * MINUTE;
	return testRun({id: `d${index}`, status: 'success', startedAt: finishedAt - minutes * MINUTE, finishedAt, ...more});
}

function running(startedAt: number | null, more: Partial<Run> = {}): Run {
	return testRun({id: 'now', status: 'running', startedAt, progress: null, ...more});
}

describe('expectedDuration', () => {
	it('is the median of the successful runs, with the quartiles as its spread', () => {
		const expected = expectedDuration([done(1, 3), done(2, 4), done(3, 5), done(4, 6), done(5, 7)]);
		expect(expected).toEqual({ms: 5 * MINUTE, runs: 5, lowMs: 4 * MINUTE, highMs: 6 * MINUTE});
	});

	it('is not pulled by an outlier (a stuck run of an hour among 4-minute runs)', () => {
		const expected = expectedDuration([done(1, 4), done(2, 4), done(3, 60), done(4, 4), done(5, 5)]);
		expect(expected?.ms).toBe(4 * MINUTE);
	});

	it('follows a skewed history to its middle, not its mean', () => {
		const expected = expectedDuration([done(1, 2), done(2, 2), done(3, 2), done(4, 10), done(5, 20)]);
		expect(expected?.ms).toBe(2 * MINUTE);
		expect(expected?.highMs).toBe(10 * MINUTE);
	});

	it('takes only the newest successful runs', () => {
		const old = Array.from({length: 10}, (_, index) => done(index, 30));
		const recent = Array.from({length: 10}, (_, index) => done(100 + index, 3));
		expect(expectedDuration([...recent, ...old])?.ms).toBe(3 * MINUTE);
		expect(expectedDuration([...recent, ...old])?.runs).toBe(10);
	});

	it('invents nothing from one run, or from none', () => {
		expect(expectedDuration([])).toBeNull();
		expect(expectedDuration([done(1, 4)])).toBeNull();
		expect(expectedDuration([done(1, 4), done(2, 6)])?.ms).toBe(5 * MINUTE);
	});

	it('leaves out failures and runs whose dates are unknown or backwards', () => {
		const history = [
			done(1, 4),
			done(2, 4),
			testRun({id: 'f', status: 'failed', startedAt: T0, finishedAt: T0 + 50 * MINUTE}),
			testRun({id: 'u1', status: 'success', startedAt: null, finishedAt: T0}),
			testRun({id: 'u2', status: 'success', startedAt: T0, finishedAt: null}),
			testRun({id: 'b', status: 'success', startedAt: T0, finishedAt: T0 - MINUTE}),
		];
		expect(expectedDuration(history)).toEqual({ms: 4 * MINUTE, runs: 2, lowMs: 4 * MINUTE, highMs: 4 * MINUTE});
	});
});

describe('pipelines', () => {
	it('keeps Wercker pipelines and SourceCraft workflow sets apart', () => {
		const build = done(1, 2, {provider: 'wercker', source: 'app', pipeline: 'build'});
		const deploy = done(2, 9, {provider: 'wercker', source: 'app', pipeline: 'deploy'});
		expect(pipelineKey(build)).not.toBe(pipelineKey(deploy));
		const lint = done(3, 1, {children: [testNode({id: 'lint', kind: 'workflow'})]});
		const both = done(4, 8, {children: [testNode({id: 'test', kind: 'workflow'}), testNode({id: 'lint', kind: 'workflow'})]});
		const same = done(5, 8, {children: [testNode({id: 'lint', kind: 'workflow'}), testNode({id: 'test', kind: 'workflow'})]});
		expect(pipelineKey(lint)).not.toBe(pipelineKey(both));
		expect(pipelineKey(both)).toBe(pipelineKey(same));
		expect(pipelineKey(done(6, 1, {source: 'other'}))).not.toBe(pipelineKey(done(7, 1)));
	});

	it('estimates a run from its own pipeline only, once per list', () => {
		const runs = [
			done(1, 2, {provider: 'wercker', source: 'app', pipeline: 'build'}),
			done(2, 2, {provider: 'wercker', source: 'app', pipeline: 'build'}),
			done(3, 9, {provider: 'wercker', source: 'app', pipeline: 'deploy'}),
			done(4, 11, {provider: 'wercker', source: 'app', pipeline: 'deploy'}),
		];
		expect(expectedFor(running(T0, {provider: 'wercker', source: 'app', pipeline: 'deploy'}), runs)?.ms).toBe(10 * MINUTE);
		expect(expectedFor(running(T0, {provider: 'wercker', source: 'app', pipeline: 'test'}), runs)).toBeNull();
		expect(expectedByPipeline(runs)).toBe(expectedByPipeline(runs));
	});
});

describe('estimateRun', () => {
	const expected = {ms: 10 * MINUTE, runs: 4, lowMs: 9 * MINUTE, highMs: 11 * MINUTE};

	it('gives progress, ETA and time left from the history', () => {
		const estimate = estimateRun(running(T0), expected, T0 + 4 * MINUTE);
		expect(estimate).toEqual({progressFrom: 'history', progress: 0.4, expectedMs: 10 * MINUTE, eta: T0 + 10 * MINUTE, leftMs: 6 * MINUTE, overMs: 0});
		expect(estimateText(estimate, false, 16)).toBe('▰▰▰▱▱▱▱ ~6m left');
		expect(estimateText(estimate, true, 16)).toBe('===---- ~6m left');
		expect(estimateText(estimate, true, 0)).toBe('~6m');
	});

	it('says how far over its usual time a run is', () => {
		const estimate = estimateRun(running(T0), expected, T0 + 11 * MINUTE + 20_000);
		expect(estimate.overMs).toBe(80_000);
		expect(estimate.progress).toBe(1);
		expect(estimateText(estimate, false, 16)).toBe('▰▰▰▰▰ +1:20 over');
	});

	it("lets the provider's progress win, keeping the history's ETA", () => {
		const estimate = estimateRun(running(T0, {progress: 0.9}), expected, T0 + MINUTE);
		expect(estimate.progressFrom).toBe('provider');
		expect(estimate.progress).toBe(0.9);
		expect(estimate.eta).toBe(T0 + 10 * MINUTE);
		expect(estimateText(estimate, false, 16)).toBe('');
	});

	it('invents nothing without history, a start, or a running run', () => {
		expect(estimateRun(running(T0), null, T0).progressFrom).toBeNull();
		expect(estimateRun(running(null), expected, T0).progressFrom).toBeNull();
		expect(estimateRun(running(T0, {status: 'queued'}), expected, T0).eta).toBeNull();
		expect(estimateRun(running(null, {progress: 0.3}), null, T0)).toMatchObject({progressFrom: 'provider', eta: null});
	});
});

describe('expectedByNode', () => {
	/** A SourceCraft run whose workflow "ci" ran its task "ci/test" for `minutes`. */
	function withTree(id: string, minutes: number | null, status: 'success' | 'running' = 'success'): Run {
		const startedAt = T0;
		const test = testNode({id: 'ci/test', status, startedAt, finishedAt: minutes === null ? null : startedAt + minutes * MINUTE});
		return testRun({id, status, startedAt, children: [testNode({id: 'ci', kind: 'workflow', status, startedAt, children: [test]})]});
	}

	it("estimates a node from the same node path in the pipeline's other runs", () => {
		const open = withTree('open', null, 'running');
		const runs = [open, withTree('a', 3), withTree('b', 5), withTree('c', 4), testRun({id: 'other', source: 'acme/web', children: []})];
		const expected = expectedByNode(open, runs);
		expect(expected.get('ci/test')?.ms).toBe(4 * MINUTE);
		// The workflow never said when it finished: no guess for it.
		expect(expected.has('ci')).toBe(false);
		expect(expectedByNode(open, runs)).toBe(expected);
	});

	it('matches a step by its path of names, whatever id the provider gave it in each run', () => {
		/** A Wercker run: its steps' ids are its own, their names the pipeline's; two steps share the name "script". */
		const wercker = (id: string, status: 'success' | 'running', minutes: readonly number[]) => {
			const startedAt = T0;
			const names = ['get code', 'script', 'script'];
			const steps = names.map((title, index) => {
				const took = minutes[index];
				return testNode({id: `${id}-step${index}`, title, status: took === undefined ? 'running' : 'success', startedAt, finishedAt: took === undefined ? null : startedAt + took * MINUTE});
			});
			return testRun({id, provider: 'wercker', pipeline: 'build', status, startedAt, children: steps});
		};
		const open = wercker('open', 'running', [1]);
		const runs = [open, wercker('a', 'success', [1, 2, 10]), wercker('b', 'success', [1, 4, 12])];
		const expected = expectedByNode(open, runs);
		expect(expected.get('open-step0')?.ms).toBe(MINUTE);
		// The first "script" is estimated from the first ones only, the second from the second ones.
		expect(expected.get('open-step1')).toMatchObject({ms: 3 * MINUTE, runs: 2});
		expect(expected.get('open-step2')).toMatchObject({ms: 11 * MINUTE, runs: 2});
	});

	it('has nothing to say without other trees', () => {
		const open = withTree('open', null, 'running');
		expect(expectedByNode(open, [open, withTree('a', 3)]).size).toBe(0);
	});
});
