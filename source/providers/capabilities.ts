import type {Capabilities, SourceSpec} from './types.js';

export const NORTHFLANK_NO_LOGS = 'Northflank release flows have no logs; a failed node shows its error';
export const SOURCECRAFT_NO_ABORT = 'SourceCraft has no way to cancel a run';
export const SOURCECRAFT_LOGS_NEED_SLUGS = 'no logs: SourceCraft serves them by org and repo, and this source names its repository by id only';

/** What a source can do, known from its configuration alone (before any request). */
export function capabilitiesOf(spec: SourceSpec): Capabilities {
	return {...actionsOf(spec), webUrl: spec.webUrl ?? null};
}

function actionsOf(spec: SourceSpec): Omit<Capabilities, 'webUrl'> {
	switch (spec.provider) {
		case 'sourcecraft': {
			const bySlug = Boolean(spec.org && spec.repo);
			const located = bySlug || Boolean(spec.repoId);
			return {
				trigger: located,
				abort: false,
				logs: bySlug,
				artifacts: bySlug,
				reasons: {
					abort: SOURCECRAFT_NO_ABORT,
					...(located ? {} : {trigger: 'set org and repo, or repoId, in the config'}),
					...(bySlug ? {} : {logs: SOURCECRAFT_LOGS_NEED_SLUGS}),
				},
				triggerFields: ['workflows', 'head', 'configRevision', 'inputs', 'shared'],
				inputsLabel: 'input values',
				inputsInDetail: false,
			};
		}
		case 'wercker': {
			const pipeline = Boolean(spec.pipelineId);
			return {
				trigger: pipeline,
				abort: true,
				logs: true,
				artifacts: false,
				reasons: pipeline ? {} : {trigger: 'Wercker starts runs of a pipeline: set pipelineId in the config'},
				triggerFields: ['branch', 'commit', 'message', 'inputs', 'sourceRun'],
				inputsLabel: 'environment variables',
				inputsInDetail: false,
			};
		}
		case 'northflank':
			return {
				trigger: true,
				abort: true,
				logs: false,
				artifacts: false,
				reasons: {logs: NORTHFLANK_NO_LOGS},
				triggerFields: ['name', 'description', 'inputs', 'refs'],
				inputsLabel: 'arguments',
				inputsInDetail: true,
			};
	}
}
