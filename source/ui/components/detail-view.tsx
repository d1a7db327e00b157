import {useRef} from 'react';
import {estimateRun, expectedByNode, expectedFor} from '../../model/estimate.js';
import {timeLeftText, usualText} from '../../output/glyphs.js';
import type {Run} from '../../model/run.js';
import {nodeKey} from '../../model/run.js';
import type {Highlight} from '../../store/types.js';
import {formatSpan} from '../../output/time.js';
import {composeLine} from '../logic/compose.js';
import type {RowContext} from '../logic/run-row.js';
import {durationText, inputsText, refText, statusText} from '../logic/run-row.js';
import {fitToWidth} from '../logic/text.js';
import type {TreeRow} from '../logic/tree.js';
import {treeRowText, treeTitleWidth} from '../logic/tree-row.js';
import {scrollTop} from '../logic/window.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {isLit} from '../logic/screen-lines.js';
import {Line, Lines} from './lines.js';

/** Rows above the tree: the run's title line and its summary line. */
export const DETAIL_HEAD = 2;

export interface DetailViewProps {
	run: Run;
	rows: readonly TreeRow[];
	cursor: number;
	height: number;
	highlights: ReadonlyMap<string, Highlight>;
	logs: boolean;
	loading: boolean;
	/** Clock ms of the tree shown while it cannot be fetched: spinners and clocks stop there, and the title says STALE. */
	staleSince?: number | null;
	/** The runs its source holds: what the run's pipeline usually takes comes from them. */
	history?: readonly Run[];
}

/** `acme/api #1284 · main 3f2a91c · imageTag=v2.3.1 · push by ann · ⠹ running 2:04      esc back`, then the tree. */
export function DetailView({run, rows, cursor, height, highlights, logs, loading, staleSince = null, history}: DetailViewProps) {
	const {now, frame} = useTick();
	const {columns} = useSize();
	const {paint, symbols, ascii} = useTheme();
	const topRef = useRef(0);
	const top = scrollTop(topRef.current, cursor, rows.length, height);
	topRef.current = top;
	const context: RowContext = {width: columns, now, frame, ascii, paint, symbols};
	const expected = history ? expectedFor(run, history) : null;
	// The title speaks in time whatever the provider's progress says.
	const estimate = estimateRun({...run, progress: null}, expected, staleSince ?? now);
	const who = [run.event, run.user === null ? null : `by ${run.user}`].filter((part) => part !== null).join(' ');
	const title = composeLine(
		[
			{text: `${run.source} ${run.label}`, bold: true, priority: 5},
			{text: run.pipeline === null ? '' : `pipeline ${run.pipeline}`, priority: 3},
			{text: refText(run), priority: 2},
			{text: inputsText(run), priority: 1},
			{text: who, priority: 1},
			{text: `${statusText(run, ascii, staleSince === null ? frame : null)} ${durationText(run, staleSince ?? now, '')}`.trim(), tone: run.status, priority: 4},
			{text: timeLeftText(estimate), tone: estimate.overMs ? 'warn' : 'muted', priority: 4},
			{text: usualText(expected, ascii), tone: 'muted', priority: 2},
			{text: staleSince === null ? '' : `${symbols.stale} STALE ${formatSpan(now - staleSince)}`, tone: 'warn', priority: 4},
			{text: loading ? 'loading' : '', tone: 'muted', priority: 0},
		],
		[{text: 'esc back', tone: 'muted'}],
		columns,
		paint,
		` ${symbols.dot} `,
		symbols.ellipsis,
	);
	const summary =
		run.errors.length > 0
			? paint.tone(fitToWidth(`${symbols.error} ${run.errors.join(' / ')}`, columns, 'left', symbols.ellipsis), 'error')
			: paint.tone(fitToWidth(run.title, columns, 'left', symbols.ellipsis), 'muted');
	const titleWidth = treeTitleWidth(rows, columns);
	const nodes = history ? expectedByNode(run, history) : null;
	const lines: string[] = [];
	for (let index = top; index < Math.min(rows.length, top + height); index++) {
		const row = rows[index];
		if (!row) continue;
		lines.push(
			treeRowText(row, titleWidth, context, {
				selected: index === cursor,
				changed: row.kind === 'node' && isLit(highlights, nodeKey(run.key, row.node.id), now),
				logs,
				staleSince,
				expected: row.kind === 'node' ? (nodes?.get(row.node.id) ?? null) : null,
			}),
		);
	}
	if (rows.length === 0) {
		lines.push(paint.tone(fitToWidth(loading ? '  loading the run' : '  no workflows, steps or nodes yet', columns), 'muted'));
	}
	return (
		<>
			<Line text={title} />
			<Line text={summary} />
			<Lines lines={lines} height={height} />
		</>
	);
}
