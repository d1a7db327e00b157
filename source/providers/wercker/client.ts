import {isProviderError} from '../../model/errors.js';
import type {Run} from '../../model/run.js';
import {cleanLogLine, uniqueById} from '../build.js';
import {badAnswer, clientBasics, expectShape, guarded, invalid, listBounds, segment} from '../client-kit.js';
import type {HttpOptions} from '../http.js';
import {isRecord, listItems} from '../lenient.js';
import {ListMemo} from '../list-memo.js';
import {LIMITS, pageItems} from '../limits.js';
import type {LogChunk, SourceClient, TriggerRequest, WerckerSpec} from '../types.js';
import {mapRun} from './map.js';
import {werckerRerunPlan} from './rerun.js';
import {runSchema, stepListSchema, type WkRun} from './schema.js';

/** Wercker's maximum (and default) page size. */
const PAGE_SIZE = 20;
const RUN_ENDPOINT = 'GET /api/v3/runs/{runId}';

/** The log cursor: how many characters of the step's log were already returned as whole lines. */
function offsetOf(cursor: unknown): number {
	const offset = isRecord(cursor) ? cursor['offset'] : undefined;
	return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : 0;
}

/** The body of `POST /api/v3/runs`, checked before anything is sent. */
export function triggerBody(spec: WerckerSpec, request: TriggerRequest): Record<string, unknown> {
	if (!spec.pipelineId) throw invalid(spec.name, 'Wercker starts runs of a pipeline: set pipelineId in the config');
	if (request.commit && !request.branch) throw invalid(spec.name, 'a commit needs its branch (Wercker requires both)');
	if (request.tag) throw invalid(spec.name, 'Wercker starts a branch or a commit, not a tag');
	const body: Record<string, unknown> = {pipelineId: spec.pipelineId};
	if (request.sourceRun) body['sourceRunId'] = request.sourceRun;
	if (request.branch) body['branch'] = request.branch;
	if (request.commit) body['commitHash'] = request.commit;
	if (request.message) body['message'] = request.message;
	// Order is kept: later variables may use earlier ones.
	body['envVars'] = (request.inputs ?? []).map((input) => ({key: input.key, value: input.value}));
	return body;
}

/** A run answer: an object, or (leniently) an array holding one. */
function oneRun(answer: unknown): unknown {
	return Array.isArray(answer) ? answer.find((item) => isRecord(item)) : answer;
}

export function createWerckerClient(spec: WerckerSpec, options: HttpOptions = {}): SourceClient {
	const {http, identity} = clientBasics(spec, options);
	const listed = new ListMemo({
		pageSize: PAGE_SIZE,
		read: (item) => {
			const raw = runSchema.parse(item);
			return raw ? mapRun(spec, raw) : null;
		},
		settledBy: ['id', 'status', 'result', 'updatedAt', 'finishedAt'],
	});

	function readRun(answer: unknown): WkRun {
		return expectShape(runSchema.parse(oneRun(answer)), http, RUN_ENDPOINT, 'not a run');
	}

	async function fetchRun(id: string, signal?: AbortSignal): Promise<Run> {
		const path = `/api/v3/runs/${segment(id)}`;
		const [runAnswer, stepsAnswer] = await Promise.all([
			http.json({method: 'GET', path, endpoint: RUN_ENDPOINT, signal}),
			http.json({method: 'GET', path: `${path}/steps`, endpoint: 'GET /api/v3/runs/{runId}/steps', signal}),
		]);
		const raw = readRun(runAnswer);
		if (!Array.isArray(stepsAnswer) && !isRecord(stepsAnswer)) throw badAnswer(http, 'GET /api/v3/runs/{runId}/steps', 'not a list of steps');
		return expectShape(mapRun(spec, raw, stepListSchema.parse(stepsAnswer)), http, RUN_ENDPOINT, 'a run without an id');
	}

	/** A write's answer as a run; when it names none, the run as it stands now. */
	async function replyRun(answer: unknown, fallback: () => Promise<Run>): Promise<Run> {
		const raw = runSchema.parse(oneRun(answer));
		const run = raw ? mapRun(spec, raw) : null;
		return run ?? fallback();
	}

	const client: SourceClient = {
		...identity,

		listRuns(listOptions = {}) {
			const endpoint = 'GET /api/v3/runs';
			return guarded(http, endpoint, async () => {
				const by = spec.pipelineId ? {pipelineId: spec.pipelineId} : spec.applicationId ? {applicationId: spec.applicationId} : null;
				if (!by) throw invalid(spec.name, 'set pipelineId or applicationId for this Wercker source in the config');
				listed.answer();
				const {maxPages, pageSize: size} = listBounds(listOptions, PAGE_SIZE);
				const runs: Run[] = [];
				for (let page = 0; page < maxPages; page++) {
					const skip = page * size;
					const query = {...by, limit: size, skip: skip > 0 ? skip : undefined};
					const answer = await http.json({method: 'GET', path: '/api/v3/runs', endpoint, query, signal: listOptions.signal});
					if (!Array.isArray(answer) && !isRecord(answer)) throw badAnswer(http, endpoint, 'not a list of runs');
					const sent: unknown[] = Array.isArray(answer) ? answer : [answer];
					const {kept, cut} = pageItems(sent, size, options.onCut);
					for (const raw of listItems(kept)) {
						const run = listed.run(raw);
						if (run) runs.push(run);
					}
					// No total is given: a short page is the last one.
					if (cut || sent.length < size) break;
				}
				// New runs shift the offsets, so a page may repeat the end of the one before.
				return uniqueById(runs);
			});
		},

		getRun(id, requestOptions = {}) {
			return guarded(http, RUN_ENDPOINT, () => fetchRun(id, requestOptions.signal));
		},

		readLog(ref, cursor, requestOptions = {}) {
			const endpoint = 'GET /api/v3/runsteps/{stepId}/log';
			return guarded(http, endpoint, async (): Promise<LogChunk> => {
				const [stepId, runId] = ref.path;
				if (!stepId) throw invalid(spec.name, 'this log reference is not a Wercker step', endpoint);
				const signal = requestOptions.signal;
				// The step's state is read before its log: a log read after the step finished is the whole log.
				let finished = false;
				if (runId) {
					const steps = stepListSchema.parse(
						await http.json({method: 'GET', path: `/api/v3/runs/${segment(runId)}/steps`, endpoint: 'GET /api/v3/runs/{runId}/steps', signal}),
					);
					finished = steps.some((step) => step.id === stepId && step.status === 'finished');
				}
				const offset = offsetOf(cursor);
				let text: string;
				try {
					text = await http.text({method: 'GET', path: `/api/v3/runsteps/${segment(stepId)}/log`, endpoint, signal});
				} catch (error) {
					// A step that has not started has no log yet.
					if (isProviderError(error) && error.kind === 'not_found' && !finished) return {lines: [], partial: '', cursor: {offset}, done: false};
					throw error;
				}
				const end = Math.min(text.length, offset + LIMITS.logChars);
				const fresh = text.slice(offset, end);
				if (end < text.length) {
					// Past the limit the rest comes on the next read, from the last whole line (a longer line in pieces).
					const lastBreak = fresh.lastIndexOf('\n');
					const taken = lastBreak < 0 ? fresh : fresh.slice(0, lastBreak);
					return {lines: taken.split('\n').map(cleanLogLine), partial: '', cursor: {offset: offset + (lastBreak < 0 ? fresh.length : lastBreak + 1)}, done: false, more: true};
				}
				const lastBreak = fresh.lastIndexOf('\n');
				const lines = lastBreak < 0 ? [] : fresh.slice(0, lastBreak).split('\n');
				const rest = lastBreak < 0 ? fresh : fresh.slice(lastBreak + 1);
				const next = {offset: offset + lastBreak + 1};
				if (finished) {
					if (rest !== '') lines.push(rest);
					return {lines: lines.map(cleanLogLine), partial: '', cursor: {offset: text.length}, done: true};
				}
				return {lines: lines.map(cleanLogLine), partial: cleanLogLine(rest), cursor: next, done: false};
			});
		},

		trigger(request, requestOptions = {}) {
			const endpoint = 'POST /api/v3/runs';
			return guarded(http, endpoint, async () => {
				const body = triggerBody(spec, request);
				const answer = await http.json({method: 'POST', path: '/api/v3/runs', endpoint, body, signal: requestOptions.signal});
				return replyRun(answer, async () => {
					const [newest] = await client.listRuns({maxPages: 1, signal: requestOptions.signal});
					return expectShape(newest, http, endpoint, 'no run in the reply or the list');
				});
			});
		},

		abort(id, requestOptions = {}) {
			const endpoint = 'PUT /api/v3/runs/{runId}/abort';
			return guarded(http, endpoint, async () => {
				const answer = await http.json({method: 'PUT', path: `/api/v3/runs/${segment(id)}/abort`, endpoint, body: {}, signal: requestOptions.signal});
				return replyRun(answer, () => fetchRun(id, requestOptions.signal));
			});
		},

		rerunPlan(id, requestOptions = {}) {
			return guarded(http, RUN_ENDPOINT, async () => {
				const raw = readRun(await http.json({method: 'GET', path: `/api/v3/runs/${segment(id)}`, endpoint: RUN_ENDPOINT, signal: requestOptions.signal}));
				return werckerRerunPlan(spec, expectShape(mapRun(spec, raw), http, RUN_ENDPOINT, 'a run without an id'), raw);
			});
		},
	};
	return client;
}
