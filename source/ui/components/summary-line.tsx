import type {RunSummary} from '../../model/summary.js';
import {composeLine} from '../logic/compose.js';
import {summaryParts} from '../logic/summary.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line} from './lines.js';

/** `2 running · 1 queued · 3 failed in 1h · 92% ok of 50 · p50 4:12 · p90 9:30 · longest #1290 12:04` */
export function SummaryLine({summary, showSource}: {summary: RunSummary; showSource: boolean}) {
	const {now} = useTick();
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	return <Line text={composeLine(summaryParts(summary, now, showSource), [], columns, paint, ` ${symbols.dot} `, symbols.ellipsis)} />;
}
