import type {Run, RunNode} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import type {TransitionEvent} from '../store/types.js';
import {progressLabel, statusGlyph, statusWord} from './glyphs.js';
import type {Style} from './style.js';
import {plainStyle} from './style.js';
import {inputsText, refText} from './table.js';
import {pad, truncate} from './text.js';
import {formatDuration, formatSpan, formatStamp, runningTime} from './time.js';

/** The run as people name it: "acme/api #1284". */
export function runName(run: Pick<Run, 'source' | 'label'>): string {
	return `${sanitizeLine(run.source)} ${sanitizeLine(run.label)}`;
}

/** One line per change, for CI logs: "2026-11-23T12:04:29Z acme/api #1283 test: running → failed". */
export function formatTransition(event: TransitionEvent, ascii: boolean, paths?: ReadonlyMap<string, string>): string {
	const arrow = ascii ? '->' : '→';
	const node = event.nodeId === null ? '' : (paths?.get(event.nodeId) ?? sanitizeLine(event.nodeTitle ?? event.nodeId));
	const what = `${sanitizeLine(event.source)} ${sanitizeLine(event.runLabel)}${node ? ` ${node}` : ''}`;
	const change = event.from === null ? event.to : `${event.from} ${arrow} ${event.to}`;
	return `${formatStamp(event.at)} ${what}: ${change}`;
}

/** A node of a run's tree with its place in the run: the titles from the top down, joined by `separator`. */
export interface PlacedNode {
	node: RunNode;
	path: string;
}

/** Every node of the run, depth first (the order the tree shows them), each with its path. */
export function placedNodes(run: Run, separator = ' › '): PlacedNode[] {
	const placed: PlacedNode[] = [];
	const walk = (nodes: readonly RunNode[], prefix: string) => {
		for (const node of nodes) {
			const path = `${prefix}${sanitizeLine(node.title)}`;
			placed.push({node, path});
			walk(node.children, `${path}${separator}`);
		}
	};
	walk(run.children ?? [], '');
	return placed;
}

/** Each node's place in its run, "build › test › unit", so a line in a CI log says which "unit" failed. */
export function nodePaths(run: Run): Map<string, string> {
	return new Map(placedNodes(run).map(({node, path}) => [node.id, path]));
}

/** The first line printed for a run: where it stands when watching starts. */
export function formatRunHeadline(run: Run, now: number): string {
	const title = sanitizeLine(run.title);
	const parts = [runName(run), run.pipeline === null ? '' : `pipeline ${sanitizeLine(run.pipeline)}`, title === sanitizeLine(run.label) ? '' : title, refText(run), inputsText(run), run.event ? `${sanitizeLine(run.event)}${run.user ? ` by ${sanitizeLine(run.user)}` : ''}` : ''];
	const took = runningTime(run, now);
	const state = `${statusWord(run.status, run.flags)}${took === null ? '' : ` ${formatDuration(took)}`}`;
	return [...parts.filter(Boolean), state].join(' · ');
}

/** Where a run failed: the deepest failed steps (not every failed ancestor, not their artifacts). */
function failedNodes(nodes: readonly RunNode[], path: string[] = []): {path: string; errors: readonly string[]}[] {
	return nodes.flatMap((node) => {
		if (node.kind === 'artifact') return [];
		const here = [...path, sanitizeLine(node.title)];
		const deeper = failedNodes(node.children, here);
		return deeper.length > 0 || node.status !== 'failed' ? deeper : [{path: here.join(' › '), errors: node.errors}];
	});
}

/** What to say when a run concludes: its result and what failed, with the provider's messages. */
export function formatConclusion(run: Run, now: number, ascii: boolean): string[] {
	const took = runningTime(run, now);
	const lines = [`${formatStamp(now)} ${runName(run)} finished: ${statusWord(run.status, run.flags)}${took === null ? '' : ` in ${formatDuration(took)}`}`];
	for (const error of run.errors) lines.push(`  ${sanitizeLine(error)}`);
	if (run.status !== 'success') {
		for (const node of failedNodes(run.children ?? [])) {
			lines.push(`  ${statusGlyph('failed', ascii)} ${node.path}${node.errors.length > 0 ? `: ${node.errors.map((e) => sanitizeLine(e)).join('; ')}` : ''}`);
		}
	}
	if (run.url) lines.push(`  ${sanitizeLine(run.url)}`);
	return lines;
}

export interface TreeOptions {
	now: number;
	ascii: boolean;
	style?: Style;
	width: number;
	/** At most this many lines, the headline included. */
	height: number;
	/** Clock ms of the tree shown while it cannot be fetched: times stop there and the headline says STALE. */
	staleSince?: number | null;
}

const TITLE_WIDTH = 28;
const BAR_WIDTH = 10;

function nodeLines(nodes: readonly RunNode[], depth: number, options: TreeOptions, style: Style): string[] {
	return nodes.flatMap((node) => {
		const title = truncate(`${'  '.repeat(depth)}${sanitizeLine(node.title)}`, TITLE_WIDTH);
		const took = runningTime(node, options.staleSince ?? options.now);
		const bar = node.status === 'running' && node.progress !== null ? progressLabel(node.progress, BAR_WIDTH, options.ascii) : '';
		const status = style.status(node.status, `${statusGlyph(node.status, options.ascii)} ${pad(statusWord(node.status, node.flags), 9)}`);
		const error = node.status === 'failed' && node.errors[0] ? `  ${sanitizeLine(node.errors[0])}` : '';
		const rest = `${pad(bar, BAR_WIDTH + 5)} ${took === null ? '' : formatDuration(took)}${error}`.trimEnd();
		const line = `${status} ${pad(title, TITLE_WIDTH)} ${rest}`.trimEnd();
		return [line, ...nodeLines(node.children, depth + 1, options, style)];
	});
}

/** The compact live view of one run: a headline and its tree, bounded to the terminal. */
export function renderRunTree(run: Run, options: TreeOptions): string[] {
	const style = options.style ?? plainStyle;
	const asOf = options.staleSince ?? null;
	const stale = asOf === null ? '' : ` · STALE ${formatSpan(options.now - asOf)}`;
	// A narrow terminal cuts the run's description, never the mark that says its times stand still.
	const width = Math.max(0, options.width - 2);
	const head = truncate(`${truncate(formatRunHeadline(run, asOf ?? options.now), Math.max(1, width - stale.length))}${stale}`, width);
	const headline = style.status(run.status, `${statusGlyph(run.status, options.ascii)} `) + head;
	const body = nodeLines(run.children ?? [], 0, options, style).map((line) => truncate(line, options.width));
	const room = Math.max(1, options.height - 1);
	if (body.length <= room) return [headline, ...body];
	const shown = body.slice(0, room - 1);
	return [headline, ...shown, `  … ${body.length - shown.length} more`];
}
