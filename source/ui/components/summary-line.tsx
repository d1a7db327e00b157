import type {RunSummary} from '../../model/summary.js';
import {summaryLine} from '../logic/screen-lines.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line} from './lines.js';

export function SummaryLine({summary, showSource}: {summary: RunSummary; showSource: boolean}) {
	const {now} = useTick();
	const {columns} = useSize();
	return <Line text={summaryLine(summary, now, showSource, columns, useTheme())} />;
}
