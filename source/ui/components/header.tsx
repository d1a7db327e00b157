import type {SourceState} from '../../store/types.js';
import {headerParts} from '../logic/bars.js';
import {composeLine} from '../logic/compose.js';
import {formatClock} from '../logic/time.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Line} from './lines.js';

/** `citop · acme/api ok · deploy STALE 2m (812/1000)                12:04:31` */
export function Header({sources}: {sources: readonly SourceState[]}) {
	const {now} = useTick();
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	const text = composeLine(headerParts(sources, now), [{text: formatClock(now)}], columns, paint, ` ${symbols.dot} `, symbols.ellipsis);
	return <Line text={text} />;
}
