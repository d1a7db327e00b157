import type {Run} from '../../source/model/run.js';
import {diffRuns} from '../../source/store/diff.js';
import {freshCopy, makeRuns} from './fixtures.js';
import type {Figure} from './report.js';
import {median, percentile, round} from './stats.js';

const RUNS = 10_000;
const WARMUP = 30;
const SAMPLES = 200;

/** The next poll's answer: all new objects (as JSON parsing makes them), 1% of the runs changed. */
function nextAnswer(runs: readonly Run[], variant: number): Run[] {
	const next = freshCopy(runs);
	for (let i = variant % 100; i < next.length; i += 100) {
		const run = next[i]!;
		next[i] = run.status === 'running' ? {...run, progress: run.progress === 0.5 ? 0.6 : 0.5} : {...run, status: run.status === 'failed' ? 'success' : 'failed'};
	}
	return next;
}

/** diff10kMs: store/diff.ts's diffRuns on two 10,000-run answers with 1% changed. */
export function benchDiff(): {figures: Figure[]; json: Record<string, number>} {
	const now = Date.UTC(2026, 10, 23, 12);
	const previous = makeRuns(RUNS, now, {running: 200});
	// Copies are made before timing: only the diff is on the clock.
	const answers = Array.from({length: 8}, (_, index) => nextAnswer(previous, index));
	const times: number[] = [];
	let changes = 0;
	for (let i = 0; i < WARMUP + SAMPLES; i++) {
		const next = answers[i % answers.length]!;
		const start = performance.now();
		const result = diffRuns(previous, next, now);
		const elapsed = performance.now() - start;
		if (i >= WARMUP) times.push(elapsed);
		changes = result.changes.length;
	}
	if (changes !== RUNS / 100) throw new Error(`the diff found ${changes} changes, expected ${RUNS / 100}`);
	const p50 = round(median(times));
	const p95 = round(percentile(times, 95));
	return {
		figures: [
			{label: 'diff of two 10,000-run snapshots, 1% changed (median)', value: p50, unit: 'ms', target: '< 5 ms', ok: p50 < 5},
			{label: 'same, p95', value: p95, unit: 'ms', target: '', ok: null, note: `${SAMPLES} diffs after ${WARMUP} warm-up; every run a new object, as a parsed answer is`},
		],
		json: {diff10kMs: p50, diff10kP95Ms: p95},
	};
}
