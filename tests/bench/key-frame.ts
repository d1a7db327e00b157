import {ManualClock} from '../../source/model/clock.js';
import {BenchStore, makeRuns} from './fixtures.js';
import type {Figure} from './report.js';
import {Session} from './session.js';
import {percentile, round, until} from './stats.js';

const PAGE_DOWN = '\u001b[6~';
const PAGE_UP = '\u001b[5~';
/** 50 keys that each move the cursor from where the one before left it (so each must draw a frame). */
const CYCLE = [...'j'.repeat(20), ...Array<string>(5).fill(PAGE_DOWN), ...'k'.repeat(10), 'G', ...'k'.repeat(5), ...Array<string>(3).fill(PAGE_UP), 'g', ...'j'.repeat(5)];
const PRESSES = 200;
/** A frame is complete once nothing more is written for this long. */
const QUIET_MS = 15;

/**
 * keyToFrameP95Ms: runTui on 10,000 runs at 120×40; the time from a key reaching stdin to the
 * last write of the frame it causes. The UI's clock stands still, so no tick draws in between.
 */
export async function benchKeyToFrame(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	const clock = new ManualClock();
	const store = new BenchStore(makeRuns(10_000, clock.now()), clock.now());
	const session = new Session(store, {columns: 120, rows: 40, clock});
	const chunks = session.terminal.stdout.chunks;
	try {
		await session.waitForScreen((screen) => screen.startsWith('citop'), 'the first frame');
		await session.settle(50);
		const times: number[] = [];
		let silent = 0;
		for (let i = 0; i < PRESSES; i++) {
			const key = CYCLE[i % CYCLE.length]!;
			const before = chunks.length;
			const start = performance.now();
			session.terminal.type(key);
			try {
				await until(() => chunks.length > before, 'a frame', 2_000, 1);
			} catch {
				silent++;
				continue;
			}
			// Wait out anything else the key causes; the frame ends with its last write.
			let seen = chunks.length;
			for (;;) {
				await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
				if (chunks.length === seen) break;
				seen = chunks.length;
			}
			times.push(chunks.at(-1)!.at - start);
		}
		if (silent > 0) throw new Error(`${silent} of ${PRESSES} keys drew no frame`);
		const p95 = round(percentile(times, 95));
		const p50 = round(percentile(times, 50));
		return {
			figures: [
				{
					label: 'key press to frame, 10,000 runs (p95)',
					value: p95,
					unit: 'ms',
					target: '< 16 ms',
					ok: p95 < 16,
					note: `${PRESSES} presses of j, k, PgDn, PgUp, g, G at 120×40; median ${p50} ms; runTui on a store holding 10,000 runs`,
				},
			],
			json: {keyToFrameP95Ms: p95, keyToFrameMedianMs: p50},
		};
	} finally {
		await session.quit();
	}
}
