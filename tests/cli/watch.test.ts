import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {errorLines, expectNoToken, runCli, setUpSimulator, startCli} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	// Only the runs a test adds start while it runs: "the newest run" is the one it added.
	setup = await setUpSimulator({arrivalEverySec: 1_000_000});
});
afterAll(async () => {
	await setup.stop();
});

const STAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z`;

function watch(args: readonly string[], timeoutMs = 20_000) {
	return startCli(['--config', setup.config, 'watch', '--interval', '0.3', ...args], setup.dir, {timeoutMs});
}

// Each test follows its own run; they wait on real time, so they wait together.
describe.concurrent('citop watch, not on a terminal: one timestamped line per transition', () => {
	it('follows a run that succeeds and exits 0 with --exit-status', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 8});
		const result = await watch([run.id, '--source', 'deploy', '--exit-status']).done;
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(new RegExp(`^${STAMP} deploy \\S+ · .* · (queued|running)( \\d+:\\d\\d)?$`));
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${STAMP} deploy \\S+ .+: (queued|running) → success$`)));
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${STAMP} deploy \\S+ finished: success in \\d+:\\d\\d$`)));
		expect(result.stderr).toBe('');
		expectNoToken(result, setup.tokens);
	});

	it('follows a run that fails: the failing step is named, exit 1 with --exit-status', async () => {
		const run = setup.sim.world.addRun('acme/api', {outcome: 'failed', durationSec: 8});
		const result = await watch([run.id, '--source', 'acme/api', '--exit-status']).done;
		expect(result.code).toBe(1);
		// Steps by their place in the tree: "build › test › unit: queued → running".
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} acme/api #${run.id} \\S+ › \\S+: \\w+ → \\w+$`, 'm'));
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} acme/api #${run.id}: running → failed$`, 'm'));
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} acme/api #${run.id} finished: failed in \\d+:\\d\\d$`, 'm'));
		// What failed, deepest first, and the provider's own message.
		expect(result.stdout).toMatch(/^ {2}✗ \S+ › \S+/m);
		expect(result.stdout).toMatch(/^ {2}\S+: command exited with code 1$/m);
	});

	it('exits 0 when the run concludes, whatever its result, without --exit-status', async () => {
		const run = setup.sim.world.addRun('shop', {outcome: 'success', durationSec: 60});
		const watching = watch([run.id, '--source', 'shop']);
		await watching.waitForLine(/shop/);
		setup.sim.world.concludeRun('shop', run.id, 'failed');
		const result = await watching.done;
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/finished: failed/);
	});

	it('says what a Northflank run deployed: the branch and commit of its refs, its arguments', async () => {
		const done = setup.sim.world.runs('shop-release').find((run) => run.concluded);
		if (!done) throw new Error('the simulator has no concluded run of shop-release');
		const result = await watch([done.id, '--source', 'shop-release']).done;
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^${STAMP} shop-release .* · (main|release/2\\.\\d+) [0-9a-f]{7} · imageTag=v2\\.\\d+\\.\\d · `));
	});

	it('exits at once with the result of a run that has concluded already', async () => {
		const done = setup.sim.world.runs('acme/web').find((run) => run.concluded && run.status === 'failed');
		if (!done) throw new Error('the simulator has no failed run of acme/web');
		const result = await watch([done.id, '--source', 'acme/web', '--exit-status']).done;
		expect(result.code).toBe(1);
		expect(result.stdout.trimEnd().split('\n')[1]).toMatch(new RegExp(`^${STAMP} acme/web #${done.id} finished: (failed|timed out)`));
	});

	it('follows the newest run of the source when no run is given', async () => {
		const run = setup.sim.world.addRun('build', {outcome: 'success', durationSec: 2});
		const result = await watch(['--source', 'build']).done;
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`${setup.sim.baseUrls.wercker}/api/v3/runs/${run.id}`);
	});

	it('stops following when interrupted, with exit 130', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 120});
		const watching = watch([run.id, '--source', 'deploy', '--exit-status']);
		await watching.waitForLine(/deploy/);
		watching.kill('SIGINT');
		const result = await watching.done;
		expect(result.code).toBe(130);
	});
});

describe.concurrent('citop watch when the provider fails', () => {
	it('exits 3 at once when the token is refused', async () => {
		const config = await setup.writeConfig(
			'refused.yaml',
			`sources:\n  - {name: api, provider: sourcecraft, org: acme, repo: api, baseUrl: "${setup.sim.baseUrls.sourcecraft}", token: "sc-refused-token-789"}\n`,
		);
		const result = await runCli(['--config', config, 'watch', '1', '--source', 'api', '--exit-status'], setup.dir);
		expect(result.code).toBe(3);
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: api: auth: /)]);
		expectNoToken(result, ['sc-refused-token-789']);
	});

	it('keeps trying an unreachable provider, then gives up with 3', async () => {
		const config = await setup.writeConfig(
			'down.yaml',
			`sources:\n  - {name: api, provider: wercker, pipelineId: p, baseUrl: "http://127.0.0.1:1", token: "wk-down-token-000"}\n`,
		);
		const result = await runCli(['--config', config, 'watch', 'abc', '--source', 'api', '--exit-status', '--interval', '0.2', '--give-up', '2'], setup.dir);
		expect(result.code).toBe(3);
		const lines = errorLines(result);
		expect(lines[0]).toMatch(/^citop: api: network: .*; retrying$/);
		expect(lines.at(-1)).toMatch(/^citop: api: network: .*; gave up after \d+ s without an answer \(--give-up 2\)$/);
		expect(result.ms).toBeGreaterThanOrEqual(2_000);
		expectNoToken(result, ['wk-down-token-000']);
	});

	it('says so when the run does not exist, naming the run and where it looked, exit 2', async () => {
		const result = await watch(['999999999', '--source', 'acme/api']).done;
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: no run "999999999" in source acme/api; the RUN column of citop runs --source acme/api shows what to type']);
	});

	it('asks for --source to follow the newest run when the config has several', async () => {
		const result = await runCli(['--config', setup.config, 'watch'], setup.dir);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: --source is required: .+ has 8 sources: acme\/api, acme\/web, /)]);
	});
});

describe.concurrent('citop watch takes the run as the RUN column shows it', () => {
	/** Follows the run named `typed` until the test ends it; the run is long, so a slow start misses nothing. */
	async function follow(typed: string, args: readonly string[], source: string, id: string, shown: RegExp) {
		const watching = watch([typed, ...args, '--exit-status'], 40_000);
		await watching.waitForLine(shown);
		setup.sim.world.concludeRun(source, id, 'success');
		return watching.done;
	}

	it('a Wercker run by the end of its id, as listed', {timeout: 45_000}, async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 3_600});
		const label = run.id.slice(-7);
		const result = await follow(label, ['--source', 'deploy'], 'deploy', run.id, new RegExp(` deploy ${label} `));
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} deploy ${label} finished: success`, 'm'));
	});

	it('a SourceCraft run by its # number, without --source when one source has it', {timeout: 45_000}, async () => {
		const run = setup.sim.world.addRun('acme/api', {outcome: 'success', durationSec: 3_600});
		const result = await follow(`#${run.id}`, [], 'acme/api', run.id, new RegExp(` acme/api #${run.id} `));
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} acme/api #${run.id} finished: success`, 'm'));
		expect(result.stderr).toBe('');
	});

	it('a Northflank run by its name, in any case', {timeout: 45_000}, async () => {
		const run = setup.sim.world.addRun('shop-release', {outcome: 'success', durationSec: 3_600, name: 'Hotfix 77'});
		const result = await follow('hotfix 77', [], 'shop-release', run.id, / shop-release Hotfix 77 /);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} shop-release Hotfix 77 finished: success`, 'm'));
	});

	it('says which runs a label could be when several sources list it, exit 2', async () => {
		const newest = setup.sim.world.runs('acme/web')[0];
		if (!newest) throw new Error('acme/web has no runs');
		const result = await runCli(['--config', setup.config, 'watch', `#${newest.id}`], setup.dir);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([
			expect.stringMatching(new RegExp(`^citop: "#${newest.id}" could be \\d runs: .*acme/web #${newest.id} \\(id ${newest.id}\\).*; pick the source with --source NAME$`)),
		]);
	});
});

describe('citop watch while the source cannot be listed', () => {
	it('waits it out and then finds the run as the RUN column shows it, instead of asking the server for the label as an id', {timeout: 60_000}, async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 3_600});
		const label = run.id.slice(-7);
		setup.sim.setFault('wercker', {kind: 'status', status: 503});
		const watching = watch([label, '--source', 'deploy', '--exit-status', '--give-up', '50'], 55_000);
		try {
			await new Promise((resolve) => setTimeout(resolve, 3_000));
		} finally {
			setup.sim.setFault('wercker', null);
		}
		await watching.waitForLine(new RegExp(` deploy ${label} `));
		setup.sim.world.concludeRun('deploy', run.id, 'success');
		const result = await watching.done;
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^${STAMP} deploy ${label} finished: success`, 'm'));
		expect(errorLines(result).length).toBeGreaterThan(0);
		for (const line of errorLines(result)) expect(line).toMatch(/^citop: deploy: server: .*; retrying$/);
	});
});
