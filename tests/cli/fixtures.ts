import {runKey} from '../../source/model/run.js';
import type {Run, RunNode} from '../../source/model/run.js';

export const NOW = Date.UTC(2026, 10, 23, 12, 4, 31);

export function makeRun(fields: Partial<Run> & {id: string}): Run {
	const source = fields.source ?? 'acme/api';
	return {
		key: runKey(source, fields.id),
		source,
		provider: 'sourcecraft',
		label: `#${fields.id}`,
		title: 'fix the build',
		status: 'running',
		providerStatus: 'processing',
		flags: {},
		createdAt: NOW - 130_000,
		startedAt: NOW - 124_000,
		finishedAt: null,
		updatedAt: null,
		progress: 0.52,
		errors: [],
		branch: 'main',
		tag: null,
		commit: '3f2a91c0ffee',
		event: 'push',
		user: 'ann',
		pullRequest: null,
		url: null,
		children: null,
		...fields,
	};
}

export function makeNode(fields: Partial<RunNode> & {id: string}): RunNode {
	return {
		kind: 'workflow',
		title: fields.id,
		status: 'queued',
		providerStatus: null,
		flags: {},
		createdAt: null,
		startedAt: null,
		finishedAt: null,
		updatedAt: null,
		progress: null,
		errors: [],
		needs: [],
		log: null,
		artifact: null,
		currentCube: null,
		order: null,
		retries: null,
		children: [],
		...fields,
	};
}
