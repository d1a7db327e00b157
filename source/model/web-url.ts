import type {ProviderName, Run} from './run.js';
import {wellFormed} from './sanitize.js';

/**
 * A source's `webUrl`: the address of a run's page, as a template. None of the three APIs gives
 * one (Wercker's `url` is an API address), so the user writes it; citop fills in the source's
 * config fields once, and the run's own fields for each run, every value URL-encoded.
 */

/** Filled in for each run: its id as the server sent it, its number, its Wercker pipeline. */
const RUN_FIELDS: Record<ProviderName, readonly string[]> = {
	sourcecraft: ['id', 'number'],
	wercker: ['id', 'number', 'pipeline'],
	northflank: ['id'],
};

/** Filled in from the source's config once: its name and the fields that locate it. */
const CONFIG_FIELDS: Record<ProviderName, readonly string[]> = {
	sourcecraft: ['source', 'org', 'repo', 'repoId'],
	wercker: ['source', 'pipelineId', 'applicationId'],
	northflank: ['source', 'projectId', 'pipelineId', 'stage', 'teamId'],
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

export const WEB_URL_EXAMPLE = 'https://ci.example.com/{org}/{repo}/runs/{number}';

function placeholders(template: string): string[] {
	return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** What is wrong with a template for this provider and the source's config values, or null. */
export function webUrlProblem(template: string, provider: ProviderName, config: Readonly<Record<string, unknown>>): string | null {
	if (!/^https?:\/\/[^\s/{}]/i.test(template) || /\s/.test(template)) return `expected an http(s) address with placeholders, without spaces, e.g. ${WEB_URL_EXAMPLE}`;
	if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'a brace without its pair: placeholders are written {name}';
	const known = [...RUN_FIELDS[provider], ...CONFIG_FIELDS[provider]];
	for (const name of placeholders(template)) {
		if (!known.includes(name)) return `unknown placeholder {${name}} (${provider} takes ${known.map((field) => `{${field}}`).join(', ')})`;
		if (CONFIG_FIELDS[provider].includes(name) && typeof config[name] !== 'string') return `{${name}} needs ${name}, which this source does not set`;
	}
	return null;
}

/** The template with the source's config fields filled in; the run's fields stay for each run. */
export function fillConfigFields(template: string, provider: ProviderName, config: Readonly<Record<string, unknown>>): string {
	return template.replace(PLACEHOLDER, (whole, name: string) => {
		const value = config[name];
		return CONFIG_FIELDS[provider].includes(name) && typeof value === 'string' ? encodeURIComponent(wellFormed(value)) : whole;
	});
}

/** The run's number as the RUN column shows it (`#2332`): SourceCraft's counter, Wercker's when the server numbers runs. */
function runNumber(run: Pick<Run, 'label'>): string | null {
	return /^#(\d+)$/.exec(run.label)?.[1] ?? null;
}

function runField(run: Pick<Run, 'id' | 'label' | 'pipeline'>, name: string): string | null {
	if (name === 'id') return run.id;
	if (name === 'number') return runNumber(run);
	return name === 'pipeline' ? run.pipeline : null;
}

/** The run's page from a template whose config fields are filled in; or the field the run lacks. */
export function runWebUrl(template: string, run: Pick<Run, 'id' | 'label' | 'pipeline'>): {url: string} | {missing: string} {
	let missing: string | null = null;
	const url = template.replace(PLACEHOLDER, (_whole, name: string) => {
		const value = runField(run, name);
		if (value === null) missing ??= name;
		// A server's name may hold half a UTF-16 pair, which encodeURIComponent throws on.
		return encodeURIComponent(wellFormed(value ?? ''));
	});
	return missing === null ? {url} : {missing};
}

/** The page for JSON output: null without a template, or when the run lacks a field it needs. */
export function webUrlOrNull(template: string | null, run: Pick<Run, 'id' | 'label' | 'pipeline'>): string | null {
	if (template === null) return null;
	const page = runWebUrl(template, run);
	return 'url' in page ? page.url : null;
}
