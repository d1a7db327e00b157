import {isProviderError} from '../../model/errors.js';
import type {LogRef, Run} from '../../model/run.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {cleanLogLine, uniqueById, usableId} from '../build.js';
import {SOURCECRAFT_LOGS_NEED_SLUGS, SOURCECRAFT_NO_ABORT} from '../capabilities.js';
import {clientBasics, expectShape, guarded, invalid, listBounds, segment, unsupported} from '../client-kit.js';
import {listItems} from '../lenient.js';
import {ListMemo} from '../list-memo.js';
import {LIMITS, pageItems} from '../limits.js';
import {requestError} from '../http-errors.js';
import type {HttpOptions} from '../http.js';
import type {LogChunk, SourceClient, SourceCraftSpec} from '../types.js';
import {advanceLog, readLogCursor} from './log.js';
import {mapRun} from './map.js';
import {repoPaths, type RepoPaths} from './paths.js';
import {sourceCraftRerunPlan} from './rerun.js';
import {listPageSchema, logPageSchema, runSchema, workflowSchema, type ScRun} from './schema.js';
import {triggerRun} from './trigger.js';

const PAGE_SIZE = 50;
/** Log pages read in one call at most, so a huge log arrives over several polls. */
const MAX_LOG_PAGES = 20;
/** How far back getRun looks for a run when only the repository id is known. */
const SEARCH_PAGES = 20;

export function createSourceCraftClient(spec: SourceCraftSpec, options: HttpOptions = {}): SourceClient {
	const {http, identity} = clientBasics(spec, options);
	const paths = repoPaths(spec);
	// Artifact links are signed anew on every answer; the run's tree, read when it is opened, has fresh ones.
	const listed = new ListMemo({
		pageSize: PAGE_SIZE,
		read: (item) => {
			const raw = runSchema.parse(item);
			return raw ? mapRun(spec, raw) : null;
		},
		volatile: ['download_url'],
		settledBy: ['id', 'slug', 'status', 'dates.updated_at', 'dates.finished_at'],
	});

	function repo(): RepoPaths {
		if (!paths) throw invalid(spec.name, 'set org and repo, or repoId, for this SourceCraft source in the config');
		return paths;
	}

	const client: SourceClient = {
		...identity,

		listRuns(listOptions = {}) {
			return guarded(http, listEndpoint(), async () => {
				listed.answer();
				const runs: Run[] = [];
				const {maxPages, pageSize} = listBounds(listOptions, PAGE_SIZE);
				for await (const page of pages(maxPages, pageSize, listOptions.signal)) {
					for (const raw of page) {
						const run = listed.run(raw);
						if (run) runs.push(run);
					}
				}
				return uniqueById(runs);
			});
		},

		getRun(id, requestOptions = {}) {
			return guarded(http, runEndpoint(), async () => {
				const {path, template, bySlug} = repo();
				const raw = await fetchRaw(id, requestOptions.signal);
				// A listed run carries its whole tree; a single run's answer may leave tasks out.
				const whole = bySlug ? await withTasks(raw, `${path}/cicd/runs/${segment(id)}`, `GET ${template}/cicd/runs/{run}/{workflow}`, requestOptions.signal) : raw;
				return expectShape(mapRun(spec, whole, true), http, runEndpoint(), 'a run without a slug');
			});
		},

		readLog(ref, cursor, requestOptions = {}) {
			const endpoint = `GET ${paths?.template ?? '/repos/{org}/{repo}'}/cicd/logs/{run}/{workflow}/{task}/{cube}`;
			return guarded(http, endpoint, () => readLog(ref, cursor, endpoint, requestOptions.signal));
		},

		trigger(request, requestOptions = {}) {
			return guarded(http, `POST ${paths?.template ?? '/repos/{org}/{repo}'}/cicd/runs`, () =>
				triggerRun({spec, http, repo: repo(), listRuns: (listOptions) => client.listRuns(listOptions)}, request, requestOptions),
			);
		},

		async abort() {
			throw unsupported(spec.name, SOURCECRAFT_NO_ABORT);
		},

		rerunPlan(id, requestOptions = {}) {
			return guarded(http, runEndpoint(), async () => {
				const raw = await fetchRaw(id, requestOptions.signal);
				return sourceCraftRerunPlan(expectShape(mapRun(spec, raw, true), http, runEndpoint(), 'a run without a slug'), raw);
			});
		},
	};

	function runEndpoint(): string {
		return `GET ${paths?.template ?? '/repos/{org}/{repo}'}/cicd/runs/{run}`;
	}

	/** One run as sent: by slug, or looked up in the list when only the repository id is known. */
	async function fetchRaw(id: string, signal?: AbortSignal): Promise<ScRun> {
		const {path, bySlug} = repo();
		if (!bySlug) return findListed(id, signal);
		const answer = await http.json({method: 'GET', path: `${path}/cicd/runs/${segment(id)}`, endpoint: runEndpoint(), signal});
		return expectShape(runSchema.parse(answer), http, runEndpoint(), 'not a run');
	}

	function listEndpoint(): string {
		return `GET ${paths?.template ?? '/repos/{org}/{repo}'}/cicd/runs`;
	}

	/** The runs of each list page as sent (unread), newest first, following next_page_token. */
	async function* pages(maxPages: number, size: number, signal?: AbortSignal): AsyncGenerator<unknown[]> {
		const {path} = repo();
		const endpoint = listEndpoint();
		const tokens = new Set<string>();
		let token: string | null = null;
		for (let page = 1; page <= maxPages; page++) {
			// Only the token changes between pages: the API wants every other parameter the same.
			const query = {page_size: size, page_token: token ?? undefined};
			const answer = listPageSchema.parse(await http.json({method: 'GET', path: `${path}/cicd/runs`, endpoint, query, signal}));
			const list = expectShape(answer, http, endpoint, 'not a list of runs');
			const {kept, cut} = pageItems(listItems(list.runs), size, options.onCut);
			yield kept;
			if (cut) return;
			token = list.next_page_token;
			// A token seen before would loop forever.
			if (!token || tokens.has(token)) return;
			tokens.add(token);
		}
	}

	/**
	 * By repository id there is no single-run endpoint: the run is looked up in the list, whose
	 * runs carry their workflows. Slugs are run counters, so the search stops once it passes below.
	 */
	async function findListed(id: string, signal?: AbortSignal): Promise<ScRun> {
		const wanted = /^\d+$/.test(id) ? Number(id) : null;
		for await (const items of pages(SEARCH_PAGES, PAGE_SIZE, signal)) {
			const page = items.map((item) => runSchema.parse(item)).filter((raw): raw is ScRun => raw !== null);
			const found = page.find((raw) => usableId(raw.slug) === id);
			if (found) return found;
			const last = page.at(-1)?.slug;
			if (wanted !== null && last && /^\d+$/.test(last) && Number(last) < wanted) break;
		}
		throw requestError(spec.name, 'not_found', `run ${sanitizeLine(id, 60)} is not in the list of this repository`, listEndpoint());
	}

	/** A run answer may leave a workflow's tasks out; ask for those workflows one by one. */
	async function withTasks(raw: ScRun, runPath: string, endpoint: string, signal?: AbortSignal): Promise<ScRun> {
		const workflows = await Promise.all(
			(raw.workflows ?? []).map(async (workflow) => {
				if (workflow.tasks !== null || !workflow.slug) return workflow;
				try {
					const answer = await http.json({method: 'GET', path: `${runPath}/${segment(workflow.slug)}`, endpoint, signal});
					return workflowSchema.parse(answer) ?? workflow;
				} catch (error) {
					// A workflow that vanished between the two answers is shown as the run described it.
					if (isProviderError(error) && error.kind === 'not_found') return workflow;
					throw error;
				}
			}),
		);
		return {...raw, workflows};
	}

	async function readLog(ref: LogRef, cursorValue: unknown, endpoint: string, signal?: AbortSignal): Promise<LogChunk> {
		const {path, bySlug} = repo();
		if (!bySlug) throw unsupported(spec.name, SOURCECRAFT_LOGS_NEED_SLUGS);
		if (ref.path.length !== 4) throw invalid(spec.name, 'this log reference is not a SourceCraft cube', endpoint);
		const logPath = `${path}/cicd/logs/${ref.path.map(segment).join('/')}`;
		let cursor = readLogCursor(cursorValue);
		const lines: string[] = [];
		let partial = cursor.carry;
		let taken = 0;
		let more = false;
		for (let read = 0; read < MAX_LOG_PAGES && taken < LIMITS.logChars; read++) {
			let answer: unknown;
			try {
				answer = await http.json({method: 'GET', path: logPath, endpoint, query: {page: cursor.page}, signal});
			} catch (error) {
				// The next page answers 404 until it exists: nothing new yet.
				if (isProviderError(error) && error.kind === 'not_found') break;
				throw error;
			}
			const page = expectShape(logPageSchema.parse(answer), http, endpoint, 'not a log page');
			const step = advanceLog(cursor, page);
			// One by one: a page of millions of empty lines would overflow the stack as arguments of one push.
			for (const line of step.lines) {
				taken += line.length + 1;
				lines.push(line);
			}
			partial = step.partial;
			cursor = step.cursor;
			if (step.done) return {lines: lines.map(cleanLogLine), partial: '', cursor, done: true};
			more = step.readNext;
			if (!step.readNext) break;
		}
		return {lines: lines.map(cleanLogLine), partial: cleanLogLine(partial), cursor, done: false, more};
	}

	return client;
}
