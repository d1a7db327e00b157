import {describe, expect, it} from 'vitest';
import type {LogPlan} from '../../source/sim/logs.js';
import {logAt} from '../../source/sim/logs.js';
import {cutSpan, phaseAt} from '../../source/sim/timeline.js';
import type {Planner, RunPlanBase} from '../../source/sim/world.js';
import {World} from '../../source/sim/world.js';

const START = Date.UTC(2026, 10, 23, 12);

const planner: Planner<RunPlanBase, string> = {
	plan: (slot) => ({number: slot.number, createdAt: slot.createdAt, span: {start: slot.createdAt, end: slot.createdAt + 60_000, outcome: 'success'}, odd: false}),
	cut: (plan) => plan,
};

function world(historySize = 10) {
	return new World({name: 'w'}, {seed: 1, historySize, arrivalMs: 40_000, speed: 1, startedAt: START}, planner);
}

describe('World', () => {
	it('holds exactly the history asked for, numbered without gaps', () => {
		const w = world(10);
		const numbers = [...w.numbers(START)];
		expect(numbers).toHaveLength(10);
		expect(numbers[0]! - numbers[9]!).toBe(9);
		const created = numbers.map((number) => w.createdAt(number, START)!);
		expect(created).toEqual([...created].sort((a, b) => b - a));
		expect(created.every((at) => at <= START)).toBe(true);
		expect(w.slot(numbers[0]! + 1, START)).toBeUndefined();
		expect(w.slot(numbers[9]! - 1, START)).toBeUndefined();
	});

	it('interleaves started runs with arrivals by creation time, keeping every number', () => {
		const w = world(3);
		const first = w.addTrigger('a', START + 1);
		const before = w.maxNumber(START + 1);
		expect(first.number).toBe(before);
		const later = START + 200_000;
		const second = w.addTrigger('b', later);
		const numbers = [...w.numbers(later)].reverse();
		const created = numbers.map((number) => w.createdAt(number, later)!);
		expect(created).toEqual([...created].sort((a, b) => a - b));
		expect(w.slot(first.number, later)?.trigger?.request).toBe('a');
		expect(w.slot(second.number, later)?.trigger?.request).toBe('b');
		expect(second.number - first.number).toBeGreaterThan(1);
		expect(numbers.filter((number) => w.slot(number, later)?.trigger === null).length).toBe(numbers.length - 2);
	});

	it('keeps the same numbers and times across rebuilds with the same seed', () => {
		const one = world();
		const two = world();
		const numbers = [...one.numbers(START)];
		expect([...two.numbers(START)]).toEqual(numbers);
		expect(numbers.map((number) => two.createdAt(number, START))).toEqual(numbers.map((number) => one.createdAt(number, START)));
	});
});

describe('timeline cuts', () => {
	const span = {start: 1000, end: 5000, outcome: 'success' as const};

	it('ends a running node at the cut, skips one not yet started, leaves one already done', () => {
		expect(cutSpan(span, {requestedAt: 2000, at: 3000, outcome: 'canceled'})).toEqual({start: 1000, end: 3000, outcome: 'canceled'});
		expect(cutSpan(span, {requestedAt: 500, at: 600, outcome: 'canceled'})).toEqual({start: null, end: 600, outcome: 'skipped'});
		expect(cutSpan(span, {requestedAt: 6000, at: 6000, outcome: 'canceled'})).toBe(span);
		expect([0, 1000, 4999, 5000].map((now) => phaseAt(span, now))).toEqual(['waiting', 'running', 'running', 'success']);
	});
});

describe('logs', () => {
	const plan: LogPlan = {seed: 5, kind: 'test', lines: 10, start: 0, plannedEnd: 10_000, stopAt: 10_000, outcome: 'success', odd: false};

	it('grow with time, show the line being written, and end with the outcome', () => {
		const early = logAt(plan, 1_200);
		expect(early.lines).toHaveLength(1);
		expect(early.partial.length).toBeGreaterThan(0);
		expect(early.done).toBe(false);
		const late = logAt(plan, 10_000);
		expect(late.lines.slice(0, 1)).toEqual(early.lines);
		expect(late.lines).toHaveLength(11);
		expect(late.lines.at(-1)).toBe('Test Files  all passed');
		expect(late.done).toBe(true);
		const stopped = logAt({...plan, stopAt: 5_000, outcome: 'canceled'}, 9_000);
		expect(stopped.lines).toHaveLength(6);
		expect(stopped.lines.at(-1)).toMatch(/canceled/);
	});
});
