import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {EMPTY_DRAFT, addLine, buildRequest, parseInput, summarize, triggerSteps, workflowChoices} from '../../source/ui/logic/trigger-form.js';
import {makeNode, makeRun} from './fake-store.js';
import {NORTHFLANK_CAPABILITIES, SOURCECRAFT_CAPABILITIES, WERCKER_CAPABILITIES} from '../fixtures/sources.js';

const now = new ManualClock().now();

describe('trigger form', () => {
	it('asks for the fields the source takes, in their order, then confirms', () => {
		expect(triggerSteps(WERCKER_CAPABILITIES.triggerFields, EMPTY_DRAFT).map((step) => (step.kind === 'text' ? step.field : step.kind))).toEqual([
			'branch',
			'commit',
			'message',
			'inputs',
			'sourceRun',
			'confirm',
		]);
		const sourcecraft = SOURCECRAFT_CAPABILITIES.triggerFields;
		expect(triggerSteps(sourcecraft, EMPTY_DRAFT).map((step) => step.kind)).toEqual(['workflows', 'headType', 'configType', 'inputs', 'shared', 'confirm']);
		expect(triggerSteps(sourcecraft, {...EMPTY_DRAFT, headType: 'tag', configType: 'commit'}).map((step) => step.kind)).toEqual([
			'workflows',
			'headType',
			'text',
			'configType',
			'text',
			'inputs',
			'shared',
			'confirm',
		]);
	});

	it('sends the CI config revision as the kind chosen, and asks each input of several workflows to name its workflow', () => {
		const draft = {...EMPTY_DRAFT, workflows: ['build', 'deploy'], configType: 'tag' as const, configRevision: 'v2'};
		expect(buildRequest(SOURCECRAFT_CAPABILITIES.triggerFields, draft)).toEqual({workflows: ['build', 'deploy'], configRevision: {tag: 'v2'}});
		expect(buildRequest(SOURCECRAFT_CAPABILITIES.triggerFields, {...draft, configType: 'commit'})).toMatchObject({configRevision: {commit: 'v2'}});
		expect(summarize(SOURCECRAFT_CAPABILITIES.triggerFields, draft, 'input values')).toContain('config from: tag v2');
		expect(addLine(draft, 'inputs', 'A=1')).toEqual({error: 'write WORKFLOW.KEY=VALUE (one of build, deploy)'});
		expect(addLine(draft, 'inputs', 'lint.A=1')).toEqual({error: 'write WORKFLOW.KEY=VALUE (one of build, deploy)'});
		expect(addLine(draft, 'inputs', 'deploy.A=1')).toMatchObject({inputs: [{key: 'deploy.A', value: '1'}]});
		expect(addLine({...draft, workflows: ['build']}, 'inputs', 'A=1')).toMatchObject({inputs: [{key: 'A', value: '1'}]});
	});

	it('reads KEY=VALUE lines', () => {
		expect(parseInput('FOO=bar')).toEqual({key: 'FOO', value: 'bar'});
		expect(parseInput(' URL = a=b ')).toEqual({key: 'URL', value: ' a=b '});
		expect(parseInput('EMPTY=')).toEqual({key: 'EMPTY', value: ''});
		expect(parseInput('no equals')).toEqual({error: 'write KEY=VALUE'});
		expect(parseInput('=value')).toEqual({error: 'write KEY=VALUE'});
	});

	it('asks Northflank for the branch per ref, REF=BRANCH one per line, and sends them', () => {
		expect(triggerSteps(NORTHFLANK_CAPABILITIES.triggerFields, EMPTY_DRAFT).map((step) => (step.kind === 'text' ? step.field : step.kind))).toEqual([
			'name',
			'description',
			'inputs',
			'refs',
			'confirm',
		]);
		expect(addLine(EMPTY_DRAFT, 'refs', 'api')).toEqual({error: 'write REF=BRANCH'});
		expect(addLine(EMPTY_DRAFT, 'refs', 'api= ')).toEqual({error: 'write REF=BRANCH'});
		const draft = addLine(EMPTY_DRAFT, 'refs', ' api = release/2.9 ');
		expect(draft).toMatchObject({refs: [{ref: 'api', branch: 'release/2.9'}]});
		if ('error' in draft) return;
		expect(buildRequest(NORTHFLANK_CAPABILITIES.triggerFields, draft)).toEqual({refs: [{ref: 'api', branch: 'release/2.9'}]});
		expect(buildRequest(WERCKER_CAPABILITIES.triggerFields, draft)).toEqual({});
		expect(summarize(NORTHFLANK_CAPABILITIES.triggerFields, draft, 'arguments')).toEqual(['refs: api=release/2.9']);
	});

	it('builds a request of only the fields the source takes and the user filled', () => {
		const draft = {
			...EMPTY_DRAFT,
			workflows: ['build'],
			headType: 'tag' as const,
			head: 'v2.3.1',
			shared: true,
			branch: 'main',
			name: 'ignored',
			inputs: [{key: 'ENV', value: 'prod'}],
		};
		expect(buildRequest(SOURCECRAFT_CAPABILITIES.triggerFields, draft)).toEqual({
			workflows: ['build'],
			tag: 'v2.3.1',
			shared: true,
			inputs: [{key: 'ENV', value: 'prod'}],
		});
		expect(buildRequest(WERCKER_CAPABILITIES.triggerFields, draft)).toEqual({branch: 'main', inputs: [{key: 'ENV', value: 'prod'}]});
		expect(buildRequest(NORTHFLANK_CAPABILITIES.triggerFields, {...EMPTY_DRAFT, description: 'hotfix'})).toEqual({description: 'hotfix'});
		expect(buildRequest(SOURCECRAFT_CAPABILITIES.triggerFields, EMPTY_DRAFT)).toEqual({});
	});

	it('summarizes the request in the source’s words', () => {
		const lines = summarize(NORTHFLANK_CAPABILITIES.triggerFields, {...EMPTY_DRAFT, name: 'hotfix', inputs: [{key: 'A', value: '1'}]}, 'arguments');
		expect(lines).toEqual(['name: hotfix', 'arguments: A=1']);
		expect(summarize(SOURCECRAFT_CAPABILITIES.triggerFields, EMPTY_DRAFT, 'input values')).toEqual([
			'workflows: all that run on this event',
			'on: the default branch',
		]);
		// The head is said once, on the "on:" line.
		expect(summarize(SOURCECRAFT_CAPABILITIES.triggerFields, {...EMPTY_DRAFT, headType: 'branch', head: 'feature/x'}, 'input values')).toEqual([
			'workflows: all that run on this event',
			'on: branch feature/x',
		]);
	});

	it('offers the workflows seen in the source’s runs', () => {
		const runs = [
			makeRun('acme/api', '1', 1, now, {children: [makeNode('build', {kind: 'workflow'}), makeNode('test', {kind: 'workflow'})]}),
			makeRun('acme/api', '2', 2, now, {children: [makeNode('deploy', {kind: 'workflow'}), makeNode('build', {kind: 'workflow'})]}),
			makeRun('other', '3', 2, now, {children: [makeNode('secret', {kind: 'workflow'})]}),
		];
		expect(workflowChoices(runs, 'acme/api')).toEqual(['build', 'deploy', 'test']);
	});
});
