import {ApiClient, ApiClientInMemoryContextProvider} from '@northflank/js-client';
import type {AbortReleaseflowrunResult, GetReleaseflowrunResult, ListReleaseflowrunsResult, RunReleaseflowData} from '@northflank/js-client';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {NorthflankSpec} from '../../source/providers/types.js';
import {startSim, type Sim} from './sim-helpers.js';

/**
 * Northflank's own JS client against the simulator: what the real server sends, its clients read.
 * The checks below are written from the client's types, so a type that gains a required field
 * stops this file from type-checking until the check covers it.
 */

/** The keys a type declares as required. */
type RequiredKeys<T> = {[Key in keyof T]-?: Record<string, never> extends Pick<T, Key> ? never : Key}[keyof T];

type ListedRun = NonNullable<ListReleaseflowrunsResult['runs']>[number];
type Trigger = NonNullable<GetReleaseflowrunResult['triggers']>[number];

const LISTED_REQUIRED: Record<RequiredKeys<ListedRun>, true> = {id: true, status: true, concluded: true, createdAt: true, updatedAt: true};
/** Every field a listed run may have: `arguments` is not one, so `citop runs` cannot know a run's inputs from the list. */
const LISTED_FIELDS: Record<keyof ListedRun, true> = {...LISTED_REQUIRED, name: true, description: true, startedAt: true, concludedAt: true};
const RUN_REQUIRED: Record<RequiredKeys<GetReleaseflowrunResult>, true> = {
	apiVersion: true,
	spec: true,
	id: true,
	status: true,
	concluded: true,
	createdAt: true,
	updatedAt: true,
};
const ABORTED_REQUIRED: Record<RequiredKeys<AbortReleaseflowrunResult>, true> = RUN_REQUIRED;
const TRIGGER_REQUIRED: Record<RequiredKeys<Trigger>, true> = {vcsService: true, repoUrl: true};
const STATUSES: Record<GetReleaseflowrunResult['status'], true> = {
	pending: true,
	running: true,
	success: true,
	failure: true,
	aborted: true,
	aborting: true,
	queued: true,
	unknown: true,
	skipped: true,
	waiting: true,
	retrying: true,
	async_wait: true,
	approval_wait: true,
};
const VCS_SERVICES: Record<Trigger['vcsService'], true> = {bitbucket: true, gitlab: true, github: true, 'self-hosted': true, azure: true};
const API_VERSIONS: Record<GetReleaseflowrunResult['apiVersion'], true> = {'v1.2': true};

/** The fields of `value` that `required` names and `value` lacks. */
function missing(value: object, required: Record<string, true>): string[] {
	return Object.keys(required).filter((key) => !(key in value) || (value as Record<string, unknown>)[key] === undefined);
}

function expectListed(run: ListedRun): void {
	expect(missing(run, LISTED_REQUIRED)).toEqual([]);
	expect(Object.keys(run).filter((key) => !Object.hasOwn(LISTED_FIELDS, key))).toEqual([]);
	expect(Object.keys(STATUSES)).toContain(run.status);
}

function expectRun(run: GetReleaseflowrunResult | AbortReleaseflowrunResult, required: Record<string, true> = RUN_REQUIRED): void {
	expect(missing(run, required)).toEqual([]);
	expect(Object.keys(API_VERSIONS)).toContain(run.apiVersion);
	expect(Object.keys(STATUSES)).toContain(run.status);
	for (const trigger of run.triggers ?? []) {
		expect(missing(trigger, TRIGGER_REQUIRED)).toEqual([]);
		expect(Object.keys(VCS_SERVICES)).toContain(trigger.vcsService);
	}
}

let env: Sim;

beforeEach(async () => {
	env = await startSim({historySize: 60});
});

afterEach(async () => {
	await env.sim.stop();
});

function officialClient(): ApiClient {
	const context = new ApiClientInMemoryContextProvider();
	context.addContext({name: 'sim', token: env.sim.tokens.northflank, host: env.sim.baseUrls.northflank});
	return new ApiClient(context, {throwErrorOnHttpErrorCode: true});
}

const flows = (): NorthflankSpec[] => env.sim.sources.filter((source): source is NorthflankSpec => source.provider === 'northflank');

const where = (flow: NorthflankSpec) => ({projectId: flow.projectId, pipelineId: flow.pipelineId, stage: flow.stage});

describe('the official Northflank JS client', () => {
	it('lists every run of every release flow with .all(), page after page', async () => {
		const client = officialClient();
		expect(flows().length).toBeGreaterThan(1);
		for (const flow of flows()) {
			const start = env.sim.requestCount('northflank');
			const answer = await client.list.releaseFlowRuns.all({parameters: where(flow), options: {per_page: 20}});
			const runs = answer.data.runs ?? [];
			expect(env.sim.requestCount('northflank') - start).toBeGreaterThan(1);
			expect(runs.map((run) => run.id)).toEqual(env.sim.world.runs(flow.name).map((run) => run.id));
			runs.forEach(expectListed);
		}
	});

	it('lists with the status and concluded filters it declares', async () => {
		const client = officialClient();
		const [flow] = flows();
		const all = (await client.list.releaseFlowRuns.all({parameters: where(flow!), options: {per_page: 100}})).data.runs ?? [];
		const failed = await client.list.releaseFlowRuns.all({parameters: where(flow!), options: {per_page: 3, status: 'failure'}});
		expect(failed.data.runs?.length).toBeGreaterThan(3);
		expect(failed.data.runs).toEqual(all.filter((run) => run.status === 'failure'));
		const over = await client.list.releaseFlowRuns.all({parameters: where(flow!), options: {per_page: 10, concluded: true}});
		expect(over.data.runs).toEqual(all.filter((run) => run.concluded));
	});

	it('follows getNextPage() from the first page to the second', async () => {
		const client = officialClient();
		const [flow] = flows();
		const first = await client.list.releaseFlowRuns({parameters: where(flow!), options: {per_page: 5}});
		const second = await first.pagination!.getNextPage();
		const ids = [...(first.data.runs ?? []), ...(second.data.runs ?? [])].map((run) => run.id);
		expect(ids).toEqual(env.sim.world.runs(flow!.name).slice(0, 10).map((run) => run.id));
	});

	it('gets runs with every field its types require', async () => {
		const client = officialClient();
		for (const flow of flows()) {
			for (const listed of env.sim.world.runs(flow.name).slice(0, 15)) {
				const answer = await client.get.releaseFlowRun({parameters: {...where(flow), runId: listed.id}});
				expect(answer.data.id).toBe(listed.id);
				expectRun(answer.data);
			}
		}
	});

	it('starts a run with overrides that reach its refs, then aborts it and gets the whole run back', async () => {
		const client = officialClient();
		const flow = flows().find((candidate) => candidate.stage === 'release')!;
		const data: RunReleaseflowData = {name: 'Hotfix api', arguments: {imageTag: 'v9.9.9'}, overrides: {api: {branch: 'release/2.9'}}};
		const started = await client.run.releaseFlow({parameters: where(flow), data});
		const id: string = started.data?.id ?? env.sim.world.runs(flow.name)[0]!.id;
		const run = (await client.get.releaseFlowRun({parameters: {...where(flow), runId: id}})).data;
		expectRun(run);
		expect(run).toMatchObject({name: 'Hotfix api', arguments: {imageTag: 'v9.9.9'}, refs: {api: {branch: 'release/2.9'}, worker: {branch: 'main'}}});
		const aborted = await client.abort.releaseFlowRun({parameters: {...where(flow), runId: id}});
		expectRun(aborted.data, ABORTED_REQUIRED);
		expect(aborted.data).toMatchObject({id, status: 'aborting', concluded: false, spec: run.spec});
	});

});
