import type {ProviderName} from '../model/run.js';

/** The identifying fields of a configured source, before its name and token are settled. */
export interface SourceIdentifiers {
	provider: ProviderName;
	org?: string;
	repo?: string;
	repoId?: string;
	pipelineId?: string;
	applicationId?: string;
	projectId?: string;
	stage?: string;
}

// Wercker ids are 24-hex ObjectIds: the first characters tell them apart well enough for a column.
const SHORT_ID = 8;

/** The name a source gets when the config does not give one: what a person would call it. */
export function defaultSourceName(source: SourceIdentifiers): string {
	switch (source.provider) {
		case 'sourcecraft':
			return source.repoId ? `id:${source.repoId}` : `${source.org ?? ''}/${source.repo ?? ''}`;
		case 'wercker': {
			const id = source.pipelineId ?? source.applicationId ?? '';
			return `wercker:${id.slice(0, SHORT_ID)}`;
		}
		case 'northflank':
			return `${source.projectId ?? ''}/${source.pipelineId ?? ''}/${source.stage ?? ''}`;
	}
}
