import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {abortCommand} from '../../source/commands/abort.js';
import {errorLines, expectNoToken, runCli, setUpSimulator, terminalContext} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	setup = await setUpSimulator();
});
afterAll(async () => {
	await setup.stop();
});

const cli = (args: readonly string[], timeoutMs?: number) => runCli(['--config', setup.config, ...args], setup.dir, timeoutMs ? {timeoutMs} : {});

describe.concurrent('citop trigger', () => {
	it('starts a run and prints its id; citop watch then follows it to its end', async () => {
		const started = await cli(['trigger', '--source', 'deploy', '--branch', 'main', '--message', 'ship it']);
		expect(started.code).toBe(0);
		const id = started.stdout.trim();
		expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(setup.sim.world.run('deploy', id)).toMatchObject({branch: 'main'});

		const watched = await cli(['watch', id, '--source', 'deploy', '--exit-status', '--interval', '0.3'], 30_000);
		const final = setup.sim.world.run('deploy', id);
		expect(final?.concluded).toBe(true);
		expect(watched.code).toBe(final?.status === 'success' ? 0 : 1);
		expect(watched.stdout).toContain('ship it');
		expect(watched.stdout).toMatch(/finished: /);
		expectNoToken(started, setup.tokens);
		expectNoToken(watched, setup.tokens);
	});

	it('with --watch --json: the id goes nowhere else, the concluded run is JSON on stdout, progress on stderr', async () => {
		const result = await cli(['trigger', '--source', 'acme/web', '--branch', 'main', '--watch', '--json', '--interval', '0.3'], 30_000);
		const run = JSON.parse(result.stdout) as {id: string; status: string; source: string};
		expect(run.source).toBe('acme/web');
		expect(['success', 'failed', 'canceled']).toContain(run.status);
		expect(result.code).toBe(run.status === 'success' ? 0 : 1);
		expect(result.stderr).toMatch(/finished: /);
	});

	it('chains a deploy after a build run named as the RUN column shows it (--source-run)', async () => {
		const build = setup.sim.world.runs('build').find((run) => run.concluded)!;
		const started = await cli(['trigger', '--source', 'deploy', '--source-run', build.id.slice(-7)]);
		// The application source "shop" lists the same run again: one run, not two.
		expect(started.stderr).toBe('');
		expect(started.code).toBe(0);
		const id = started.stdout.trim();
		const answer = await fetch(`${setup.sim.baseUrls.wercker}/api/v3/runs/${id}`, {headers: {authorization: `Bearer ${setup.sim.tokens.wercker}`}});
		expect(((await answer.json()) as {sourceRun?: unknown}).sourceRun).toBe(build.id);
	});

	it('says a --source-run that names no run, exit 2', async () => {
		const result = await cli(['trigger', '--source', 'deploy', '--source-run', 'nosuchrun']);
		expect(result.code).toBe(2);
		expect(errorLines(result)[0]).toMatch(/nosuchrun/);
	});

	it('says, in one line and exit 2, that an input for several SourceCraft workflows must name its workflow', async () => {
		const result = await cli(['trigger', '--source', 'acme/api', '--workflow', 'build', '--workflow', 'deploy', '--input', 'SKIP_E2E=1']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toHaveLength(1);
		expect(errorLines(result)[0]).toContain('say which workflow it is for, as WORKFLOW.SKIP_E2E=VALUE (workflows: build, deploy)');
		const started = await cli(['trigger', '--source', 'acme/api', '--workflow', 'build', '--workflow', 'deploy', '--input', 'build.SKIP_E2E=1', '--tag', 'v2', '--config-revision', 'tag:v2']);
		expect(started.code).toBe(0);
	});

	it('refuses flags the provider does not use, exit 2', async () => {
		const result = await cli(['trigger', '--source', 'shop-release', '--branch', 'main', '--workflow', 'x']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([
			'citop: --workflow: not used by northflank (it takes --name, --description, --input, --ref)',
			'citop: --branch: not used by northflank (it takes --name, --description, --input, --ref)',
		]);
	});

	it('refuses a --ref without a branch, exit 2', async () => {
		const result = await cli(['trigger', '--source', 'shop-release', '--ref', 'api']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: --ref expects NAME=BRANCH (a ref of the release flow and the branch to deploy), got "api"']);
	});

	it('refuses an input without "=", exit 2', async () => {
		const result = await cli(['trigger', '--source', 'deploy', '--input', 'DEBUG']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: --input expects KEY=VALUE, got "DEBUG"']);
	});

	it('says a mistyped SourceCraft repository is not found, in one line, exit 2 (a config error)', async () => {
		const config = await setup.writeConfig(
			'mistyped.yaml',
			`sources:\n  - {name: api, provider: sourcecraft, org: acme, repo: apii, baseUrl: "${setup.sim.baseUrls.sourcecraft}", token: "${setup.sim.tokens.sourcecraft}"}\n`,
		);
		const result = await runCli(['--config', config, 'trigger', '--source', 'api', '--branch', 'main'], setup.dir);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: api: not_found: repository acme\/apii not found \(404\): repository not found \(request id [^)]+\) — check org and repo in the config, and that the token may see it$/)]);
		expectNoToken(result, setup.tokens);
	});

	it('names an unknown source and lists the real ones', async () => {
		const result = await cli(['trigger', '--source', 'nope']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual([expect.stringMatching(/^citop: no source named "nope" in .+; its sources are: acme\/api, acme\/web, /)]);
	});
});

describe.concurrent('citop abort', () => {
	it('stops a run with --yes', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 120});
		const result = await cli(['abort', run.id, '--source', 'deploy', '--yes']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^deploy \S+: abort requested \(now .+\)$/m);
		expect(setup.sim.world.run('deploy', run.id)).toMatchObject({concluded: true, status: 'canceled'});
		expectNoToken(result, setup.tokens);
	});

	it('stops a run named as the RUN column shows it', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 120});
		const result = await cli(['abort', run.id.slice(-7), '--source', 'deploy', '--yes']);
		expect(result.code).toBe(0);
		expect(setup.sim.world.run('deploy', run.id)).toMatchObject({concluded: true, status: 'canceled'});
	});

	it('finds the run in every source without --source', async () => {
		setup.sim.world.addRun('shop-release', {outcome: 'success', durationSec: 120, name: 'Hotfix 91'});
		const result = await cli(['abort', 'hotfix 91', '--yes']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^shop-release Hotfix 91: abort requested \(now canceling\)$/m);
	});

	it('names the run it cannot find, and leaves every run alone', async () => {
		const result = await cli(['abort', 'nosuchrun', '--source', 'deploy', '--yes']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: no run "nosuchrun" in source deploy; the RUN column of citop runs --source deploy shows what to type']);
	});

	it('refuses without a terminal and without --yes, and leaves the run alone', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 120});
		const result = await cli(['abort', run.id, '--source', 'deploy']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: abort asks for confirmation on a terminal; without one, pass --yes']);
		expect(setup.sim.world.run('deploy', run.id)?.concluded).toBe(false);
	});

	it('refuses where the provider cannot abort, saying so', async () => {
		const run = setup.sim.world.addRun('acme/api', {outcome: 'success', durationSec: 120});
		const result = await cli(['abort', run.id, '--source', 'acme/api', '--yes']);
		expect(result.code).toBe(2);
		expect(errorLines(result)).toEqual(['citop: acme/api: cannot abort runs: SourceCraft has no way to cancel a run']);
	});

	it('says when there is nothing left to abort', async () => {
		const done = setup.sim.world.runs('shop').find((run) => run.concluded);
		if (!done) throw new Error('no concluded run of shop');
		const result = await cli(['abort', done.id, '--source', 'shop', '--yes']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/already finished \(.+\); nothing to abort/);
	});
});

describe('citop abort on a terminal asks first', () => {
	it('does nothing when the answer is no', async () => {
		const run = setup.sim.world.addRun('deploy', {outcome: 'success', durationSec: 120});
		const {ctx, stderr} = terminalContext(setup.config, 'n');
		expect(await abortCommand(ctx, {run: run.id, source: 'deploy', yes: false})).toBe(0);
		expect(stderr()).toMatch(/Abort deploy \S+ ".+" \((queued|running)\)\? \[y\/N\] /);
		expect(stderr()).toMatch(/Not aborted\.\n$/);
		expect(setup.sim.world.run('deploy', run.id)?.concluded).toBe(false);
	});

	it('aborts when the answer is yes', async () => {
		const run = setup.sim.world.addRun('shop-release', {outcome: 'success', durationSec: 120});
		const {ctx, stdout} = terminalContext(setup.config, 'y');
		expect(await abortCommand(ctx, {run: run.id, source: 'shop-release', yes: false})).toBe(0);
		expect(stdout()).toMatch(/abort requested \(now canceling\)/);
	});
});
