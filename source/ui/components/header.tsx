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
	const separator = ` ${symbols.dot} `;
	// Sources that do not fit are counted at the end ("+2"): none drops out unseen.
	const more = (count: number) => ({text: `+${count}`, tone: 'muted' as const});
	const text = composeLine(headerParts(sources, now), [{text: formatClock(now)}], columns, paint, separator, symbols.ellipsis, separator, more);
	return <Line text={text} />;
}
