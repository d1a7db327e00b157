import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rerunCommand} from '../../source/commands/rerun.js';
import type {ProviderName} from '../../source/model/run.js';
import type {SimWrite} from '../../source/sim/index.js';
import {errorLines, expectNoToken, runCli, setUpSimulator, terminalContext} from './helpers.js';
import type {SimSetup} from './helpers.js';

let setup: SimSetup;
beforeAll(async () => {
	// No run arrives on its own: the runs and their numbers stay as the tests found them.
	setup = await setUpSimulator({arrivalEverySec: 1_000_000});
});
afterAll(async () => {
	await setup.stop();
});

const cli = (args: readonly string[]) => runCli(['--config', setup.config, ...args], setup.dir);

/** A provider's own answer, as any client reads it. */
async function api(provider: ProviderName, path: string): Promise<any> {
	const answer = await fetch(`${setup.sim.baseUrls[provider]}${path}`, {headers: {authorization: `Bearer ${setup.sim.tokens[provider]}`}});
	return answer.json();
}

/** The starts the simulator answered since `before` of them, read over HTTP as any client would. */
async function startsAfter(before: number): Promise<SimWrite[]> {
	const {requests} = (await (await fetch(`${setup.sim.url}/_sim/requests`)).json()) as {requests: SimWrite[]};
	return requests.slice(before).filter((write) => write.method === 'POST');
}

async function startCount(): Promise<number> {
	const {requests} = (await (await fetch(`${setup.sim.url}/_sim/requests`)).json()) as {requests: SimWrite[]};
	return requests.length;
}

// Each test looks only at the starts it caused: they run one after another.
describe('citop rerun', () => {
	it('starts the same SourceCraft workflows again, on the default branch, and says that SourceCraft does not tell the branch', async () => {
		const {runs} = await api('sourcecraft', '/repos/acme/api/cicd/runs?page_size=50');
		const old = runs.find((run: any) => run.event_type === 'push' && run.status === 'success' && run.workflows.length > 0);
		const workflows = old.workflows.map((workflow: any) => workflow.slug);
		const before = await startCount();
		const result = await cli(['rerun', `#${old.slug}`, '--source', 'acme/api', '--yes']);
		expect(result.code).toBe(0);
		expect(errorLines(result)).toEqual([
			"citop: warning: SourceCraft does not say a run's branch, commit, CI config revision or input values: the default branch, no input values",
			`Rerunning #${old.slug} on acme/api: workflows ${workflows.join(', ')} on the default branch`,
		]);
		const [start, ...more] = await startsAfter(before);
		expect(more).toEqual([]);
		expect(start).toMatchObject({provider: 'sourcecraft', path: '/repos/acme/api/cicd/runs', body: {workflows: workflows.map((name: string) => ({name, values: []}))}});
		const id = result.stdout.trim();
		expect(setup.sim.world.run('acme/api', id)).toMatchObject({branch: 'main'});
		// A run just created lists its workflows once it is prepared.
		let started = await api('sourcecraft', `/repos/acme/api/cicd/runs/${id}`);
		while (started.workflows.length === 0) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			started = await api('sourcecraft', `/repos/acme/api/cicd/runs/${id}`);
		}
		expect(started.workflows.map((workflow: any) => workflow.slug)).toEqual(workflows);
		expectNoToken(result, setup.tokens);
	});

	it('starts a Wercker run again on its branch and commit, with its environment variables and the run it chained after', async () => {
		const build = setup.sim.world.runs('build').find((run) => run.concluded)!;
		const chained = await cli(['trigger', '--source', 'deploy', '--branch', 'release/2.9', '--commit', 'a1b2c3d4e5f6', '--input', 'ENV=prod', '--input', 'DEBUG=1', '--source-run', build.id]);
		expect(chained.code).toBe(0);
		const old = chained.stdout.trim();
		const before = await startCount();
		const result = await cli(['rerun', old.slice(-7), '--source', 'deploy', '--yes', '--json']);
		expect(result.code).toBe(0);
		expect(errorLines(result)).toEqual([`Rerunning ${old.slice(-7)} on deploy: pipeline initial-build on release/2.9@a1b2c3d, environment variables ENV, DEBUG, after run ${build.id.slice(-7)}`]);
		const [start] = await startsAfter(before);
		expect(start?.body).toEqual({pipelineId: '5751377e7e1bd5f17f050bc4', sourceRunId: build.id, branch: 'release/2.9', commitHash: 'a1b2c3d4e5f6', envVars: [{key: 'ENV', value: 'prod'}, {key: 'DEBUG', value: '1'}]});
		const run = JSON.parse(result.stdout) as {id: string; source: string};
		expect(run.source).toBe('deploy');
		expect(run.id).not.toBe(old);
		expect(setup.sim.world.run('deploy', run.id)).toMatchObject({branch: 'release/2.9', commit: 'a1b2c3d4e5f6'});
		expect(await api('wercker', `/api/v3/runs/${run.id}`)).toMatchObject({sourceRun: build.id, envVars: [{key: 'ENV', value: 'prod'}, {key: 'DEBUG', value: '1'}]});
	});

	it('starts a Northflank release flow again with its arguments, each ref on the branch and commit it deployed; found without --source', async () => {
		const {data} = await api('northflank', '/v1/projects/shop/pipelines/main/release-flows/release/runs?per_page=20');
		const listed = data.runs.find((run: any) => typeof run.name === 'string' && run.concluded);
		const {data: old} = await api('northflank', `/v1/projects/shop/pipelines/main/release-flows/release/runs/${listed.id}`);
		const before = await startCount();
		// Names repeat between flows ("Release 61" of release and of staging): the short id is one run's.
		const result = await cli(['rerun', listed.id.split('-')[0], '--yes']);
		expect(result.code).toBe(0);
		const refs = Object.entries(old.refs as Record<string, {branch: string; sha: string}>);
		expect(errorLines(result)).toEqual([
			`Rerunning ${listed.name} on shop-release: arguments imageTag=${old.arguments.imageTag}, refs ${refs.map(([ref, {branch, sha}]) => `${ref}=${branch}@${sha.slice(0, 7)}`).join(', ')}`,
		]);
		const [start] = await startsAfter(before);
		expect(start?.body).toEqual({arguments: old.arguments, overrides: old.refs});
		const {data: started} = await api('northflank', `/v1/projects/shop/pipelines/main/release-flows/release/runs/${result.stdout.trim()}`);
		expect(started.arguments).toEqual(old.arguments);
		expect(started.refs).toEqual(old.refs);
	});

	it('names a RUN that is no run, and one that could be several, exit 2, starting nothing', async () => {
		const before = await startCount();
		const unknown = await cli(['rerun', 'nosuchrun', '--yes']);
		expect(unknown.code).toBe(2);
		expect(errorLines(unknown)).toEqual(['citop: no run "nosuchrun" in any of the 8 sources; the RUN column of citop runs shows what to type']);
		// The repositories count their runs alike: one number names a run in each.
		const number = setup.sim.world.runs('acme/web')[3]!.number;
		const ambiguous = await cli(['rerun', `#${number}`, '--yes']);
		expect(ambiguous.code).toBe(2);
		expect(errorLines(ambiguous)).toEqual([expect.stringMatching(new RegExp(`^citop: "#${number}" could be \\d runs: acme/api #${number} \\(id ${number}\\), acme/web #${number} .*; pick the source with --source NAME$`))]);
		expect(await startsAfter(before)).toEqual([]);
	});

	it('refuses, in one line and exit 2, a source that cannot start runs and a run whose branch is not known', async () => {
		const before = await startCount();
		const run = setup.sim.world.runs('shop')[0]!;
		const application = await cli(['rerun', run.id, '--source', 'shop', '--yes']);
		expect(application.code).toBe(2);
		expect(errorLines(application)).toEqual(['citop: shop: cannot start runs: Wercker starts runs of a pipeline: set pipelineId in the config']);
		const {runs} = await api('sourcecraft', '/repos/acme/web/cicd/runs?page_size=50');
		const pull = runs.find((item: any) => item.event_type === 'pr_update');
		const refused = await cli(['rerun', `#${pull.slug}`, '--source', 'acme/web', '--yes']);
		expect(refused.code).toBe(2);
		expect(errorLines(refused)).toEqual([
			`citop: acme/web #${pull.slug}: cannot rerun: it ran for PR ${pull.pull.slug}, and SourceCraft does not say its branch or commit; start a run on that branch instead`,
		]);
		const unasked = await cli(['rerun', `#${pull.slug}`, '--source', 'acme/web']);
		expect(unasked.code).toBe(2);
		expect(errorLines(unasked)).toEqual(['citop: rerun asks for confirmation on a terminal; without one, pass --yes']);
		expect(await startsAfter(before)).toEqual([]);
	});

	it('on a terminal, asks with what it would start, and starts nothing on "n"', async () => {
		const {ctx, stderr} = terminalContext(setup.config, 'n');
		// The oldest: a run of the history, not one a test started.
		const old = setup.sim.world.runs('deploy').at(-1)!;
		const before = await startCount();
		expect(await rerunCommand(ctx, {run: old.id, source: 'deploy', yes: false, watch: false, json: false, giveUp: 300})).toBe(0);
		expect(stderr()).toContain(`Rerun ${old.id.slice(-7)} on deploy: pipeline initial-build on ${old.branch}@${old.commit?.slice(0, 7)}? [y/N] n`);
		expect(stderr()).toMatch(/Not rerun\.\n$/);
		expect(await startsAfter(before)).toEqual([]);
	});
});
