import {execFile} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {PROVIDERS} from '../../source/model/run.js';
import type {ProviderName} from '../../source/model/run.js';
import type {HourResult, Scenario} from './hour.js';
import type {Figure} from './report.js';

/** Of Northflank's 1000 an hour per token: the rest is room for a second citop and the token's other clients. */
const NORTHFLANK_LIMIT = 600;
const run = promisify(execFile);

function rows(scenario: Scenario, result: HourResult): Figure[] {
	const figures: Figure[] = Object.entries(result.perSource).map(([source, count]) => ({label: `requests/hour ${scenario}, ${source}`, value: count, unit: '', target: '', ok: null}));
	const northflank = result.perProvider.northflank ?? 0;
	figures.push({
		label: `requests/hour ${scenario}, Northflank token (all flows)`,
		value: northflank,
		unit: '',
		target: `≤ ${NORTHFLANK_LIMIT}`,
		ok: northflank <= NORTHFLANK_LIMIT,
		note:
			scenario === 'idle'
				? 'a simulated hour (ManualClock) of the real store on the real simulator, every run concluded; counted by the simulator'
				: 'a simulated hour with a run going in every source all hour and a Northflank run open; counted by the simulator',
	});
	return figures;
}

/** One simulated hour in a process of its own (requests-child.ts): the hours run side by side. */
async function hourInChild(scenario: Scenario, providers: readonly ProviderName[]): Promise<HourResult> {
	const child = join(dirname(fileURLToPath(import.meta.url)), 'requests-child.js');
	const {stdout} = await run(process.execPath, [child, scenario, providers.join(',')], {timeout: 300_000, maxBuffer: 1 << 20});
	return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HourResult;
}

function merge(results: readonly HourResult[]): HourResult {
	return {perSource: Object.assign({}, ...results.map((result) => result.perSource)), perProvider: Object.assign({}, ...results.map((result) => result.perProvider))};
}

/**
 * requestsPerHourIdle / requestsPerHourActive, per source; Northflank's token must stay within 600 of its 1000.
 * Providers share no budget (each has its own token), so each provider's busy hour runs in its own
 * process, in parallel.
 */
export async function benchRequests(): Promise<{figures: Figure[]; json: Record<string, unknown>}> {
	const [idle, ...active] = await Promise.all([
		hourInChild('idle', PROVIDERS),
		...PROVIDERS.map((provider) => hourInChild('active', [provider])),
	]);
	const busy = merge(active);
	return {
		figures: [...rows('idle', idle!), ...rows('active', busy)],
		json: {
			requestsPerHourIdle: idle!.perSource,
			requestsPerHourActive: busy.perSource,
			requestsPerHourIdleByProvider: idle!.perProvider,
			requestsPerHourActiveByProvider: busy.perProvider,
		},
	};
}
