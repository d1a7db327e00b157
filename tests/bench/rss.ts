import {execFile} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import type {Figure} from './report.js';

const run = promisify(execFile);

/** rss10kMb: a fresh process (rss-child.ts) holding 10,000 runs in the real store with the screen up. */
export async function benchRss(): Promise<{figures: Figure[]; json: Record<string, number>}> {
	const child = join(dirname(fileURLToPath(import.meta.url)), 'rss-child.js');
	const {stdout} = await run(process.execPath, ['--expose-gc', child], {timeout: 60_000});
	const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {baseline: number; loaded: number; runs: number; gc: boolean};
	if (result.runs !== 10_000) throw new Error(`the store held ${result.runs} runs, not 10,000`);
	if (!result.gc) throw new Error('the child ran without --expose-gc');
	return {
		figures: [
			{
				label: 'resident memory, 10,000 runs',
				value: result.loaded,
				unit: 'MB',
				target: '< 150 MB',
				ok: result.loaded < 150,
				note: `the real store fed 10,000 runs, the screen drawing them, RSS after a full GC; the same process before loading: ${result.baseline} MB`,
			},
		],
		json: {rss10kMb: result.loaded, rssBaselineMb: result.baseline},
	};
}
