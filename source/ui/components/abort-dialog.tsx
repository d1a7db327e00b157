import {fitToWidth} from '../logic/text.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Lines} from './lines.js';

export const ABORT_HEIGHT = 2;

/** `Abort deploy #5751? y/N`: only `y` aborts; any other key keeps the run going (the screen's keys answer it). */
export function AbortDialog({label}: {label: string}) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	const rule = paint.tone(symbols.rule.repeat(columns), 'muted');
	const question = paint.bold(fitToWidth(`Abort ${label}? y/N`, columns, 'left', symbols.ellipsis));
	return <Lines lines={[rule, question]} height={ABORT_HEIGHT} />;
}
