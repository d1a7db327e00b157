import type {GetReleaseflowrunResult, ListReleaseflowrunsResult} from '@northflank/js-client';
import {describe, expect, it} from 'vitest';
import {mapRun, nodesOf} from '../../source/providers/northflank/map.js';
import {listItems} from '../../source/providers/lenient.js';
import {listSchema, oneRunSchema, runSchema} from '../../source/providers/northflank/schema.js';
import type {NorthflankSpec} from '../../source/providers/types.js';
import {NORTHFLANK_LIST_EXAMPLE} from './fixtures.js';

const spec: NorthflankSpec = {provider: 'northflank', name: 'prod-release', projectId: 'p', pipelineId: 'pl', stage: 'Production', token: 'secret-token'};

function map(value: unknown, whole = true) {
	const raw = oneRunSchema.parse(value);
	if (!raw) throw new Error('not a run');
	return mapRun(spec, raw, whole);
}

describe('Northflank mapping of the documented example', () => {
	it('reads the list example with its space-separated dates', () => {
		const list = listSchema.parse(NORTHFLANK_LIST_EXAMPLE);
		expect(list?.pagination).toMatchObject({hasNextPage: false, count: 1});
		const run = mapRun(spec, runSchema.parse(listItems(list?.data?.runs)[0])!);
		expect(run).toMatchObject({
			id: '110ddb52-bdcd-482d-8ac2-05ba580afe2f',
			label: 'Example run',
			title: 'This is an example description',
			status: 'success',
			providerStatus: 'success',
			createdAt: Date.UTC(2021, 0, 1, 12, 0),
			startedAt: Date.UTC(2021, 0, 1, 12, 1),
			finishedAt: Date.UTC(2021, 0, 1, 12, 10),
			children: null,
		});
	});
});

describe('Northflank run detail', () => {
	const detail = {
		data: {
			id: '9b1c2d3e-0000-4000-8000-000000000001',
			status: 'approval_wait',
			concluded: false,
			createdAt: '2021-01-01 12:00:00.000Z',
			spec: {
				kind: 'Workflow',
				spec: {
					type: 'sequential',
					steps: [
						{kind: 'StartBuild', ref: 'build', response: {status: 'success', startTime: 1609502400, endTime: 1609502460000}},
						{
							kind: 'Workflow',
							ref: 'rollout',
							spec: {steps: {kind: 'Approval', ref: 'approve', response: {status: 'approval_wait'}}},
							response: {status: 'running'},
						},
						{kind: 'DeployBuild', ref: 'deploy', response: {status: 'failure', error: {code: 'E1', message: 'image \u001b[31mmissing'}, retries: {attempts: '2', maxAttempts: 3}}},
						null,
						{kind: 'Mystery', response: {status: 'teleporting'}},
					],
				},
			},
		},
	};

	it('reads the node tree from spec.steps, nested and single-object steps included', () => {
		const run = map(detail);
		expect(run).toMatchObject({label: '9b1c2d3e', status: 'running', flags: {awaitingApproval: true}});
		expect(run?.children?.map((node) => node.id)).toEqual(['build', 'rollout', 'deploy', 'Mystery#4']);
		const [build, rollout, deploy, mystery] = run!.children!;
		expect(build).toMatchObject({status: 'success', startedAt: 1609502400_000, finishedAt: 1609502460_000});
		expect(rollout?.children[0]).toMatchObject({id: 'rollout/approve', status: 'running', flags: {awaitingApproval: true}});
		expect(deploy).toMatchObject({status: 'failed', errors: ['image missing'], retries: {attempts: 2, maxAttempts: 3}, log: null});
		expect(mystery).toMatchObject({status: 'unknown', providerStatus: 'teleporting'});
		expect(run?.progress).toBeCloseTo(2 / 4);
	});

	it('keeps a run running until concluded, whatever its status says', () => {
		expect(map({data: {id: 'a', status: 'success', concluded: false}})?.status).toBe('running');
		expect(map({data: {id: 'a', status: 'success', concluded: true}})?.status).toBe('success');
		expect(map({data: {id: 'a', status: 'aborting'}})).toMatchObject({status: 'running', flags: {canceling: true}});
	});

	it('reads a spec given as a list of nodes, or missing altogether', () => {
		expect(nodesOf([{ref: 'one', response: {status: 'waiting'}}]).map((node) => node.status)).toEqual(['queued']);
		expect(nodesOf(undefined)).toEqual([]);
		expect(nodesOf('nonsense')).toEqual([]);
	});

	it('gives repeated refs distinct ids', () => {
		const nodes = nodesOf({steps: [{kind: 'A', ref: 'x'}, {kind: 'B', ref: 'x'}]});
		expect(nodes.map((node) => node.id)).toEqual(['x', 'B#2']);
	});

	it('titles a run by its description, else its name; labels by name, else a short id', () => {
		expect(map({id: '110ddb52-bdcd', name: 'Nightly'}, false)).toMatchObject({label: 'Nightly', title: 'Nightly'});
		expect(map({id: '110ddb52-bdcd'}, false)).toMatchObject({label: '110ddb52', title: '110ddb52'});
	});
});

/** Answers typed as Northflank's official client declares them: each field citop reads, by the type it comes from. */
describe('Northflank fields citop reads, by official type', () => {
	const listed: NonNullable<ListReleaseflowrunsResult['runs']>[number] = {
		id: '110ddb52-bdcd-482d-8ac2-05ba580afe2f',
		name: 'Release 12',
		description: 'Promote api to production',
		status: 'success',
		startedAt: '2021-01-01 12:01:00.000Z',
		concluded: true,
		concludedAt: '2021-01-01 12:10:00.000Z',
		createdAt: '2021-01-01 12:00:00.000Z',
		updatedAt: '2021-01-01 12:11:00.000Z',
	};
	const detail: GetReleaseflowrunResult = {
		...listed,
		apiVersion: 'v1.2',
		arguments: {imageTag: 'v2.3.1'},
		triggers: [
			{vcsService: 'github', repoUrl: 'https://github.com/acme/docs'},
			{ref: 'api', vcsService: 'github', repoUrl: 'https://github.com/acme/api', branchRestrictions: ['release/*']},
		],
		refs: {api: {branch: 'release/2.3', sha: '3f2a91c0d4e5f60718293a4b5c6d7e8f90a1b2c3'}},
		spec: {kind: 'Workflow', spec: {type: 'sequential', steps: [{kind: 'DeployBuild', ref: 'deploy-api', response: {status: 'success'}}]}},
	};

	it('ListReleaseflowrunsResult.runs[]: id, name (label), description (title)', () => {
		expect(map(listed, false)).toMatchObject({id: listed.id, label: 'Release 12', title: 'Promote api to production'});
	});

	it('ListReleaseflowrunsResult.runs[]: status, read with concluded', () => {
		expect(map({...listed, status: 'failure'}, false)).toMatchObject({status: 'failed', providerStatus: 'failure'});
		expect(map({...listed, concluded: false}, false)?.status).toBe('running');
	});

	it('ListReleaseflowrunsResult.runs[]: createdAt, startedAt, concludedAt, updatedAt', () => {
		expect(map(listed, false)).toMatchObject({
			createdAt: Date.UTC(2021, 0, 1, 12, 0),
			startedAt: Date.UTC(2021, 0, 1, 12, 1),
			finishedAt: Date.UTC(2021, 0, 1, 12, 10),
			updatedAt: Date.UTC(2021, 0, 1, 12, 11),
		});
	});

	it('GetReleaseflowrunResult.spec: the tree', () => {
		expect(map(detail)?.children?.map((node) => node.id)).toEqual(['deploy-api']);
	});

	it('GetReleaseflowrunResult.triggers[].ref and .refs: the branch and commit the run deployed', () => {
		expect(map(detail)).toMatchObject({branch: 'release/2.3', commit: '3f2a91c0d4e5f60718293a4b5c6d7e8f90a1b2c3'});
		expect(map({...detail, refs: undefined})).toMatchObject({branch: null, commit: null});
		expect(map({...detail, refs: {api: 'main', __proto__: {branch: 'x'}}})).toMatchObject({branch: null, commit: null});
	});

	it('GetReleaseflowrunResult.arguments: what the run was started with, as text', () => {
		expect(map(detail)?.inputs).toEqual({imageTag: 'v2.3.1'});
		expect(map({...detail, arguments: {replicas: 3, extra: {a: 1}, '\u001b[31mkey': 'v\u001b[2Jx'}})?.inputs).toEqual({replicas: '3', extra: '{"a":1}', key: 'vx'});
		expect(map(listed, false)?.inputs).toBeNull();
	});

	it('no event: no declared field says what started a run, so an undeclared triggers[].type is not read', () => {
		expect(map({...detail, triggers: [{type: 'git', kind: 'push'}]})?.event).toBeNull();
	});
});
