import {stringify} from 'yaml';
import type {ProviderName} from '../model/run.js';
import type {SourceSpec} from '../providers/types.js';
import type {Cast} from './cast.js';
import {WERCKER_APPLICATION} from './worlds.js';

/** Ready-made source specs for every simulated world, and the citop config that lists them. */

export function simulatorSources(baseUrls: Record<ProviderName, string>, tokens: Record<ProviderName, string>, cast: Cast): SourceSpec[] {
	const sources: SourceSpec[] = [];
	for (const repo of cast.repos) {
		const where = repo.byId ? {repoId: repo.repoId} : {org: repo.org, repo: repo.repo};
		sources.push({name: repo.name, provider: 'sourcecraft', baseUrl: baseUrls.sourcecraft, ...where, token: tokens.sourcecraft});
	}
	for (const pipeline of cast.pipelines) {
		sources.push({name: pipeline.name, provider: 'wercker', baseUrl: baseUrls.wercker, pipelineId: pipeline.id, token: tokens.wercker});
	}
	sources.push({name: WERCKER_APPLICATION.name, provider: 'wercker', baseUrl: baseUrls.wercker, applicationId: WERCKER_APPLICATION.id, token: tokens.wercker});
	for (const flow of cast.flows) {
		sources.push({
			name: flow.name,
			provider: 'northflank',
			baseUrl: baseUrls.northflank,
			projectId: flow.projectId,
			pipelineId: flow.pipelineId,
			stage: flow.stage,
			token: tokens.northflank,
		});
	}
	return sources;
}

/** One config entry, keys in the order the config format shows them. */
function entry(source: SourceSpec): Record<string, string> {
	const out: Record<string, string> = {name: source.name, provider: source.provider};
	if (source.baseUrl) out['baseUrl'] = source.baseUrl;
	if (source.provider === 'sourcecraft') {
		if (source.repoId) out['repoId'] = source.repoId;
		if (source.org) out['org'] = source.org;
		if (source.repo) out['repo'] = source.repo;
	} else if (source.provider === 'wercker') {
		if (source.pipelineId) out['pipelineId'] = source.pipelineId;
		if (source.applicationId) out['applicationId'] = source.applicationId;
	} else {
		if (source.teamId) out['teamId'] = source.teamId;
		out['projectId'] = source.projectId;
		out['pipelineId'] = source.pipelineId;
		out['stage'] = source.stage;
	}
	if (source.token !== null) out['token'] = source.token;
	return out;
}

export function configYaml(sources: readonly SourceSpec[]): string {
	const header = '# citop config for the simulator (citop sim). It holds tokens: keep it private.\n';
	return header + stringify({sources: sources.map(entry)});
}
