import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {simulatorConfigYaml} from '../../source/sim/index.js';
import type {Fault, SimRun} from '../../source/sim/index.js';
import type {Citop, Home} from './cli.js';
import {endAll, makeHome, startCitop, waitForBuild} from './cli.js';
import {DrillSim, until} from './sim.js';

/**
 * `citop watch` in a script (no terminal: one line per change) while the API limps. It must keep
 * following the run through every fault, say what failed on stderr with the request id when the
 * server sent one, never print a transition twice, and end with the run's result once the fault
 * has cleared and the run concludes.
 */

const SOURCE = 'acme/api';

let drill: DrillSim;
let home: Home;
let config: string;

beforeAll(async () => {
	await waitForBuild();
	// New runs arrive every 15 s, so the seeded history always has one still running.
	drill = await DrillSim.start({seed: 31, historySize: 8, arrivalEverySec: 15});
	home = await makeHome();
	config = await home.write('config.yaml', simulatorConfigYaml(drill.sim));
}, 90_000);

// A drill that failed half way must not leave its citop polling into the next one.
const started: Citop[] = [];
afterEach(() => endAll(started));

afterAll(async () => {
	await drill?.stop();
	await home?.remove();
});

function watch(run: SimRun): Citop {
	const citop = startCitop(['--config', config, 'watch', run.id, '--source', run.source, '--interval', '0.3', '--exit-status', '--give-up', '120'], home, {timeoutMs: 90_000});
	started.push(citop);
	return citop;
}

/** Lines that say a run or one of its steps changed ("… : running → success"). */
function transitions(stdout: string): string[] {
	return stdout.split('\n').filter((line) => line.includes(' → '));
}

async function expectFinished(citop: Citop, run: SimRun): Promise<void> {
	const result = await citop.done;
	expect(result.code, result.stderr).toBe(0);
	const lines = result.stdout.trimEnd().split('\n');
	const label = `#${run.id}`;
	expect(lines.filter((line) => line.includes(`${label} finished: success`))).toHaveLength(1);
	const changes = transitions(result.stdout);
	expect(new Set(changes).size, `a transition printed twice:\n${result.stdout}`).toBe(changes.length);
	for (const line of result.stderr.trimEnd().split('\n').filter(Boolean)) {
		expect(line, 'every complaint names the source and says citop goes on').toMatch(new RegExp(`^citop: ${SOURCE}: .*; retrying$`));
	}
	expect(result.stderr).not.toMatch(/internal error|TypeError|at .+\.js:\d+/);
}

interface Case {
	name: string;
	fault: Fault;
	/** What stderr says while the fault lasts. */
	says: RegExp;
	/** The server answered: its request id must be quoted. */
	answered: boolean;
}

const CASES: Case[] = [
	{name: 'a 429 storm with Retry-After', fault: {kind: 'status', status: 429, retryAfterSec: 1}, says: /rate_limited: /, answered: true},
	{name: 'a 503 storm', fault: {kind: 'status', status: 503}, says: /server: /, answered: true},
	{name: 'malformed JSON', fault: {kind: 'malformed'}, says: /bad_response: /, answered: true},
	{name: 'dropped connections', fault: {kind: 'drop'}, says: /network: /, answered: false},
];

// First, before any run is added: added runs renumber the seeded ones, and a restarted simulator
// knows only the seeded runs, so only then does the watched run come back with the same number.
describe('citop watch while the simulator is stopped and started again on the same port', () => {
	it('keeps following through refused connections and ends with the result', async () => {
		const now = Date.now();
		// The run that goes on longest: the test ends it before its planned end (maybe a failure) on a slow machine too.
		const run = drill.sim.world
			.runs(SOURCE)
			.filter((candidate) => !candidate.concluded)
			.sort((a, b) => b.endsAt - a.endsAt)[0];
		if (!run || run.endsAt < now + 30_000) throw new Error(`no run of ${SOURCE} runs for 30 s more`);
		const citop = watch(run);
		await citop.waitFor(({stdout}) => stdout.includes(`#${run.id}`), 'the headline');
		await drill.down();
		try {
			await citop.waitFor(({stderr}) => /network: .*; retrying/.test(stderr), 'a refused connection reported', 20_000);
			expect(citop.exited).toBe(false);
		} finally {
			await drill.start();
		}
		// The same seed brings the same run back; end it now.
		drill.sim.world.concludeRun(SOURCE, run.id, 'success');
		await expectFinished(citop, run);
	}, 60_000);
});

describe.each(CASES)('citop watch through $name', ({fault, says, answered}) => {
	it('keeps following, says what failed, and ends with the result once the run concludes', async () => {
		const run = drill.sim.world.addRun(SOURCE, {outcome: 'success', durationSec: 600});
		const citop = watch(run);
		try {
			await citop.waitFor(({stdout}) => stdout.includes(`#${run.id}`), 'the headline');
			drill.setFault(fault, 'sourcecraft');
			await citop.waitFor(({stderr}) => says.test(stderr), `an error line matching ${says}`, 20_000);
			if (answered) expect(citop.stderr).toMatch(/\(request id [0-9a-f-]{8,}\)/);
			expect(citop.exited).toBe(false);
		} finally {
			drill.setFault(null, 'sourcecraft');
		}
		drill.sim.world.concludeRun(SOURCE, run.id, 'success');
		await expectFinished(citop, run);
	}, 60_000);
});

describe('citop watch through answers that hang for a minute', () => {
	it('gives up each hung request after its 10 s timeout, asks again, and ends with the result', async () => {
		const run = drill.sim.world.addRun(SOURCE, {outcome: 'success', durationSec: 600});
		const citop = watch(run);
		await citop.waitFor(({stdout}) => stdout.includes(`#${run.id}`), 'the headline');
		const asked = drill.sim.requestCount('sourcecraft');
		drill.setFault({kind: 'latency', ms: 60_000});
		let cleared = 0;
		try {
			// One list request and one request for the run's tree: both polls now hang.
			await until(() => drill.sim.requestCount('sourcecraft') >= asked + 2, 'both polls to hang', 10_000);
		} finally {
			drill.setFault(null);
			cleared = Date.now();
		}
		drill.sim.world.concludeRun(SOURCE, run.id, 'success');
		await expectFinished(citop, run);
		const waited = Date.now() - cleared;
		// It waited for the hung request's timeout, not for the answer a minute away.
		expect(waited).toBeGreaterThan(8_000);
		expect(waited).toBeLessThan(45_000);
	}, 60_000);
});

