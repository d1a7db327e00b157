import {describe, expect, it} from 'vitest';
import {RateBudget, UNMETERED_PER_SECOND, defaultQuota} from '../../source/store/budget.js';
import {PollLoop} from '../../source/store/loop.js';
import {backoffDelay, pollDelay} from '../../source/store/schedule.js';
import {ManualClock} from '../../source/model/clock.js';
import {DEFAULT_SETTINGS} from '../../source/store/types.js';
import type {RateLimitInfo} from '../../source/providers/types.js';

const HOUR = 3_600_000;

function info(more: Partial<RateLimitInfo>): RateLimitInfo {
	return {limit: null, remaining: null, resetAt: null, retryAfterMs: null, observedAt: 0, ...more};
}

/** Requests as fast as the budget lets them go, from `start` for `span` ms; returns when they went. */
function drain(budget: RateBudget, start: number, span: number, perRequest?: (at: number) => void): number[] {
	const sent: number[] = [];
	let now = start;
	while (now < start + span) {
		if (budget.tryTake(now)) {
			sent.push(now);
			perRequest?.(now);
		}
		now = Math.max(now + 1, budget.nextAllowedAt(now));
	}
	return sent;
}

describe('RateBudget', () => {
	it('knows Northflank allows 1000 requests an hour, and no quota for the others', () => {
		expect(defaultQuota('northflank')).toEqual({limit: 1000, windowMs: HOUR});
		expect(defaultQuota('sourcecraft')).toBeNull();
		expect(defaultQuota('wercker')).toBeNull();
	});

	it('spreads Northflank requests evenly: never more than 600 of the 1000 in any hour (room for a second citop), and no burst', () => {
		const budget = new RateBudget(defaultQuota('northflank'));
		const sent = drain(budget, 0, 3 * HOUR);
		for (let i = 0; i < sent.length; i++) {
			const hour = sent.filter((at) => at >= sent[i]! && at < sent[i]! + HOUR).length;
			expect(hour).toBeLessThanOrEqual(600);
		}
		expect(sent.length).toBeGreaterThan(2 * 500);
		const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(6_000);
	});

	it('lets a token without a known limit send a few requests a second, taking turns beyond', () => {
		const budget = new RateBudget(null);
		expect(budget.tryTake(0)).toBe(true);
		expect(budget.tryTake(0)).toBe(false);
		expect(budget.tryTake(1000 / UNMETERED_PER_SECOND)).toBe(true);
		// Asked for now (a refresh, a run opened): not held back.
		expect(budget.tryTake(1000 / UNMETERED_PER_SECOND, {}, true)).toBe(true);
		expect(drain(new RateBudget(null), 0, 60_000).length).toBeLessThanOrEqual(60 * UNMETERED_PER_SECOND);
	});

	it('paces loops with whole, never negative timer delays (Node 23+ prints a warning for a negative one)', async () => {
		const delays: number[] = [];
		const clock = new (class extends ManualClock {
			override setTimeout(callback: () => void, ms: number) {
				delays.push(ms);
				return super.setTimeout(callback, ms);
			}
		})(0);
		const budget = new RateBudget(null);
		let requests = 0;
		const loops = [1, 2, 3].map(
			() =>
				new PollLoop(clock, budget, {
					request: async () => requests++,
					settle: () => 0,
				}),
		);
		for (const loop of loops) loop.schedule(0);
		await clock.advanceAsync(10_000);
		expect(delays.every((ms) => Number.isInteger(ms) && ms >= 0), delays.join(' ')).toBe(true);
		expect(requests).toBeGreaterThan(25);
		expect(requests).toBeLessThanOrEqual(10 * UNMETERED_PER_SECOND + 1);
		for (const loop of loops) await loop.stop();
	});

	it('spreads what the server says remains over the time to reset', () => {
		const budget = new RateBudget(null);
		budget.observe(info({limit: 100, remaining: 11, resetAt: 100_000, observedAt: 0}));
		const sent = drain(budget, 0, 100_000);
		expect(sent.length).toBeLessThanOrEqual(7);
		expect(sent.length).toBeGreaterThanOrEqual(5);
		expect(budget.rate).toMatchObject({limit: 100, remaining: 11});
	});

	it('waits for the reset when nothing remains', () => {
		const budget = new RateBudget(defaultQuota('northflank'));
		budget.observe(info({limit: 1000, remaining: 0, resetAt: 600_000, observedAt: 1_000}));
		expect(budget.tryTake(1_000)).toBe(false);
		expect(budget.nextAllowedAt(1_000)).toBe(600_000);
		expect(budget.tryTake(600_000)).toBe(true);
	});

	it('holds every request back until Retry-After has passed', () => {
		const budget = new RateBudget(null);
		budget.observe(info({retryAfterMs: 20_000, observedAt: 5_000}));
		expect(budget.nextAllowedAt(6_000)).toBe(25_000);
		expect(budget.tryTake(24_999)).toBe(false);
		expect(budget.tryTake(25_000)).toBe(true);
	});

	it('waits no longer than maxWaitMs, however long the server asks for', () => {
		const budget = new RateBudget(null, 300_000);
		budget.observe(info({retryAfterMs: 3_000_000_000, observedAt: 5_000}));
		expect(budget.nextAllowedAt(6_000)).toBe(305_000);
		expect(budget.rate?.retryAfterMs).toBe(300_000);
		const reset = new RateBudget(null, 300_000);
		reset.observe(info({remaining: 0, resetAt: 1e15, observedAt: 5_000}));
		expect(reset.nextAllowedAt(6_000)).toBe(305_000);
	});

	it("lets one request go once a 429's Retry-After has passed, though the same answer said the hour's budget was spent", () => {
		const budget = new RateBudget(defaultQuota('northflank'));
		budget.observe(info({limit: 1000, remaining: 0, resetAt: 3_101_000, retryAfterMs: 60_000, observedAt: 0}));
		expect(budget.hold(1_000)).toEqual({reason: 'rate limited', until: 60_000});
		expect(budget.nextAllowedAt(1_000)).toBe(60_000);
		expect(budget.tryTake(60_000)).toBe(true);
		expect(budget.hold(60_000)).toBeNull();
	});

	it('says the budget is spent, and until when, when nothing remains', () => {
		const budget = new RateBudget(defaultQuota('northflank'));
		budget.observe(info({limit: 1000, remaining: 0, resetAt: 600_000, observedAt: 1_000}));
		expect(budget.hold(1_000)).toEqual({reason: 'budget spent', until: 600_000});
		expect(budget.hold(600_000)).toBeNull();
	});

	it('counts the pages and retries the client reports, slowing down to stay under the quota', () => {
		const budget = new RateBudget(defaultQuota('northflank'));
		// Every poll costs three requests (three pages).
		let answers = 0;
		const sent = drain(budget, 0, HOUR, (at) => {
			for (let page = 0; page < 3; page++) {
				budget.observe(info({observedAt: at}));
				answers++;
			}
		});
		expect(answers).toBeLessThanOrEqual(600);
		expect(sent.length).toBeGreaterThan(150);
	});
});

describe('poll timing', () => {
	const settings = DEFAULT_SETTINGS;
	const middle = (): number => 0.5;

	it('polls fast while something runs and slowly when all has concluded', () => {
		expect(pollDelay(settings, true, middle)).toBe(3_000);
		expect(pollDelay(settings, false, middle)).toBe(30_000);
	});

	it('adds at most ± jitter of the interval', () => {
		expect(pollDelay(settings, true, () => 0)).toBeCloseTo(2_700);
		expect(pollDelay(settings, true, () => 0.999_999)).toBeCloseTo(3_300);
	});

	it('doubles the wait with each failure from the fast interval, up to the cap', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((failures) => backoffDelay(settings, failures, null, middle));
		expect(delays).toEqual([6_000, 12_000, 24_000, 48_000, 96_000, 192_000, 300_000, 300_000]);
	});

	it('waits at least what the server asked', () => {
		expect(backoffDelay(settings, 1, 60_000, middle)).toBe(60_000);
		expect(backoffDelay(settings, 1, 1_000, middle)).toBe(6_000);
	});

	it('waits no longer than maxBackoff, however long the server asked', () => {
		expect(backoffDelay(settings, 1, 3_000_000_000, middle)).toBe(300_000);
	});
});
