import {describe, expect, it} from 'vitest';
import {nodeKey, normalizeProgress, runKey} from '../../source/model/run.js';
import {ManualClock} from '../../source/model/clock.js';

describe('normalizeProgress', () => {
	it.each([
		[0.5, 0.5],
		[0, 0],
		[1, 1],
		[57, 0.57],
		[100, 1],
		[250, 1],
		['0.25', 0.25],
		['71', 0.71],
		[-1, null],
		[null, null],
		[undefined, null],
		['', null],
		['half', null],
		[Number.NaN, null],
		[{}, null],
	])('%j → %j', (input, expected) => {
		expect(normalizeProgress(input)).toBe(expected);
	});
});

describe('keys', () => {
	it('gives each run of each source its own key', () => {
		expect(runKey('acme/api', '12')).not.toBe(runKey('acme', 'api/12'));
		expect(runKey('deploy', 'a')).toBe(runKey('deploy', 'a'));
		expect(nodeKey(runKey('s', '1'), 'build/test')).not.toBe(nodeKey(runKey('s', '1'), 'build'));
	});
});

describe('ManualClock', () => {
	it('fires timers in time order only as time passes them', () => {
		const clock = new ManualClock(1_000);
		const fired: string[] = [];
		clock.setTimeout(() => fired.push('b'), 200);
		clock.setTimeout(() => fired.push('a'), 100);
		const cancelled = clock.setTimeout(() => fired.push('never'), 150);
		clock.clearTimeout(cancelled);
		clock.advance(99);
		expect(fired).toEqual([]);
		clock.advance(101);
		expect(fired).toEqual(['a', 'b']);
		expect(clock.now()).toBe(1_200);
	});

	it('fires timers set by timers within the same advance', async () => {
		const clock = new ManualClock(0);
		const times: number[] = [];
		const tick = () => {
			times.push(clock.now());
			if (times.length < 3) clock.setTimeout(tick, 10);
		};
		clock.setTimeout(tick, 10);
		await clock.advanceAsync(100);
		expect(times).toEqual([10, 20, 30]);
		expect(clock.pending).toBe(0);
	});
});
