import {useRef} from 'react';
import {useInput} from 'ink';
import {fitToWidth} from '../logic/text.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Lines} from './lines.js';

export const ABORT_HEIGHT = 2;

/** `Abort deploy #5751? y/N`: only `y` aborts; any other key keeps the run going. */
export function AbortDialog({label, onAnswer}: {label: string; onAnswer(yes: boolean): void}) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	// One answer only: a key that arrives before this dialog has stopped listening belongs to the list.
	const answered = useRef(false);
	useInput((input) => {
		if (answered.current) return;
		answered.current = true;
		onAnswer(input === 'y' || input === 'Y');
	});
	const rule = paint.tone(symbols.rule.repeat(columns), 'muted');
	const question = paint.bold(fitToWidth(`Abort ${label}? y/N`, columns, 'left', symbols.ellipsis));
	return <Lines lines={[rule, question]} height={ABORT_HEIGHT} />;
}
