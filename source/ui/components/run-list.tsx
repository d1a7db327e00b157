import {useRef} from 'react';
import type {RunRows} from '../logic/screen-lines.js';
import {runListLines} from '../logic/screen-lines.js';
import {scrollTop} from '../logic/window.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line, Lines} from './lines.js';

export type RunListProps = Omit<RunRows, 'top'>;

/** The list scrolls only when the cursor would leave the screen. */
export function RunList(props: RunListProps) {
	const {now, frame} = useTick();
	const {columns} = useSize();
	const topRef = useRef(0);
	const top = scrollTop(topRef.current, props.cursor, props.runs.length, props.height);
	topRef.current = top;
	const {header, rows} = runListLines({...props, top}, now, frame, columns, useTheme());
	return (
		<>
			<Line text={header} />
			<Lines lines={rows} height={props.height} />
		</>
	);
}
