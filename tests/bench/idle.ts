import {ManualClock} from '../../source/model/clock.js';
import {minimalUpdateBytes} from './cells.js';
import {BenchStore, makeRuns} from './fixtures.js';
import type {Figure} from './report.js';
import {Session, turn} from './session.js';
import {round} from './stats.js';
import type {Cell} from './vt.js';

const COLUMNS = 120;
const ROWS = 40;
const IDLE_MS = 30_000;
/** Steps of the UI's clock, finer than its tick (TICK_MS), so every tick the UI asks for fires. */
const STEP_MS = 125;

type Screen = Cell[][];

function rowsChanged(before: Screen, after: Screen): number {
	return after.filter((row, y) => row.some((cell, x) => cell.char !== before[y]?.[x]?.char || cell.style !== before[y]?.[x]?.style)).length;
}

/** Lets a tick's render reach the terminal: the screen writer writes on the turn after Ink's frame. */
async function drain(): Promise<void> {
	for (let i = 0; i < 4; i++) await turn();
}

/**
 * idleBytesPerSec / minimalIdleBytesPerSec: runTui at 120×40 on 40 runs (10 running), 30 s of
 * simulated time on the UI's injected clock (every timer the UI has runs on it), nothing else
 * changing. The minimum is what an ideal cell-diffing writer would send for the same frames.
 * oneRowChangeBytes: then, with time standing still, one running run fails (the store's highlight
 * and event come with it, as the real store publishes them).
 */
export async function benchIdle(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	const clock = new ManualClock();
	const runs = makeRuns(40, clock.now(), {running: 10});
	const store = new BenchStore(runs, clock.now());
	const session = new Session(store, {columns: COLUMNS, rows: ROWS, clock});
	const {stdout, vt} = session.terminal;
	const frames: {bytes: number; screen: Screen}[] = [];
	stdout.onWrite = (chunk) => frames.push({bytes: Buffer.byteLength(chunk.data, 'utf8'), screen: vt.cells()});
	try {
		await session.waitForScreen((screen) => screen.startsWith('citop'), 'the first frame');
		await drain();
		// The first frame may be written before anyone can listen (runTui draws it at once): read it from the record.
		const firstPaint = Math.max(...stdout.chunks.map((chunk) => Buffer.byteLength(chunk.data, 'utf8')));
		const rowWorth = firstPaint / (ROWS - 1);
		const from = frames.length;
		frames.push({bytes: 0, screen: vt.cells()});
		for (let elapsed = 0; elapsed < IDLE_MS; elapsed += STEP_MS) {
			clock.advance(STEP_MS);
			await drain();
		}
		const idle = frames.slice(from);
		let written = 0;
		let minimal = 0;
		for (let i = 1; i < idle.length; i++) {
			written += idle[i]!.bytes;
			minimal += minimalUpdateBytes(idle[i - 1]!.screen, idle[i]!.screen);
		}
		const seconds = IDLE_MS / 1000;
		const idleBytes = round(written / seconds, 0);
		const minimalBytes = round(minimal / seconds, 0);
		const ratio = round(written / Math.max(1, minimal));

		const before = vt.cells();
		const changeFrom = frames.length;
		const target = runs.filter((run) => run.status === 'running').at(-1)!;
		store.changeStatus(target.key, 'failed', clock.now());
		// A change is drawn with the clock's next frame, or by the pacing's own timer (real time) when
		// no frame comes, as here where time stands still: wait for that frame, then for quiet.
		const deadline = performance.now() + 3_000;
		while (frames.length === changeFrom && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		await drain();
		await session.settle(30);
		const change = frames.slice(changeFrom).reduce((sum, frame) => sum + frame.bytes, 0);
		const changedRows = rowsChanged(before, vt.cells());
		const changeMinimal = minimalUpdateBytes(before, vt.cells());
		return {
			figures: [
				{label: 'idle bytes to the terminal', value: idleBytes, unit: 'B/s', target: '', ok: null, note: `${idle.length - 1} frames in 30 s of simulated time (the UI's clock), 10 running runs of 40, 120×40`},
				{label: 'minimal cell-diff bytes, same frames', value: minimalBytes, unit: 'B/s', target: '', ok: null},
				{label: 'idle bytes / minimal', value: ratio, unit: '×', target: '< 3', ok: ratio < 3},
				{
					label: 'one run changes status',
					value: change,
					unit: 'B',
					// What changes is the run's row, the summary line's counts and the footer: a write costs what it changes.
					target: `< 1.5× a minimal writer (${round(1.5 * changeMinimal, 0)} B)`,
					ok: change < 1.5 * changeMinimal,
					note: `time stands still, so no tick is counted; ${changedRows} rows changed on screen (the run's row is lit, the summary line counts it, the footer names the change); a minimal writer needs ${changeMinimal} B; a row's worth is the first full paint / ${ROWS - 1} rows = ${round(rowWorth, 0)} B; a full screen is ${firstPaint} B`,
				},
			],
			json: {idleBytesPerSec: idleBytes, minimalIdleBytesPerSec: minimalBytes, idleRatio: ratio, oneRowChangeBytes: change, oneRowChangeRows: changedRows, rowBytes: round(rowWorth, 0), fullScreenBytes: firstPaint},
		};
	} finally {
		stdout.onWrite = null;
		await session.quit();
	}
}
