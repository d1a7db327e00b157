import {z} from 'zod';
import {PROVIDERS} from '../model/run.js';
import type {ProviderName} from '../model/run.js';
import {WEB_URL_EXAMPLE, webUrlProblem} from '../model/web-url.js';
import {defaultSourceName} from './names.js';

/** What a person should write in each field, quoted in error messages. */
export const FIELD_HINTS: Record<string, string> = {
	name: 'a short unique name, e.g. "acme/api"',
	provider: 'sourcecraft, wercker or northflank',
	baseUrl: 'an http(s) URL, e.g. https://api.sourcecraft.tech',
	org: 'the organization, e.g. "acme"',
	repo: 'the repository, e.g. "api"',
	repoId: "the repository's id",
	applicationId: "the application's id",
	projectId: 'the project, e.g. "shop"',
	stage: 'the release flow\'s stage, e.g. "release"',
	teamId: 'the team, for team tokens',
	tokenCommand: 'a shell command that prints the token, e.g. "pass show ci/sourcecraft"',
	tokenEnv: 'the name of an environment variable, e.g. MY_CI_TOKEN',
	tokenCommandTimeout: 'seconds a tokenCommand may take, e.g. 10; more if it asks for a password',
	token: 'the token itself',
	webUrl: `the address of a run's page, with placeholders, e.g. ${WEB_URL_EXAMPLE}`,
	fast: 'seconds between polls while something runs, e.g. 3',
	slow: 'seconds between polls when all is quiet, e.g. 30',
	maxBackoff: 'the longest wait after errors, in seconds, e.g. 300',
	highlight: 'seconds a change stays lit, e.g. 6',
	bell: 'true or false',
	osc9: 'true or false',
	color: 'auto, always or never',
	cache: 'true or false',
};

const PIPELINE_HINTS: Record<ProviderName, string> = {
	sourcecraft: '',
	wercker: "the pipeline's id",
	northflank: 'the pipeline, e.g. "main"',
};

/** Which identifying fields each provider reads, and how to say so. */
export const PROVIDER_FIELDS: Record<ProviderName, {fields: readonly string[]; takes: string}> = {
	sourcecraft: {fields: ['org', 'repo', 'repoId'], takes: 'org + repo, or repoId'},
	wercker: {fields: ['pipelineId', 'applicationId'], takes: 'pipelineId or applicationId'},
	northflank: {fields: ['projectId', 'pipelineId', 'stage', 'teamId'], takes: 'projectId, pipelineId, stage and optionally teamId'},
};

const ID_FIELDS = ['org', 'repo', 'repoId', 'pipelineId', 'applicationId', 'projectId', 'stage', 'teamId'] as const;

export function fieldHint(key: string, provider?: ProviderName): string | undefined {
	if (key === 'pipelineId' && provider) return PIPELINE_HINTS[provider];
	return FIELD_HINTS[key];
}

const text = z.string().trim().min(1);

// YAML reads 12345 as a number; an id is text either way, as long as no digit was lost.
const identifier = z.preprocess((value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value), text);

// Printed in every view and typed after --source: one line of visible characters.
const sourceName = text.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, {message: 'must be one line without control characters'});

function parseUrl(value: string): URL | null {
	try {
		return new URL(value);
	} catch {
		return null;
	}
}

const httpUrl = text
	.refine(
		(value) => {
			const url = parseUrl(value);
			return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
		},
		{message: `expected ${FIELD_HINTS['baseUrl']}`},
	)
	.refine(
		(value) => {
			// A user name or password in the URL would be sent instead of the token.
			const url = parseUrl(value);
			return url === null || (url.username === '' && url.password === '');
		},
		{message: 'must not hold a user name or password (citop sends the token; give it with token, tokenEnv or tokenCommand)'},
	);

const envName = text.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {message: 'expected the name of an environment variable (letters, digits and _), not its value'});

const seconds = z.number().positive();

const sourceSchema = z
	.strictObject({
		name: sourceName.optional(),
		provider: z.enum(PROVIDERS),
		baseUrl: httpUrl.optional(),
		org: identifier.optional(),
		repo: identifier.optional(),
		repoId: identifier.optional(),
		pipelineId: identifier.optional(),
		applicationId: identifier.optional(),
		projectId: identifier.optional(),
		stage: identifier.optional(),
		teamId: identifier.optional(),
		tokenCommand: text.optional(),
		tokenEnv: envName.optional(),
		token: text.optional(),
		webUrl: text.optional(),
	})
	.superRefine((source, ctx) => {
		const problem = source.webUrl === undefined ? null : webUrlProblem(source.webUrl, source.provider, {...source, source: source.name ?? defaultSourceName(source)});
		if (problem !== null) ctx.addIssue({code: 'custom', path: ['webUrl'], message: problem});
		const {fields, takes} = PROVIDER_FIELDS[source.provider];
		for (const key of ID_FIELDS) {
			if (source[key] !== undefined && !fields.includes(key)) {
				ctx.addIssue({code: 'custom', path: [key], message: `not a ${source.provider} field (${source.provider} takes ${takes})`});
			}
		}
		const required = (key: (typeof ID_FIELDS)[number], condition = '') => {
			if (source[key] !== undefined) return;
			ctx.addIssue({code: 'custom', path: [key], message: `required for ${source.provider}${condition} (${fieldHint(key, source.provider)})`});
		};
		switch (source.provider) {
			case 'sourcecraft':
				if (source.repoId !== undefined) {
					if (source.org !== undefined || source.repo !== undefined) {
						ctx.addIssue({code: 'custom', path: [], message: 'give org + repo, or repoId, not both'});
					}
				} else if (source.org === undefined && source.repo === undefined) {
					ctx.addIssue({code: 'custom', path: [], message: 'sourcecraft needs org + repo (e.g. org: acme, repo: api), or repoId'});
				} else {
					required('org', ' with repo');
					required('repo', ' with org');
				}
				return;
			case 'wercker':
				if (source.pipelineId !== undefined && source.applicationId !== undefined) {
					ctx.addIssue({code: 'custom', path: [], message: 'give pipelineId or applicationId, not both'});
				} else if (source.pipelineId === undefined && source.applicationId === undefined) {
					ctx.addIssue({code: 'custom', path: [], message: 'wercker needs pipelineId (e.g. pipelineId: 5751377e7e1bd5f17f050bc4) or applicationId'});
				}
				return;
			case 'northflank':
				required('projectId');
				required('pipelineId');
				required('stage');
				return;
		}
	});

export type SourceEntry = z.infer<typeof sourceSchema>;

export const configSchema = z
	.strictObject({
		sources: z.array(sourceSchema).default([]),
		poll: z
			.strictObject({
				fast: seconds.default(3),
				slow: seconds.default(30),
				maxBackoff: seconds.default(300),
			})
			.default({fast: 3, slow: 30, maxBackoff: 300}),
		highlight: z.number().min(0).default(6),
		notify: z
			.strictObject({
				bell: z.boolean().default(true),
				osc9: z.boolean().default(true),
			})
			.default({bell: true, osc9: true}),
		color: z.enum(['auto', 'always', 'never']).default('auto'),
		cache: z.boolean().default(true),
		tokenCommandTimeout: seconds.default(10),
	})
	.superRefine((config, ctx) => {
		const seen = new Map<string, number>();
		config.sources.forEach((source, index) => {
			const name = source.name ?? defaultSourceName(source);
			const first = seen.get(name);
			if (first === undefined) {
				seen.set(name, index);
				return;
			}
			const how = source.name === undefined ? 'its default name' : 'its name';
			ctx.addIssue({
				code: 'custom',
				path: ['sources', index, 'name'],
				message: `${how} "${name}" is already taken by sources[${first}]; give one of them a different name`,
			});
		});
		const {fast, slow, maxBackoff} = config.poll;
		if (slow < fast) ctx.addIssue({code: 'custom', path: ['poll', 'slow'], message: `must be at least poll.fast (${fast})`});
		if (maxBackoff < slow) ctx.addIssue({code: 'custom', path: ['poll', 'maxBackoff'], message: `must be at least poll.slow (${slow})`});
	});

export type ConfigFile = z.infer<typeof configSchema>;

/** The keys allowed at each level, for "did you mean" on a typo. */
export const KNOWN_KEYS: Record<'top' | 'source' | 'poll' | 'notify', readonly string[]> = {
	top: ['sources', 'poll', 'highlight', 'notify', 'color', 'cache', 'tokenCommandTimeout'],
	source: ['name', 'provider', 'baseUrl', ...ID_FIELDS, 'tokenCommand', 'tokenEnv', 'token', 'webUrl'],
	poll: ['fast', 'slow', 'maxBackoff'],
	notify: ['bell', 'osc9'],
};
