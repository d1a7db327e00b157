import type {IncomingHttpHeaders} from 'node:http';
import type {Request} from 'got';
import {countNodes} from '../model/run.js';
import type {Run, RunNode} from '../model/run.js';

/**
 * What one answer may cost citop, whatever a server sends: bounds far above any real answer, so
 * only a broken or hostile server meets them. An answer too large is an error that names the
 * bound; a page, a tree or a log read past its bound is cut, and citop goes on with what it kept.
 */
export const LIMITS = {
	/** Bytes of one answer, counted after decompression (a gzip bomb is cut off here too). */
	answerBytes: 16 * 1024 * 1024,
	/** Runs kept from one list page beyond the page size asked for. */
	pageMargin: 10,
	/** Nodes of one run's tree: workflows, jobs, tasks and steps together. */
	treeNodes: 5_000,
	/** Characters of log text taken in one read; the rest is read next time. */
	logChars: 4 * 1024 * 1024,
} as const;

/** "answer larger than 16 MB": what an error says when an answer passes LIMITS.answerBytes. */
export const TOO_LARGE = `answer larger than ${LIMITS.answerBytes / (1024 * 1024)} MB`;

/** Told what was cut when an answer went past a limit (ClientOptions.onCut). */
export type OnCut = ((what: string) => void) | undefined;

const count = (value: number) => value.toLocaleString('en-US');

/**
 * The items of one list page that are kept: at most the page size asked for plus a margin. `cut`:
 * the page went past that, so the server ignores the page size, and its page is the last one read.
 */
export function pageItems(items: unknown[], pageSize: number, onCut: OnCut): {kept: unknown[]; cut: boolean} {
	const most = pageSize + LIMITS.pageMargin;
	if (items.length <= most) return {kept: items, cut: false};
	onCut?.(`a page of ${count(items.length)} runs when ${pageSize} were asked for: the first ${most} kept, no further page read`);
	return {kept: items.slice(0, most), cut: true};
}

/** An answer as read: status, headers and the body as text. */
export interface Answer {
	statusCode: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Thrown by readAnswer when the body passes LIMITS.answerBytes. */
export class AnswerTooLarge extends Error {
	constructor() {
		super(TOO_LARGE);
	}
}

/**
 * Reads a got stream's answer, counting the body's bytes as they arrive (after decompression);
 * past LIMITS.answerBytes the request is dropped, so an endless body or a gzip bomb costs no more.
 */
export function readAnswer(stream: Request): Promise<Answer> {
	return new Promise((resolve, reject) => {
		let head: Omit<Answer, 'body'> = {statusCode: 0, headers: {}};
		const chunks: Buffer[] = [];
		let size = 0;
		stream.once('response', (response: {statusCode: number; headers: IncomingHttpHeaders}) => {
			head = {statusCode: response.statusCode, headers: response.headers};
		});
		stream.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > LIMITS.answerBytes) {
				stream.destroy();
				reject(new AnswerTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		// Every error, not only the first: one left without a listener would end the process.
		stream.on('error', reject);
		stream.once('end', () => resolve({...head, body: Buffer.concat(chunks).toString('utf8')}));
	});
}

/** The run with at most LIMITS.treeNodes nodes, the first in tree order; the same object when it has no more. */
export function boundTree(run: Run, onCut: OnCut): Run {
	if (run.children === null || countNodes(run.children) <= LIMITS.treeNodes) return run;
	onCut?.(`a run of more than ${count(LIMITS.treeNodes)} steps and jobs: the first ${count(LIMITS.treeNodes)} shown`);
	let left = LIMITS.treeNodes;
	const keep = (nodes: readonly RunNode[]): RunNode[] => {
		const kept: RunNode[] = [];
		for (const node of nodes) {
			if (left <= 0) break;
			left--;
			kept.push(node.children.length === 0 ? node : {...node, children: keep(node.children)});
		}
		return kept;
	};
	return {...run, children: keep(run.children)};
}
