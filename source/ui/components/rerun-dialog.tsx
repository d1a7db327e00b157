import {fitToWidth} from '../logic/text.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Lines} from './lines.js';

/** A rule and the question, and a line for what the provider does not say when there is any. */
export function rerunHeight(notes: readonly string[]): number {
	return notes.length > 0 ? 3 : 2;
}

/** `Rerun #2332 on acme/api: workflows build, test on the default branch? y/N`: only `y` starts it (the screen's keys answer it). */
export function RerunDialog({label, summary, notes}: {label: string; summary: string; notes: readonly string[]}) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	const fitLine = (text: string) => fitToWidth(text, columns, 'left', symbols.ellipsis);
	const rule = paint.tone(symbols.rule.repeat(columns), 'muted');
	const question = paint.bold(fitLine(`Rerun ${label}: ${summary}? y/N`));
	const note = notes.length > 0 ? [paint.tone(fitLine(notes.join('; ')), 'muted')] : [];
	return <Lines lines={[rule, question, ...note]} height={rerunHeight(notes)} />;
}
