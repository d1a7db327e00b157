import {useRef} from 'react';
import type {Run} from '../../model/run.js';
import type {Highlight} from '../../store/types.js';
import type {ColumnLayout} from '../logic/columns.js';
import type {RowContext} from '../logic/run-row.js';
import {headerRow, runRow} from '../logic/run-row.js';
import {fitToWidth} from '../logic/text.js';
import {scrollTop} from '../logic/window.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line, Lines} from './lines.js';

export interface RunListProps {
	runs: readonly Run[];
	cursor: number;
	layout: ColumnLayout;
	/** Rows for runs (the column header is extra). */
	height: number;
	highlights: ReadonlyMap<string, Highlight>;
	watched: ReadonlySet<string>;
	/** By source: clock ms of the data shown while the source cannot be read (its rows look stale). */
	stale?: ReadonlyMap<string, number>;
	/** What to say when there is nothing to show. */
	empty: string;
	/** Each source's runs: the history that estimates a run's progress where its provider gives none. */
	history?: ReadonlyMap<string, readonly Run[]>;
}

/** Lit while its highlight lasts; the store drops expired marks, and the clock hides them on time meanwhile. */
export function isLit(highlights: ReadonlyMap<string, Highlight>, key: string, now: number): boolean {
	const mark = highlights.get(key);
	return mark !== undefined && mark.until > now;
}

/** The column header and the rows on screen; only those rows are built, however long the list. */
export function RunList({runs, cursor, layout, height, highlights, watched, stale, empty, history}: RunListProps) {
	const {now, frame} = useTick();
	const {columns} = useSize();
	const {paint, symbols, ascii} = useTheme();
	const topRef = useRef(0);
	const top = scrollTop(topRef.current, cursor, runs.length, height);
	topRef.current = top;
	const context: RowContext = {width: columns, now, frame, ascii, paint, symbols, ...(history ? {history} : {})};
	const lines: string[] = [];
	for (let index = top; index < Math.min(runs.length, top + height); index++) {
		const run = runs[index];
		if (!run) continue;
		lines.push(
			runRow(run, layout, context, {
				selected: index === cursor,
				changed: isLit(highlights, run.key, now),
				watched: watched.has(run.key),
				staleSince: stale?.get(run.source) ?? null,
			}),
		);
	}
	if (runs.length === 0) lines.push(paint.tone(fitToWidth(`  ${empty}`, columns), 'muted'));
	return (
		<>
			<Line text={headerRow(layout, context)} />
			<Lines lines={lines} height={height} />
		</>
	);
}
