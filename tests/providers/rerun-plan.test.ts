import {describe, expect, it} from 'vitest';
import {triggerBody as northflankBody} from '../../source/providers/northflank/client.js';
import {mapRun as mapNorthflank} from '../../source/providers/northflank/map.js';
import {northflankRerunPlan} from '../../source/providers/northflank/rerun.js';
import {oneRunSchema} from '../../source/providers/northflank/schema.js';
import {mapRun as mapSourceCraft} from '../../source/providers/sourcecraft/map.js';
import {sourceCraftRerunPlan} from '../../source/providers/sourcecraft/rerun.js';
import {runSchema as sourceCraftSchema} from '../../source/providers/sourcecraft/schema.js';
import type {NorthflankSpec, RerunPlan, SourceCraftSpec, WerckerSpec} from '../../source/providers/types.js';
import {mapRun as mapWercker} from '../../source/providers/wercker/map.js';
import {werckerRerunPlan} from '../../source/providers/wercker/rerun.js';
import {runSchema as werckerSchema} from '../../source/providers/wercker/schema.js';

const sourcecraft: SourceCraftSpec = {provider: 'sourcecraft', name: 'acme/api', org: 'acme', repo: 'api', token: 't'};
const wercker: WerckerSpec = {provider: 'wercker', name: 'deploy', pipelineId: 'p1', token: 't'};
const northflank: NorthflankSpec = {provider: 'northflank', name: 'rel', projectId: 'p', pipelineId: 'q', stage: 's', token: 't'};

/** What a plan asks for, without the run it names. */
function asked(plan: RerunPlan) {
	const {run: _run, ...rest} = plan;
	return rest;
}

function sourceCraftPlan(answer: unknown) {
	const raw = sourceCraftSchema.parse(answer)!;
	return sourceCraftRerunPlan(mapSourceCraft(sourcecraft, raw, true)!, raw);
}

function werckerPlan(answer: unknown, spec: WerckerSpec = wercker) {
	const raw = werckerSchema.parse(answer)!;
	return werckerRerunPlan(spec, mapWercker(spec, raw)!, raw);
}

function northflankPlan(answer: unknown) {
	const raw = oneRunSchema.parse(answer)!;
	return northflankRerunPlan(mapNorthflank(northflank, raw, true)!, raw);
}

describe('how a run is started again', () => {
	it('SourceCraft: the same workflows, on the default branch, saying what the answer does not tell', () => {
		expect(asked(sourceCraftPlan({slug: '12', event_type: 'push', workflows: [{slug: 'build'}, null, {slug: 'test'}]}))).toEqual({
			request: {workflows: ['build', 'test']},
			summary: 'workflows build, test on the default branch',
			notes: ["SourceCraft does not say a run's branch, commit, CI config revision or input values: the default branch, no input values"],
		});
		expect(asked(sourceCraftPlan({slug: '13', event_type: 'pr_update', pull: {slug: '373'}, workflows: [{slug: 'build'}]}))).toEqual({
			refusal: 'it ran for PR 373, and SourceCraft does not say its branch or commit; start a run on that branch instead',
		});
		expect(asked(sourceCraftPlan({slug: '14', status: 'created', workflows: []}))).toEqual({
			refusal: 'SourceCraft has not listed its workflows yet (a run just created has none); try again in a moment',
		});
		expect(asked(sourceCraftPlan({slug: '15', workflows: [{slug: 'build'}, {status: 'success'}]}))).toEqual({refusal: 'SourceCraft sent a workflow of it without a name'});
	});

	it('Wercker: the branch and commit, every environment variable in order (named, not shown), the run it chained after', () => {
		const answer = {
			id: '577a34553828f9673b034ac9',
			branch: 'master',
			commitHash: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
			envVars: [{key: 'TOKEN', value: 's3cret'}, {key: 'ENV', value: ''}],
			sourceRun: '577a34553828f9673b034ab1',
			pipeline: {id: 'p1', name: 'deploy'},
		};
		expect(asked(werckerPlan(answer))).toEqual({
			request: {branch: 'master', commit: 'cd74a9994712960f19b4b563491f860f98fa7bb5', inputs: [{key: 'TOKEN', value: 's3cret'}, {key: 'ENV', value: ''}], sourceRun: '577a34553828f9673b034ab1'},
			summary: 'pipeline deploy on master@cd74a99, environment variables TOKEN, ENV, after run b034ab1',
			notes: [],
		});
		// A list answer (no envVars) says nothing of them; a branch without its commit runs the branch's newest.
		expect(asked(werckerPlan({id: 'r2', branch: 'main'}))).toEqual({
			request: {branch: 'main'},
			summary: 'on main',
			notes: ["the run does not say its commit: the branch's newest", 'the run does not say its environment variables: none are sent'],
		});
		expect(asked(werckerPlan({id: 'r3', envVars: []}))).toEqual({request: {}, summary: "on the pipeline's default branch", notes: ['the run does not say its branch: Wercker picks it']});
		expect(asked(werckerPlan({id: 'r4', commitHash: 'abcdef1234'}))).toEqual({refusal: 'it names commit abcdef1 but not its branch, and Wercker starts a commit only with its branch'});
		expect(asked(werckerPlan({id: 'r5', branch: 'main', pipeline: {id: 'p2'}}))).toEqual({refusal: "it ran on pipeline p2, not on this source's (p1)"});
		// A variable whose value Wercker keeps to itself is not sent blank over the real one.
		expect(asked(werckerPlan({id: 'r6', branch: 'main', envVars: [{key: 'A', value: '1'}, {key: 'DEPLOY_KEY', value: null}]}))).toEqual({
			refusal: 'Wercker does not send the value of its environment variable DEPLOY_KEY: start the run with citop trigger and give it',
		});
	});

	it('Northflank: the same arguments, each ref on the branch and commit it deployed, sent as overrides', () => {
		const answer = {
			data: {
				id: '110ddb52-bdcd-482d-8ac2-05ba580afe2f',
				name: 'Release 12',
				arguments: {imageTag: 'v2.9.0', region: 'eu'},
				triggers: [{ref: 'api'}, {ref: 'worker'}, {ref: 'docs'}],
				refs: {api: {branch: 'main', sha: '17ffd1610d8c7804cfeb2eca45421b4f0dd2fdbc'}, worker: {branch: 'release/2.9'}},
			},
		};
		const plan = northflankPlan(answer);
		expect(asked(plan)).toEqual({
			request: {
				inputs: [
					{key: 'imageTag', value: 'v2.9.0'},
					{key: 'region', value: 'eu'},
				],
				refs: [
					{ref: 'api', branch: 'main', sha: '17ffd1610d8c7804cfeb2eca45421b4f0dd2fdbc'},
					{ref: 'worker', branch: 'release/2.9'},
				],
			},
			summary: 'arguments imageTag=v2.9.0, region=eu, refs api=main@17ffd16, worker=release/2.9',
			notes: ['the run does not say what ref docs deployed: the flow chooses'],
		});
		if (!('request' in plan)) throw new Error('no request');
		expect(northflankBody(northflank, plan.request)).toEqual({
			arguments: {imageTag: 'v2.9.0', region: 'eu'},
			overrides: {api: {branch: 'main', sha: '17ffd1610d8c7804cfeb2eca45421b4f0dd2fdbc'}, worker: {branch: 'release/2.9'}},
		});
		expect(asked(northflankPlan({id: 'r2', arguments: {replicas: 3}}))).toEqual({refusal: 'its argument replicas is not text, and citop sends arguments as text'});
		expect(asked(northflankPlan({id: 'r3'}))).toEqual({request: {}, summary: 'no arguments', notes: ['the run does not say its arguments: none are sent']});
	});
});
