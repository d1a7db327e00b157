import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SimRun} from '../../source/sim/facade.js';
import {WERCKER_PIPELINES} from '../../source/sim/worlds.js';
import {errorLines, expectNoToken, runCli, setUpSimulator, startCli} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	// Only the runs a test adds start while it runs; the history is there from the start.
	setup = await setUpSimulator({arrivalEverySec: 1_000_000});
});
afterAll(async () => {
	await setup.stop();
});

const HEADER = /^==> (.+) \((.+)\) <==$/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function logs(args: readonly string[], timeoutMs = 20_000) {
	return startCli(['--config', setup.config, 'logs', ...args], setup.dir, {timeoutMs});
}

/** The header lines of the output: each node's path and status, in order. */
function headers(stdout: string): Array<{path: string; status: string}> {
	return stdout.split('\n').flatMap((line) => {
		const match = HEADER.exec(line);
		return match ? [{path: match[1] ?? '', status: match[2] ?? ''}] : [];
	});
}

/** A concluded run of the source's history that matches. */
function concluded(source: string, matches: (run: SimRun) => boolean = () => true): SimRun {
	const run = setup.sim.world.runs(source).find((candidate) => candidate.concluded && matches(candidate));
	if (!run) throw new Error(`the simulator has no such concluded run of ${source}`);
	return run;
}

/** A run of acme/api whose build workflow ran to the end: compile, test and package. */
function builtApiRun(): SimRun {
	return concluded('acme/api', (run) => run.status === 'success');
}

describe.concurrent('citop logs, piped: plain text, node after node', () => {
	it("prints every step's log of a SourceCraft run, each under a header naming its path in the tree", async () => {
		const run = builtApiRun();
		const result = await logs([`#${run.number}`, '--source', 'acme/api']).done;
		expect(result.code).toBe(0);
		const found = headers(result.stdout);
		// The tree's order, with the path --node takes.
		expect(found.slice(0, 3)).toEqual([
			{path: 'build/compile/tsc', status: 'success'},
			{path: 'build/compile/lint', status: 'success'},
			{path: 'build/test/unit', status: 'success'},
		]);
		expect(result.stdout.startsWith('==> build/compile/tsc (success) <==\ncompiled ')).toBe(true);
		// A blank line before each header but the first, as tail does.
		expect(result.stdout).toContain('\n\n==> build/compile/lint (success) <==\nchecked ');
		expect(result.stdout).toContain('done, exit code 0\n');
		expect(result.stdout).not.toContain('\u001b');
		expect(result.stderr).toBe('');
		expectNoToken(result, setup.tokens);
	});

	it("prints every step's log of a Wercker run", async () => {
		const run = concluded('build', (candidate) => candidate.status === 'success');
		const result = await logs([run.id.slice(0, 10), '--source', 'build']).done;
		expect(result.code).toBe(0);
		const steps = WERCKER_PIPELINES.find((pipeline) => pipeline.name === 'build')!.steps.map((step) => step.step);
		expect(headers(result.stdout)).toEqual(steps.map((path) => ({path, status: 'success'})));
		expect(result.stdout).toContain("==> get code (success) <==\nCloning into '/workspace/src'...\n");
		expect(result.stdout).not.toContain('\u001b');
		expectNoToken(result, setup.tokens);
	});

	it('--failed prints only the steps that failed', async () => {
		// A run that failed after some steps succeeded.
		for (const run of setup.sim.world.runs('acme/api').filter((candidate) => candidate.concluded && candidate.providerStatus === 'failed')) {
			const all = await logs([`#${run.number}`, '--source', 'acme/api']).done;
			if (!headers(all.stdout).some((header) => header.status === 'success')) continue;
			const result = await logs([`#${run.number}`, '--source', 'acme/api', '--failed']).done;
			expect(result.code).toBe(0);
			const failed = headers(all.stdout).filter((header) => header.status === 'failed');
			expect(failed.length).toBeGreaterThan(0);
			expect(headers(result.stdout)).toEqual(failed);
			expect(result.stdout).toMatch(/(FAIL {2}|error: command exited with code 1)/);
			return;
		}
		throw new Error('the simulator has no run of acme/api that failed after a step succeeded');
	});

	it('--failed on a run that succeeded prints nothing and says so on stderr', async () => {
		const run = builtApiRun();
		const result = await logs([`#${run.number}`, '--source', 'acme/api', '--failed']).done;
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('');
		expect(errorLines(result)).toEqual([`acme/api #${run.number}: no step has failed`]);
	});

	it('--node prints one node: by its path, or its end when that is unique; a node with steps under it prints theirs', async () => {
		const run = builtApiRun();
		const byPath = await logs([`#${run.number}`, '--source', 'acme/api', '--node', 'build/test/unit']).done;
		expect(byPath.code).toBe(0);
		expect(headers(byPath.stdout)).toEqual([{path: 'build/test/unit', status: 'success'}]);
		expect(byPath.stdout).toMatch(/^ ✓ src\/.*\.test\.ts \(\d+ tests\) \d+ms$/m);
		// As `citop watch` prints the path, or only its end.
		const short = await logs([`#${run.number}`, '--source', 'acme/api', '--node', 'unit']).done;
		expect(short.stdout).toBe(byPath.stdout);
		const watchStyle = await logs([`#${run.number}`, '--source', 'acme/api', '--node', 'build › test › unit']).done;
		expect(watchStyle.stdout).toBe(byPath.stdout);
		const task = await logs([`#${run.number}`, '--source', 'acme/api', '--node', 'build/test']).done;
		expect(headers(task.stdout).map((header) => header.path)).toEqual(['build/test/unit', 'build/test/e2e']);
	});

	it('--node naming no node says so and lists the nearest, exit 2', async () => {
		const run = builtApiRun();
		const result = await logs([`#${run.number}`, '--source', 'acme/api', '--node', 'build/tset/unit']).done;
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(errorLines(result)).toEqual([expect.stringMatching(new RegExp(`^citop: no node "build/tset/unit" in acme/api #${run.number}; the nearest: build/test/unit, `))]);
	});

	it('finds the run in every source when it is unique, and asks for --source when it is not', async () => {
		// A build run: its pipeline's source and the application's list it, as one run.
		const run = concluded('build', (candidate) => candidate.status === 'success');
		const found = await logs([run.id.slice(0, 10), '--node', 'get code']).done;
		expect(found.code).toBe(0);
		expect(headers(found.stdout)).toEqual([{path: 'get code', status: 'success'}]);
		// Every SourceCraft repository counts its runs alike.
		const web = new Set(setup.sim.world.runs('acme/web').map((candidate) => candidate.number));
		const api = concluded('acme/api', (candidate) => web.has(candidate.number));
		const several = await logs([`#${api.number}`]).done;
		expect(several.code).toBe(2);
		expect(errorLines(several)[0]).toMatch(/could be \d+ runs: .*; pick the source with --source NAME$/);
	});

	it('refuses a source without logs in one line, exit 2', async () => {
		const release = concluded('shop-release');
		const result = await logs([release.id, '--source', 'shop-release']).done;
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: shop-release: Northflank release flows have no logs; a failed node shows its error']);
		// Found without --source too.
		const anywhere = await logs([release.id]).done;
		expect(anywhere.code).toBe(2);
		expect(errorLines(anywhere)).toEqual(errorLines(result));
		const byId = await logs(['1', '--source', 'acme/infra']).done;
		expect(byId.code).toBe(2);
		expect(errorLines(byId)).toEqual([expect.stringMatching(/^citop: acme\/infra: no logs: SourceCraft serves them by org and repo/)]);
	});

	it('prints what a running step has written so far, and ends', {timeout: 40_000}, async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 600});
		// Once the first step has written something: the line being written counts too.
		let result = await logs([run.id, '--source', 'deploy']).done;
		for (let tries = 0; tries < 20 && !result.stdout.includes('Cloning into'); tries++) {
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			result = await logs([run.id, '--source', 'deploy']).done;
		}
		expect(result.code).toBe(0);
		expect(headers(result.stdout)[0]).toEqual({path: 'get code', status: 'running'});
		expect(result.stdout).toContain('Cloning into');
		setup.sim.world.concludeRun('deploy', run.id, 'canceled');
	});
});

describe.concurrent('citop logs --follow', () => {
	it('reads on while the run goes, ends when it concludes, with exit codes as watch --exit-status', {timeout: 60_000}, async () => {
		const run = setup.sim.world.addRun('build', {outcome: 'failed', durationSec: 40});
		const following = logs([run.id, '--source', 'build', '--follow', '--interval', '0.3'], 50_000);
		// Read while it runs, not after.
		await following.waitForLine(/^==> get code /);
		expect(setup.sim.world.run('build', run.id)?.concluded).toBe(false);
		const result = await following.done;
		expect(result.code).toBe(1);
		expect(setup.sim.world.run('build', run.id)?.concluded).toBe(true);
		const found = headers(result.stdout);
		expect(found[0]?.path).toBe('get code');
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('error: command exited with code 1');
		expect(errorLines(result)).toEqual([expect.stringMatching(/^build f0\w+ finished: failed$/)]);
		for (const line of result.stdout.split('\n')) expect(line).not.toMatch(CONTROL);
	});

	it('ends with 0 when the run it follows succeeds', {timeout: 60_000}, async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 600});
		const following = logs([run.id, '--source', 'deploy', '--follow', '--interval', '0.3'], 50_000);
		await following.waitForLine(/^==> get code \(running\) <==$/);
		setup.sim.world.concludeRun('deploy', run.id, 'success');
		const result = await following.done;
		expect(result.code).toBe(0);
		expect(errorLines(result)).toEqual([expect.stringMatching(/finished: success$/)]);
	});

	it('stops on Ctrl-C with 130', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 600});
		const following = logs([run.id, '--source', 'deploy', '--follow', '--interval', '0.3']);
		await following.waitForLine(/^==> get code/);
		following.kill('SIGINT');
		const result = await following.done;
		expect(result.code).toBe(130);
		setup.sim.world.concludeRun('deploy', run.id, 'canceled');
	});
});

describe('citop logs of hostile text', () => {
	it('strips escape sequences and control characters from every line', async () => {
		setup.sim.setOddities('all', true);
		try {
			const run = concluded('build', (candidate) => candidate.odd);
			const result = await runCli(['--config', setup.config, 'logs', run.id, '--source', 'build'], setup.dir);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain('cleared your screen');
			for (const line of result.stdout.split('\n')) expect(line).not.toMatch(CONTROL);
			expectNoToken(result, setup.tokens);
		} finally {
			setup.sim.setOddities('all', false);
		}
	});
});
