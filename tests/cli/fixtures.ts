import type {Run, RunNode} from '../../source/model/run.js';
import {testNode, testRun} from '../fixtures/runs.js';

export const NOW = Date.UTC(2026, 10, 23, 12, 4, 31);

export function makeRun(fields: Partial<Run> & {id: string}): Run {
	return testRun({
		title: 'fix the build',
		status: 'running',
		providerStatus: 'processing',
		createdAt: NOW - 130_000,
		startedAt: NOW - 124_000,
		progress: 0.52,
		commit: '3f2a91c0ffee',
		...fields,
	});
}

export function makeNode(fields: Partial<RunNode> & {id: string}): RunNode {
	return testNode({kind: 'workflow', status: 'queued', providerStatus: null, ...fields});
}
