import type {Run} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import {estimateRun, expectedFor} from '../model/estimate.js';
import {estimateText, runProgress, statusGlyph, statusWord} from './glyphs.js';
import {styleFor} from './style.js';
import {displayWidth, pad, truncate} from './text.js';
import {durationText, formatAge} from './time.js';

export interface TableOptions {
	now: number;
	color: boolean;
	ascii: boolean;
	/** Terminal width: the title shrinks (or goes) to fit. Undefined: no limit (a pipe). */
	width?: number;
	/** The runs read with these: a running run without progress of its own is estimated from its pipeline's. */
	history?: readonly Run[];
}

interface Column {
	header: string;
	max: number;
	cell(run: Run, options: TableOptions): string;
}

const SHORT_COMMIT = 7;
const BAR_WIDTH = 11;

/** What was built: branch (or tag, or pull request), then the short commit: "main 3f2a91c". */
export function refText(run: Pick<Run, 'branch' | 'tag' | 'pullRequest' | 'commit'>): string {
	const name = run.branch ?? run.tag ?? (run.pullRequest === null ? null : `PR ${run.pullRequest}`);
	const commit = run.commit === null ? null : run.commit.slice(0, SHORT_COMMIT);
	return [name, commit].filter((part): part is string => part !== null && part !== '').join(' ');
}

/** The RUN column: the run's label, then its pipeline where one source mixes several ("800afb0 build"). */
export function runCellText(run: Pick<Run, 'label' | 'pipeline'>): string {
	return run.pipeline === null ? run.label : `${run.label} ${run.pipeline}`;
}

/** What the run was started with, as `key=value` pairs: "imageTag=v2.3.1". */
export function inputsText(run: Pick<Run, 'inputs'>): string {
	return Object.entries(run.inputs ?? {})
		.map(([key, value]) => `${key}=${value}`)
		.join(' ');
}

export function formatStatus(run: Pick<Run, 'status' | 'flags'>, ascii: boolean): string {
	return `${statusGlyph(run.status, ascii)} ${statusWord(run.status, run.flags)}`;
}

const PROGRESS_WIDTH = 16;

/** The provider's progress, else the estimate from the history. */
function progressCell(run: Run, options: TableOptions): string {
	if (run.status !== 'running' || run.progress !== null || options.history === undefined) return runProgress(run, options.ascii, BAR_WIDTH);
	return estimateText(estimateRun(run, expectedFor(run, options.history), options.now), options.ascii, PROGRESS_WIDTH);
}

const COLUMNS: readonly Column[] = [
	{header: 'STATUS', max: 12, cell: (run, o) => formatStatus(run, o.ascii)},
	{header: 'SOURCE', max: 24, cell: (run) => run.source},
	{header: 'RUN', max: 24, cell: runCellText},
	{header: 'REF', max: 28, cell: (run) => refText(run)},
	{header: 'EVENT', max: 10, cell: (run) => run.event ?? ''},
	{header: 'USER', max: 14, cell: (run) => run.user ?? ''},
	{header: 'PROGRESS', max: PROGRESS_WIDTH, cell: progressCell},
	{header: 'STARTED', max: 8, cell: (run, o) => formatAge(run.startedAt ?? run.createdAt, o.now)},
	{header: 'TIME', max: 9, cell: (run, o) => durationText(run, o.now, o.ascii ? '-' : '–')},
];

const GAP = '  ';
const MIN_TITLE = 10;

/** The run list as plain lines (sanitized; coloured only when asked), header first. */
export function renderRunsTable(runs: readonly Run[], options: TableOptions): string[] {
	const style = styleFor(options.color);
	const rows = runs.map((run) => ({
		run,
		cells: COLUMNS.map((column) => truncate(sanitizeLine(column.cell(run, options)), column.max)),
		// What the run was started with, where it is known (`runs --inputs`), follows its title.
		title: sanitizeLine([run.title, inputsText(run)].filter(Boolean).join(' · ')),
	}));
	const widths = COLUMNS.map((column, index) => Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row.cells[index] ?? ''))));
	const fixed = widths.reduce((sum, width) => sum + width + GAP.length, 0);
	const titleWidth = options.width === undefined ? Infinity : options.width - fixed;
	const showTitle = titleWidth >= MIN_TITLE;

	const line = (cells: readonly string[], title: string, status: (text: string) => string) => {
		const [first = '', ...rest] = cells.map((cell, index) => pad(cell, widths[index] ?? 0));
		const tail = [...rest, ...(showTitle ? [truncate(title, titleWidth)] : [])].join(GAP);
		const plain = `${first}${GAP}${tail}`.trimEnd();
		if (options.width !== undefined && displayWidth(plain) > options.width) {
			return status(truncate(first, options.width)) + truncate(`${GAP}${tail}`, Math.max(0, options.width - displayWidth(first)));
		}
		return status(first) + plain.slice(first.length);
	};

	const header = line(COLUMNS.map((column) => column.header), 'TITLE', style.bold);
	return [header, ...rows.map((row) => line(row.cells, row.title, (text) => style.status(row.run.status, text)))];
}
