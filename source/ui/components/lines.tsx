import {memo} from 'react';
import {Box, Text} from 'ink';

/** One screen row, already styled and exactly as wide as the screen; redrawn only when its text changes. */
export const Line = memo(function Line({text}: {text: string}) {
	return <Text wrap="truncate">{text === '' ? ' ' : text}</Text>;
});

/** A block of rows of a fixed height (shorter content leaves blank rows, never a shifted footer). */
export function Lines({lines, height}: {lines: readonly string[]; height: number}) {
	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			{lines.slice(0, height).map((text, index) => (
				<Line key={index} text={text} />
			))}
		</Box>
	);
}
