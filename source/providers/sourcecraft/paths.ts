import {segment} from '../client-kit.js';
import type {SourceCraftSpec} from '../types.js';

/**
 * Where a repository's CI/CD lives: `/repos/{org}/{repo}` or `/repos/id:{repo_id}` (the colon
 * literal, only the id encoded). `template` is the same path as errors show it.
 */
export interface RepoPaths {
	path: string;
	template: string;
	/**
	 * Only the org/repo form documents single runs, workflows, logs and artifacts;
	 * by repository id there are just the list and the two triggers.
	 */
	bySlug: boolean;
	/** The deprecated one-workflow trigger, which has no `/repos` prefix in the slug form. */
	legacyTrigger(workflow: string): {path: string; template: string};
}

export function repoPaths(spec: SourceCraftSpec): RepoPaths | null {
	if (spec.org && spec.repo) {
		const org = segment(spec.org);
		const repo = segment(spec.repo);
		return {
			path: `/repos/${org}/${repo}`,
			template: '/repos/{org}/{repo}',
			bySlug: true,
			legacyTrigger: (workflow) => ({
				path: `/${org}/${repo}/ci_workflows/${segment(workflow)}/trigger`,
				template: '/{org}/{repo}/ci_workflows/{workflow}/trigger',
			}),
		};
	}
	if (spec.repoId) {
		const id = segment(spec.repoId);
		return {
			path: `/repos/id:${id}`,
			template: '/repos/id:{repo_id}',
			bySlug: false,
			legacyTrigger: (workflow) => ({
				path: `/repos/id:${id}/ci_workflows/${segment(workflow)}/trigger`,
				template: '/repos/id:{repo_id}/ci_workflows/{workflow}/trigger',
			}),
		};
	}
	return null;
}
