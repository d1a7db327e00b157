import type {Run} from '../../model/run.js';
import {uniqueById} from '../build.js';
import {NORTHFLANK_NO_LOGS} from '../capabilities.js';
import {clientBasics, expectShape, guarded, invalid, listBounds, segment, unsupported} from '../client-kit.js';
import type {HttpOptions} from '../http.js';
import type {NorthflankSpec, SourceClient, TriggerRequest} from '../types.js';
import {mapRun} from './map.js';
import {listItems} from '../lenient.js';
import {ListMemo} from '../list-memo.js';
import {pageItems} from '../limits.js';
import {northflankRerunPlan} from './rerun.js';
import {listSchema, oneRunSchema, runSchema, type NfRun} from './schema.js';

/** Northflank's largest page. */
const PAGE_SIZE = 100;
const NAME_RULE = /^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$/;

/** The body of `POST …/runs`, checked against Northflank's rules before anything is sent. */
export function triggerBody(spec: NorthflankSpec, request: TriggerRequest): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	if (request.name !== undefined && request.name !== '') {
		if (request.name.length < 3 || request.name.length > 39 || !NAME_RULE.test(request.name)) {
			throw invalid(spec.name, 'a run name has 3 to 39 characters: a letter, then letters, digits, and single dashes or spaces between them');
		}
		body['name'] = request.name;
	}
	if (request.description !== undefined && request.description !== '') {
		if (request.description.length > 200) throw invalid(spec.name, 'a run description has at most 200 characters');
		body['description'] = request.description;
	}
	if (request.inputs && request.inputs.length > 0) {
		body['arguments'] = Object.fromEntries(request.inputs.map((input) => [input.key, input.value]));
	}
	if (request.refs && request.refs.length > 0) {
		// Each field given overwrites that field of the ref: a rerun pins the commit too.
		body['overrides'] = Object.fromEntries(request.refs.map(({ref, branch, sha}) => [ref, sha === undefined ? {branch} : {branch, sha}]));
	}
	return body;
}

/** Newest first by creation; runs without a date keep their order, after the dated ones. */
function newestFirst(runs: readonly Run[]): Run[] {
	return runs
		.map((run, index) => ({run, index}))
		.sort((a, b) => (b.run.createdAt ?? -Infinity) - (a.run.createdAt ?? -Infinity) || a.index - b.index)
		.map(({run}) => run);
}

export function createNorthflankClient(spec: NorthflankSpec, options: HttpOptions = {}): SourceClient {
	const {http, identity} = clientBasics(spec, options);
	const listed = new ListMemo({
		pageSize: PAGE_SIZE,
		read: (item) => {
			const raw = runSchema.parse(item);
			return raw ? mapRun(spec, raw) : null;
		},
		settledBy: ['id', 'status', 'concluded', 'updatedAt', 'concludedAt'],
	});
	// Team tokens address projects under their team.
	const owner = spec.teamId ? `/v1/teams/${segment(spec.teamId)}/projects/${segment(spec.projectId)}` : `/v1/projects/${segment(spec.projectId)}`;
	const ownerTemplate = spec.teamId ? '/v1/teams/{teamId}/projects/{projectId}' : '/v1/projects/{projectId}';
	// Stage names are case-sensitive: used as given.
	const base = `${owner}/pipelines/${segment(spec.pipelineId)}/release-flows/${segment(spec.stage)}/runs`;
	const template = `${ownerTemplate}/pipelines/{pipelineId}/release-flows/{stage}/runs`;

	/** The run's detail answer, as sent, and as the model holds it. */
	async function fetchRun(id: string, signal?: AbortSignal): Promise<{raw: NfRun; run: Run}> {
		const endpoint = `GET ${template}/{runId}`;
		const answer = await http.json({method: 'GET', path: `${base}/${segment(id)}`, endpoint, signal});
		const raw = expectShape(oneRunSchema.parse(answer), http, endpoint, 'not a run');
		return {raw, run: expectShape(mapRun(spec, raw, true), http, endpoint, 'a run without an id')};
	}

	const client: SourceClient = {
		...identity,

		listRuns(listOptions = {}) {
			const endpoint = `GET ${template}`;
			return guarded(http, endpoint, async () => {
				listed.answer();
				const {maxPages, pageSize: size} = listBounds(listOptions, PAGE_SIZE);
				const runs: Run[] = [];
				const cursors = new Set<string>();
				let cursor: string | null = null;
				for (let page = 1; page <= maxPages; page++) {
					const query = {per_page: size, cursor: cursor ?? undefined};
					const answer = listSchema.parse(await http.json({method: 'GET', path: base, endpoint, query, signal: listOptions.signal}));
					const data = expectShape(answer?.data, http, endpoint, 'no data in the answer');
					const {kept, cut} = pageItems(listItems(data.runs), size, options.onCut);
					for (const raw of kept) {
						const run = listed.run(raw);
						if (run) runs.push(run);
					}
					if (cut) break;
					const next = answer?.pagination;
					cursor = next?.hasNextPage ? next.cursor : null;
					// A cursor seen before would loop forever.
					if (!cursor || cursors.has(cursor)) break;
					cursors.add(cursor);
				}
				return newestFirst(uniqueById(runs));
			});
		},

		getRun(id, requestOptions = {}) {
			return guarded(http, `GET ${template}/{runId}`, async () => (await fetchRun(id, requestOptions.signal)).run);
		},

		async readLog() {
			throw unsupported(spec.name, NORTHFLANK_NO_LOGS);
		},

		trigger(request, requestOptions = {}) {
			const endpoint = `POST ${template}`;
			return guarded(http, endpoint, async () => {
				const body = triggerBody(spec, request);
				const answer = await http.json({method: 'POST', path: base, endpoint, body, signal: requestOptions.signal});
				const raw = oneRunSchema.parse(answer);
				const run = raw ? mapRun(spec, raw) : null;
				if (run) return run;
				// The reply may carry no id: the newest run is the one just started.
				const [newest] = await client.listRuns({maxPages: 1, signal: requestOptions.signal});
				return expectShape(newest, http, endpoint, 'no run in the reply or the list');
			});
		},

		abort(id, requestOptions = {}) {
			const endpoint = `POST ${template}/{runId}/abort`;
			return guarded(http, endpoint, async () => {
				const answer = await http.json({method: 'POST', path: `${base}/${segment(id)}/abort`, endpoint, signal: requestOptions.signal});
				const raw = oneRunSchema.parse(answer);
				return (raw ? mapRun(spec, raw) : null) ?? (await fetchRun(id, requestOptions.signal)).run;
			});
		},

		rerunPlan(id, requestOptions = {}) {
			return guarded(http, `GET ${template}/{runId}`, async () => {
				const {raw, run} = await fetchRun(id, requestOptions.signal);
				return northflankRerunPlan(run, raw);
			});
		},
	};
	return client;
}
