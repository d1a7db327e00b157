/** Which columns of the run list fit a width, how wide each is, and which give way first. */
export type ColumnId = 'marks' | 'status' | 'source' | 'run' | 'ref' | 'event' | 'user' | 'progress' | 'started' | 'time' | 'title';

export interface Column {
	id: ColumnId;
	header: string;
	width: number;
	align: 'left' | 'right';
}

/** The widest value of each content-sized column over the runs on show, in display columns. */
export interface ContentWidths {
	source: number;
	run: number;
	ref: number;
	event: number;
	user: number;
}

export interface ColumnLayout {
	columns: Column[];
	/** Spaces between columns. */
	gap: number;
	/** The progress column shows only the percent (no bar). */
	compactProgress: boolean;
}

/** Glyph, space and the longest status word ("canceling", "timed out"). */
export const STATUS_WIDTH = 11;
export const PROGRESS_WIDTH = 16;
export const PROGRESS_BAR_WIDTH = 11;
const COMPACT_PROGRESS_WIDTH = 4;
const TITLE_MIN = 12;
const REF_MIN = 10;
const REF_MAX = 30;
const RUN_MIN = 8;

function clampWidth(content: number, header: string, max: number): number {
	return Math.max(header.length, Math.min(max, content));
}

function total(columns: readonly Column[], gap: number): number {
	return columns.reduce((sum, column) => sum + column.width, 0) + gap * Math.max(0, columns.length - 2);
}

export function layoutColumns(width: number, content: ContentWidths, options: {showSource: boolean}): ColumnLayout {
	let columns: Column[] = [
		{id: 'marks', header: '', width: 2, align: 'left'},
		{id: 'status', header: 'STATUS', width: STATUS_WIDTH, align: 'left'},
		{id: 'source', header: 'SOURCE', width: clampWidth(content.source, 'SOURCE', 16), align: 'left'},
		{id: 'run', header: 'RUN', width: clampWidth(content.run, 'RUN', 24), align: 'left'},
		{id: 'ref', header: 'REF', width: clampWidth(content.ref, 'REF', REF_MAX), align: 'left'},
		{id: 'event', header: 'EVENT', width: clampWidth(content.event, 'EVENT', 9), align: 'left'},
		{id: 'user', header: 'USER', width: clampWidth(content.user, 'USER', 12), align: 'left'},
		{id: 'progress', header: 'PROGRESS', width: PROGRESS_WIDTH, align: 'left'},
		{id: 'started', header: 'STARTED', width: 8, align: 'left'},
		{id: 'time', header: 'TIME', width: 7, align: 'right'},
	];
	if (!options.showSource) columns = columns.filter((column) => column.id !== 'source');
	let compactProgress = false;
	const drop = (id: ColumnId) => {
		columns = columns.filter((column) => column.id !== id);
	};
	const resize = (id: ColumnId, to: (current: number) => number) => {
		columns = columns.map((column) => (column.id === id ? {...column, width: Math.min(column.width, to(column.width))} : column));
	};
	// The marks column sits against the status glyph, so it has no gap: hence `length - 2` gaps.
	const steps: Array<() => void> = [
		() => drop('event'),
		() => drop('user'),
		() => {
			compactProgress = true;
			resize('progress', () => COMPACT_PROGRESS_WIDTH);
		},
		() => resize('ref', () => REF_MIN),
		() => drop('started'),
		() => resize('run', () => RUN_MIN),
		// In the all-sources view, runs of different sources can share a ref but not a source and a
		// run id: the source goes after the ref.
		() => drop('ref'),
		() => drop('source'),
		() => drop('progress'),
	];
	for (const step of steps) {
		if (total(columns, 1) <= width) break;
		step();
	}
	let gap = 1;
	let spare = width - total(columns, gap);
	if (spare >= columns.length - 2) {
		gap = 2;
		spare = width - total(columns, gap);
	}
	if (spare >= TITLE_MIN + gap) {
		columns.push({id: 'title', header: 'TITLE', width: spare - gap, align: 'left'});
	}
	return {columns, gap, compactProgress};
}
