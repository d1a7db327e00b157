import {LruCache} from '../output/lru.js';
import {hash, unit} from './random.js';
import type {Cut, Span} from './timeline.js';

/**
 * One repository, pipeline or release flow: a stream of runs on the clock.
 *
 * Runs arrive one per slot of `arrivalMs` (at a seeded point inside the slot), so which
 * runs exist at a moment is arithmetic, not state: 10,000 runs cost nothing until read.
 * Slots are counted from a fixed point (the start of the month), so a restart on the same
 * seed and clock brings back the same runs with the same numbers and ids. Triggered runs
 * are the only state, interleaved with the slots by creation time.
 */

export interface WorldSettings {
	seed: number;
	historySize: number;
	arrivalMs: number;
	/** Run-duration divisor. */
	speed: number;
	/** Clock ms the simulator started: history is the `historySize` runs before it. */
	startedAt: number;
}

export interface TriggerRecord<R> {
	index: number;
	createdAt: number;
	number: number;
	request: R;
}

/** What a planner needs to know about one run before planning it. */
export interface RunSlot<R> {
	number: number;
	createdAt: number;
	/** The run's own seed: everything random about it comes from here. */
	seed: number;
	trigger: TriggerRecord<R> | null;
}

export interface RunPlanBase {
	number: number;
	createdAt: number;
	/** The run's working life: start of processing to conclusion. */
	span: Span;
	/** This run carries the provider's oddities when they are on. */
	odd: boolean;
}

export interface Planner<P extends RunPlanBase, R> {
	plan(slot: RunSlot<R>, settings: WorldSettings): P;
	/** The plan as a cut leaves it. */
	cut(plan: P, cut: Cut): P;
}

export interface EffectiveRun<P> {
	plan: P;
	cut: Cut | null;
}

/** Plans kept per world (per generation of the cache): about the runs a list shows, so a simulator running for days stays the size it was. */
const PLAN_CACHE_LIMIT = 100;

export class World<D extends {name: string}, P extends RunPlanBase, R> {
	readonly name: string;
	private readonly arrivalMs: number;
	private readonly anchorSlot: number;
	private readonly firstSlot: number;
	private readonly triggers: TriggerRecord<R>[] = [];
	private readonly cuts = new Map<number, Cut>();
	private readonly plans = new LruCache<number, P>(PLAN_CACHE_LIMIT);

	constructor(
		readonly def: D,
		readonly settings: WorldSettings,
		private readonly planner: Planner<P, R>,
	) {
		this.name = def.name;
		this.arrivalMs = Math.max(1000, Math.round(settings.arrivalMs));
		const started = new Date(settings.startedAt);
		const monthStart = Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), 1);
		this.anchorSlot = Math.floor(monthStart / this.arrivalMs) - settings.historySize - 1;
		this.firstSlot = this.lastArrivedSlot(settings.startedAt) - settings.historySize + 1;
	}

	private slotCreatedAt(slot: number): number {
		return slot * this.arrivalMs + Math.floor(unit(this.settings.seed, this.name, 'arrival', slot) * 0.8 * this.arrivalMs);
	}

	private lastArrivedSlot(now: number): number {
		const slot = Math.floor(now / this.arrivalMs);
		return this.slotCreatedAt(slot) <= now ? slot : slot - 1;
	}

	/** The oldest run number still listed. */
	get minNumber(): number {
		return this.firstSlot - this.anchorSlot + 1;
	}

	/** The newest run number at `now`. */
	maxNumber(now: number): number {
		let triggered = 0;
		for (const trigger of this.triggers) if (trigger.createdAt <= now) triggered++;
		return this.lastArrivedSlot(now) - this.anchorSlot + 1 + triggered;
	}

	/** How many runs exist at `now`. */
	count(now: number): number {
		return Math.max(0, this.maxNumber(now) - this.minNumber + 1);
	}

	/** Run numbers, newest first. */
	*numbers(now: number): Generator<number> {
		for (let number = this.maxNumber(now); number >= this.minNumber; number--) yield number;
	}

	/** The run with this number, when it exists at `now`. */
	slot(number: number, now: number): RunSlot<R> | undefined {
		if (!Number.isInteger(number) || number < this.minNumber || number > this.maxNumber(now)) return undefined;
		let earlierTriggers = 0;
		for (const trigger of this.triggers) {
			if (trigger.number === number) {
				return {number, createdAt: trigger.createdAt, seed: hash(this.settings.seed, this.name, 'trigger', trigger.index), trigger};
			}
			if (trigger.number < number) earlierTriggers++;
		}
		const slot = this.anchorSlot - 1 + number - earlierTriggers;
		return {number, createdAt: this.slotCreatedAt(slot), seed: hash(this.settings.seed, this.name, 'slot', slot), trigger: null};
	}

	/** Starts a run now. */
	addTrigger(request: R, now: number): RunSlot<R> {
		const number = this.lastArrivedSlot(now) - this.anchorSlot + 1 + this.triggers.length + 1;
		const record: TriggerRecord<R> = {index: this.triggers.length, createdAt: now, number, request};
		this.triggers.push(record);
		const slot = this.slot(number, now);
		if (!slot) throw new Error('a new run must exist at once');
		return slot;
	}

	/** The run as planned, without any cut. */
	plan(number: number, now: number): P | undefined {
		const cached = this.plans.get(number);
		if (cached) return cached;
		const slot = this.slot(number, now);
		if (!slot) return undefined;
		const plan = this.planner.plan(slot, this.settings);
		this.plans.set(number, plan);
		return plan;
	}

	/** The run as it will really go: its plan with any abort or forced end applied. */
	run(number: number, now: number): EffectiveRun<P> | undefined {
		const plan = this.plan(number, now);
		if (!plan) return undefined;
		const cut = this.cuts.get(number) ?? null;
		return {plan: cut ? this.planner.cut(plan, cut) : plan, cut};
	}

	/** Ends the run early (abort, cancel, a test forcing an outcome). The first cut stands. */
	setCut(number: number, cut: Cut): void {
		if (!this.cuts.has(number)) this.cuts.set(number, cut);
	}

	createdAt(number: number, now: number): number | undefined {
		return this.slot(number, now)?.createdAt;
	}
}
