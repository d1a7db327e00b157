import {MAX_COPIES} from './limits.js';
import type {NfFlowDef, ScRepoDef, WerckerPipelineDef} from './worlds.js';
import {NORTHFLANK_FLOWS, NORTHFLANK_PROJECT, SOURCECRAFT_REPOS, WERCKER_PIPELINES} from './worlds.js';

/** A Northflank pipeline as the project's pipeline list shows it. */
export interface NfPipelineDef {
	id: string;
	name: string;
	description: string;
}

/**
 * Who the simulator serves: its repositories, pipelines and release flows. With `copies` above
 * one, each of them is served that many times under other names (`acme/api-2`, `build-2`,
 * `shop-release-2` …), each copy with runs of its own, so many sources can be measured without
 * one source named twice. The Wercker application stays one (it gathers the first pipelines).
 */
export interface Cast {
	repos: readonly ScRepoDef[];
	pipelines: readonly WerckerPipelineDef[];
	flows: readonly NfFlowDef[];
	/** The Northflank project's pipelines, one per copy. */
	projectPipelines: readonly NfPipelineDef[];
}

/** An id of the same length and alphabet, made distinct for copy `copy` (> 1) by its last four hex digits. */
function copiedId(id: string, copy: number): string {
	return `${id.slice(0, -4)}${copy.toString(16).padStart(4, '0')}`;
}

export function castOf(copies = 1): Cast {
	const count = Math.min(MAX_COPIES, Math.max(1, Math.floor(copies)));
	const repos: ScRepoDef[] = [...SOURCECRAFT_REPOS];
	const pipelines: WerckerPipelineDef[] = [...WERCKER_PIPELINES];
	const flows: NfFlowDef[] = [...NORTHFLANK_FLOWS];
	const projectPipelines: NfPipelineDef[] = [...NORTHFLANK_PROJECT.pipelines];
	for (let copy = 2; copy <= count; copy++) {
		for (const repo of SOURCECRAFT_REPOS) {
			repos.push({...repo, name: `${repo.org}/${repo.repo}-${copy}`, repo: `${repo.repo}-${copy}`, repoId: copiedId(repo.repoId, copy)});
		}
		for (const pipeline of WERCKER_PIPELINES) pipelines.push({...pipeline, name: `${pipeline.name}-${copy}`, id: copiedId(pipeline.id, copy)});
		for (const pipeline of NORTHFLANK_PROJECT.pipelines) projectPipelines.push({...pipeline, id: `${pipeline.id}-${copy}`, name: `${pipeline.name}-${copy}`});
		for (const flow of NORTHFLANK_FLOWS) flows.push({...flow, name: `${flow.name}-${copy}`, pipelineId: `${flow.pipelineId}-${copy}`});
	}
	return {repos, pipelines, flows, projectPipelines};
}
