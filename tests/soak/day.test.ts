import {EventEmitter} from 'node:events';
import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {createSourceClient} from '../../source/providers/index.js';
import {startSimulator, type SimulatorHandle} from '../../source/sim/index.js';
import {createStore, type LiveStore} from '../../source/store/index.js';
import {runTui} from '../../source/ui/index.js';
import {VirtualTerminal} from '../bench/vt.js';
import {FakeKeyboard} from '../fixtures/keyboard.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const HOUR = 3_600_000;
const DAY_HOURS = 24;
/** Simulated time between two looks at the screen: every timer due in it fires, each poll once. */
const STEP_MS = 120_000;
/** One source of each provider: what a day costs does not grow with their number. */
const SOURCES = ['acme/api', 'build', 'shop-release'];

/** A terminal that shows the screen and counts bytes, and keeps nothing else: a day of frames must not pile up here. */
class DayTerminal extends EventEmitter {
	readonly isTTY = true;
	readonly vt: VirtualTerminal;
	bytes = 0;

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
		this.vt = new VirtualTerminal(columns, rows);
	}

	write(data: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		this.bytes += text.length;
		this.vt.write(text);
		const done = typeof encoding === 'function' ? encoding : callback;
		if (typeof done === 'function') (done as () => void)();
		return true;
	}
}

/**
 * The heap that data lives in, after a full collection. Compiled code is left out: V8 keeps
 * optimising functions all day (a couple of MB, levelling off), which is not data citop keeps.
 */
function heapMb(): number {
	collectGarbage();
	collectGarbage();
	const used = getHeapSpaceStatistics()
		.filter((space) => !space.space_name.startsWith('code'))
		.reduce((sum, space) => sum + space.space_used_size, 0);
	return used / 1024 / 1024;
}

let sim: SimulatorHandle | null = null;
let store: LiveStore | null = null;
let quit: (() => void) | null = null;

afterAll(async () => {
	quit?.();
	await store?.stop();
	await sim?.stop();
});

describe('a day in a tmux pane', () => {
	it('holds its memory: the real store, screen and simulator for a simulated day, the heap late in the day within a few MB of its first hours', async () => {
		const clock = new ManualClock(Date.UTC(2026, 11, 1, 8, 0, 0));
		// History enough to fill every list to its pages from the first answer: what grows after that is a leak.
		sim = await startSimulator({port: 0, seed: 17, clock, historySize: 600});
		store = createStore({sources: sim.sources.filter((source) => SOURCES.includes(source.name)), clientFactory: (spec, options) => createSourceClient(spec, options), clock, random: () => 0.5});
		const terminal = new DayTerminal(120, 40);
		const keyboard = new FakeKeyboard();
		const exit = runTui({
			store,
			color: true,
			notify: {bell: true, osc9: true},
			stdin: keyboard as unknown as NodeJS.ReadStream,
			stdout: terminal as unknown as NodeJS.WriteStream,
			clock,
		});
		quit = () => keyboard.type('q');
		store.start();
		const live = store;
		const step = async () => {
			clock.advance(STEP_MS);
			await live.settled();
			// The screen writes two turns after Ink's frame.
			for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
		};
		// The heap swings by a few MB with what the caches hold at the moment of a sample: the least
		// of three hourly samples, early and late in the day, shows a leak without that noise.
		const samples: number[] = [];
		let requestsAtHourOne = 0;
		for (let at = 0; at < DAY_HOURS * HOUR; at += STEP_MS) {
			await step();
			const hour = (at + STEP_MS) / HOUR;
			if (Number.isInteger(hour) && (hour <= 3 || hour > DAY_HOURS - 3)) samples.push(heapMb());
			if (hour === 1) requestsAtHourOne = sim.requestCount();
		}
		const hourOne = Math.min(...samples.slice(0, 3));
		const hourTwentyFour = Math.min(...samples.slice(3));

		// It lived the day: polled all along, and the screen still shows the runs.
		// At least a poll of each source every other step, all day.
		expect(sim.requestCount() - requestsAtHourOne).toBeGreaterThan((((DAY_HOURS - 1) * HOUR) / STEP_MS / 2) * SOURCES.length);
		expect(terminal.vt.text().split('\n')[0]).toMatch(/^citop /);
		expect(terminal.vt.text()).toMatch(/ (running|success|failed) /);
		expect(hourTwentyFour - hourOne, `heap ${hourOne.toFixed(1)} MB in hours 1–3, ${hourTwentyFour.toFixed(1)} MB in hours 22–24`).toBeLessThan(4);
		quit();
		expect(await exit).toBe(0);
	}, 600_000);
});
