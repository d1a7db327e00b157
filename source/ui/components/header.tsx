import type {SourceState} from '../../store/types.js';
import {headerLine} from '../logic/screen-lines.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line} from './lines.js';

export function Header({sources}: {sources: readonly SourceState[]}) {
	const {now} = useTick();
	const {columns} = useSize();
	return <Line text={headerLine(sources, now, columns, useTheme())} />;
}
