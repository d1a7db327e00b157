import type {LoadedConfig} from '../config/load.js';
import type {Run} from '../model/run.js';
import {capabilitiesOf, createSourceClient} from '../providers/index.js';
import {MAX_INPUT_READS} from '../store/budget.js';
import {errorFields} from '../store/schedule.js';
import type {CommandContext} from './context.js';
import {formatProviderError} from './report.js';

/** Of the runs to print (in their order), those whose inputs only their detail gives: the first `max` to read, and how many are left. */
function planInputReads(runs: readonly Run[], inDetail: (run: Run) => boolean, max = MAX_INPUT_READS): {read: Run[]; left: number} {
	const wanted = runs.filter((run) => run.inputs === null && inDetail(run));
	return {read: wanted.slice(0, max), left: Math.max(0, wanted.length - max)};
}

const runsWord = (count: number) => `${count} run${count === 1 ? '' : 's'}`;

/**
 * `runs --inputs`: the runs whose inputs only their detail gives get them from it; each source's
 * details are read one after another, the sources side by side. A source whose read fails is said
 * once and not asked again. A run not read keeps `inputs: null`: not known, never "none".
 */
export async function readInputs(ctx: CommandContext, config: Pick<LoadedConfig, 'sources'>, runs: readonly Run[]): Promise<{runs: Run[]; failed: boolean}> {
	const inDetail = new Set(config.sources.filter((spec) => capabilitiesOf(spec).inputsInDetail).map((spec) => spec.name));
	const {read, left} = planInputReads(runs, (run) => inDetail.has(run.source));
	const inputs = new Map<string, Run['inputs']>();
	let failed = false;
	await Promise.all(
		config.sources.map(async (spec) => {
			const mine = read.filter((run) => run.source === spec.name);
			if (mine.length === 0) return;
			const client = createSourceClient(spec, {});
			for (const [index, run] of mine.entries()) {
				try {
					inputs.set(run.key, (await client.getRun(run.id, {signal: ctx.signal})).inputs);
				} catch (error) {
					failed = true;
					ctx.reporter.error(`${formatProviderError(errorFields(error, spec.name), spec.name)} (inputs not read for ${runsWord(mine.length - index)})`);
					ctx.reporter.debug(`${spec.name}: reading a run's detail for its inputs failed`, error);
					return;
				}
			}
		}),
	);
	if (left > 0) ctx.reporter.warn(`inputs not read for ${runsWord(left)} more: --inputs reads at most ${MAX_INPUT_READS} runs' details; narrow with --limit, --status or --source`);
	return {runs: runs.map((run) => (inputs.has(run.key) ? {...run, inputs: inputs.get(run.key) ?? null} : run)), failed};
}
