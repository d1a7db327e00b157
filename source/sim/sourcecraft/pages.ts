import type {LogState} from '../logs.js';
import {logText} from '../logs.js';
import {hash} from '../random.js';
import type {ScCubePlan} from './plan.js';

/**
 * SourceCraft cube logs come in numbered pages of different sizes, read in order:
 * while a page is incomplete the next one answers 404; `done` marks the last page
 * of a cube that has stopped.
 */

/** Line index where page `page` (from 1) starts. */
function pageStart(seed: number, page: number): number {
	let start = 0;
	for (let index = 1; index < page; index++) start += 3 + (hash(seed, 'page', index) % 8);
	return start;
}

export interface LogPage {
	logs: string;
	page_complete: boolean;
	done: boolean;
}

/** The page as it stands, or null when it cannot be read (yet or ever): a 404. */
export function logPage(cube: ScCubePlan, state: LogState, page: number): LogPage | null {
	const start = pageStart(cube.log.seed, page);
	const end = pageStart(cube.log.seed, page + 1);
	const written = state.lines.length;
	if (written < start) return null;
	const last = written <= end;
	const complete = written >= end || state.done;
	const logs = logText(state, start, Math.min(end, written)) + (written < end ? state.partial : '');
	return {logs, page_complete: complete, done: state.done && last};
}
