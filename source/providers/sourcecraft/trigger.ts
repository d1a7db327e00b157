import {ProviderError, isProviderError} from '../../model/errors.js';
import type {Run} from '../../model/run.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {expectShape, invalid, pause, unsupported} from '../client-kit.js';
import {requestError} from '../http-errors.js';
import type {Http} from '../http.js';
import type {GitRevision, ListOptions, RequestOptions, SourceCraftSpec, TriggerRequest} from '../types.js';
import {mapRun} from './map.js';
import type {RepoPaths} from './paths.js';
import {deprecatedTriggerSchema, runSchema} from './schema.js';

/** How often, and how far apart, to look for the run a deprecated trigger started. */
const FIND_ATTEMPTS = 4;
const FIND_PAUSE_MS = 300;

interface TriggerDeps {
	spec: SourceCraftSpec;
	http: Http;
	repo: RepoPaths;
	listRuns(options?: ListOptions): Promise<Run[]>;
}

function headOf(spec: SourceCraftSpec, request: TriggerRequest): GitRevision | null {
	const given: GitRevision[] = [];
	if (request.branch) given.push({branch: request.branch});
	if (request.tag) given.push({tag: request.tag});
	if (request.commit) given.push({commit: request.commit});
	if (given.length > 1) throw invalid(spec.name, 'give one of branch, tag or commit, not several');
	return given[0] ?? null;
}

type InputValue = {name: string; value: string};

/**
 * The input values of each workflow: `WORKFLOW.NAME=VALUE` is for that workflow; a plain
 * `NAME=VALUE` is for the only workflow named, and with several it must say which.
 */
export function valuesByWorkflow(spec: SourceCraftSpec, request: TriggerRequest): Map<string, InputValue[]> {
	const workflows = request.workflows ?? [];
	const values = new Map<string, InputValue[]>(workflows.map((name) => [name, []]));
	for (const input of request.inputs ?? []) {
		const dot = input.key.indexOf('.');
		const named = dot > 0 && values.has(input.key.slice(0, dot));
		const workflow = named ? input.key.slice(0, dot) : workflows.length === 1 ? workflows[0] : undefined;
		const name = named ? input.key.slice(dot + 1) : input.key;
		if (workflows.length === 0) throw invalid(spec.name, 'name the workflows the input values are for');
		if (workflow === undefined) throw invalid(spec.name, `input ${sanitizeLine(input.key, 40)}: say which workflow it is for, as WORKFLOW.${sanitizeLine(input.key, 40)}=VALUE (workflows: ${workflows.join(', ')})`);
		if (name === '') throw invalid(spec.name, `input ${sanitizeLine(input.key, 40)}: the input's name is missing after the workflow`);
		values.get(workflow)?.push({name, value: input.value});
	}
	return values;
}

/** The body of `POST …/cicd/runs` (run-workflows page); checked before anything is sent. */
export function runWorkflowsBody(spec: SourceCraftSpec, request: TriggerRequest): Record<string, unknown> {
	const head = headOf(spec, request);
	const values = valuesByWorkflow(spec, request);
	const body: Record<string, unknown> = {};
	if (head) body['head'] = head;
	if (request.configRevision) body['config_revision'] = request.configRevision;
	if (values.size > 0) body['workflows'] = [...values].map(([name, list]) => ({name, values: list}));
	if (request.shared !== undefined) body['shared'] = request.shared;
	return body;
}

/** The deprecated trigger's revision text: a branch, or `tags:NAME`; it has no way to name a commit. */
function legacyRevision(spec: SourceCraftSpec, revision: GitRevision | null, what: string): string | undefined {
	if (!revision) return undefined;
	if ('commit' in revision) throw unsupported(spec.name, `this SourceCraft server only has the old trigger, which takes ${what} from a branch or tag, not a commit`);
	return 'tag' in revision ? `tags:${revision.tag}` : revision.branch;
}

/** The run the reply names, or the newest listed one whose slug was not there before. */
async function findNewRun(deps: TriggerDeps, before: ReadonlySet<string>, options: RequestOptions): Promise<Run> {
	for (let attempt = 1; attempt <= FIND_ATTEMPTS; attempt++) {
		const runs = await deps.listRuns({maxPages: 1, signal: options.signal});
		const fresh = runs.find((run) => !before.has(run.id));
		if (fresh) return fresh;
		if (attempt < FIND_ATTEMPTS) await pause(FIND_PAUSE_MS, options.signal);
	}
	throw requestError(deps.spec.name, 'not_found', 'the workflows were started, but the new run is not listed yet — refresh in a moment');
}

/** `POST /{org}/{repo}/ci_workflows/{name}/trigger`, once per workflow, for servers without the new endpoint. */
async function triggerDeprecated(deps: TriggerDeps, request: TriggerRequest, before: ReadonlySet<string>, options: RequestOptions): Promise<Run> {
	const {spec, http, repo} = deps;
	const workflows = request.workflows ?? [];
	if (workflows.length === 0) throw unsupported(spec.name, 'this SourceCraft server only has the old trigger, which needs workflow names');
	const revision = legacyRevision(spec, headOf(spec, request), 'the run');
	const configRevision = legacyRevision(spec, request.configRevision ?? null, 'the CI config');
	const values = valuesByWorkflow(spec, request);
	for (const workflow of workflows) {
		const body = {
			...(revision ? {revision} : {}),
			...(configRevision ? {workflow_revision: configRevision} : {}),
			input: {values: values.get(workflow) ?? []},
		};
		const {path, template} = repo.legacyTrigger(workflow);
		const endpoint = `POST ${template}`;
		const reply = deprecatedTriggerSchema.parse(await http.json({method: 'POST', path, endpoint, body, signal: options.signal}));
		expectShape(reply, http, endpoint, 'not a trigger result');
	}
	return findNewRun(deps, before, options);
}

/** The start's 404 said of the repository itself: it is not there (or the token cannot see it). */
function repositoryNotFound(spec: SourceCraftSpec, refusal: ProviderError): ProviderError {
	const name = spec.org && spec.repo ? `${spec.org}/${spec.repo}` : `id:${spec.repoId ?? ''}`;
	const fix = spec.org && spec.repo ? 'org and repo' : 'repoId';
	const said = refusal.providerMessage ? `: ${refusal.providerMessage}` : '';
	const id = refusal.requestId ? ` (request id ${refusal.requestId})` : '';
	return new ProviderError({
		...refusal.toJSON(),
		message: `${spec.name}: repository ${sanitizeLine(name)} not found (${refusal.status ?? 404})${said}${id} — check ${fix} in the config, and that the token may see it`,
	});
}

/**
 * After a 404 on the start, the list of the same repository tells a missing endpoint (the list
 * answers: an older server, which only has the deprecated trigger) from a missing repository
 * (the list is not found either). Both answer the documented error body, so the 404 alone cannot.
 */
async function runsBeforeFallback(deps: TriggerDeps, refusal: ProviderError, options: RequestOptions): Promise<Set<string>> {
	try {
		return new Set((await deps.listRuns({maxPages: 1, signal: options.signal})).map((run) => run.id));
	} catch (error) {
		if (isProviderError(error) && error.kind === 'not_found') throw repositoryNotFound(deps.spec, refusal);
		throw error;
	}
}

export async function triggerRun(deps: TriggerDeps, request: TriggerRequest, options: RequestOptions = {}): Promise<Run> {
	const {spec, http, repo} = deps;
	const body = runWorkflowsBody(spec, request);
	const endpoint = `POST ${repo.template}/cicd/runs`;
	let answer: unknown;
	try {
		answer = await http.json({method: 'POST', path: `${repo.path}/cicd/runs`, endpoint, body, signal: options.signal});
	} catch (error) {
		// Only a missing endpoint falls back; any other refusal is the user's to see.
		if (!isProviderError(error) || error.kind !== 'not_found') throw error;
		const before = await runsBeforeFallback(deps, error, options);
		return triggerDeprecated(deps, request, before, options);
	}
	const raw = expectShape(runSchema.parse(answer), http, endpoint, 'not a run');
	const run = mapRun(spec, raw, true);
	if (run) return run;
	// A reply without a slug still started something: find it in the list.
	return findNewRun(deps, new Set(), options);
}
