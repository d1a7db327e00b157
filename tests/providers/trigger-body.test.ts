import {describe, expect, it} from 'vitest';
import {triggerBody as northflankBody} from '../../source/providers/northflank/client.js';
import {runWorkflowsBody} from '../../source/providers/sourcecraft/trigger.js';
import type {NorthflankSpec, SourceCraftSpec, WerckerSpec} from '../../source/providers/types.js';
import {triggerBody as werckerBody} from '../../source/providers/wercker/client.js';

const sourcecraft: SourceCraftSpec = {provider: 'sourcecraft', name: 'acme/api', org: 'acme', repo: 'api', token: 't'};
const wercker: WerckerSpec = {provider: 'wercker', name: 'build', pipelineId: 'p1', token: 't'};
const northflank: NorthflankSpec = {provider: 'northflank', name: 'rel', projectId: 'p', pipelineId: 'q', stage: 's', token: 't'};

describe('what a trigger sends', () => {
	it('SourceCraft: one head, the config revision (branch, tag or commit), each workflow its own input values, shared', () => {
		expect(
			runWorkflowsBody(sourcecraft, {workflows: ['build', 'deploy'], tag: 'v1', configRevision: {tag: 'v1'}, shared: true, inputs: [{key: 'build.A', value: '1'}, {key: 'deploy.B', value: 'x=y'}]}),
		).toEqual({
			head: {tag: 'v1'},
			config_revision: {tag: 'v1'},
			workflows: [
				{name: 'build', values: [{name: 'A', value: '1'}]},
				{name: 'deploy', values: [{name: 'B', value: 'x=y'}]},
			],
			shared: true,
		});
		expect(runWorkflowsBody(sourcecraft, {commit: 'abc', configRevision: {commit: 'abc'}})).toEqual({head: {commit: 'abc'}, config_revision: {commit: 'abc'}});
		// One workflow: a plain KEY is for it (and its own name in front is read too); a dot further in is part of the key.
		expect(runWorkflowsBody(sourcecraft, {workflows: ['build'], inputs: [{key: 'A', value: '1'}, {key: 'build.B', value: '2'}, {key: 'x.y', value: '3'}]})).toEqual({
			workflows: [{name: 'build', values: [{name: 'A', value: '1'}, {name: 'B', value: '2'}, {name: 'x.y', value: '3'}]}],
		});
		// Nothing named: the default branch and every workflow the config starts.
		expect(runWorkflowsBody(sourcecraft, {})).toEqual({});
		expect(() => runWorkflowsBody(sourcecraft, {inputs: [{key: 'A', value: '1'}]})).toThrow(/name the workflows/);
		expect(() => runWorkflowsBody(sourcecraft, {workflows: ['build', 'deploy'], inputs: [{key: 'A', value: '1'}]})).toThrow(/say which workflow it is for, as WORKFLOW\.A=VALUE/);
		expect(() => runWorkflowsBody(sourcecraft, {workflows: ['build', 'deploy'], inputs: [{key: 'build.', value: '1'}]})).toThrow(/name is missing/);
		expect(() => runWorkflowsBody(sourcecraft, {branch: 'a', tag: 'b'})).toThrow(/one of branch, tag or commit/);
	});

	it('Wercker: the pipeline, branch and commit, message, and environment variables in order', () => {
		expect(werckerBody(wercker, {branch: 'main', commit: 'abc', message: 'go', inputs: [{key: 'B', value: '2'}, {key: 'A', value: '$B'}]})).toEqual({
			pipelineId: 'p1',
			branch: 'main',
			commitHash: 'abc',
			message: 'go',
			envVars: [
				{key: 'B', value: '2'},
				{key: 'A', value: '$B'},
			],
		});
		expect(() => werckerBody(wercker, {tag: 'v1'})).toThrow(/not a tag/);
	});

	it('Northflank: name, description and arguments as an object; an empty name is left out', () => {
		expect(northflankBody(northflank, {name: 'Release 2', description: 'why', inputs: [{key: 'version', value: '2'}]})).toEqual({name: 'Release 2', description: 'why', arguments: {version: '2'}});
		expect(northflankBody(northflank, {name: ''})).toEqual({});
		expect(() => northflankBody(northflank, {name: 'Re--lease'})).toThrow(/3 to 39 characters/);
	});

	it('Northflank: the branch per ref as overrides (RunReleaseflowData.overrides)', () => {
		expect(northflankBody(northflank, {refs: [{ref: 'api', branch: 'release/2.9'}, {ref: 'worker', branch: 'main'}]})).toEqual({
			overrides: {api: {branch: 'release/2.9'}, worker: {branch: 'main'}},
		});
	});
});
