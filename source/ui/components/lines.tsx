import {memo} from 'react';
import {Box, Transform} from 'ink';

/**
 * One screen row, already styled and exactly as wide as the screen; redrawn only when its text changes.
 *
 * Ink 6.8 remembers the size of every distinct text it has laid out, in a module-level map that
 * is never emptied, and a row's text changes every second (durations, ages, the spinner): laid out
 * as text, each row would leave a new entry behind on every tick, and the live view would grow
 * for as long as it runs. So the row is laid out as one blank cell (one entry, ever) and its text
 * painted in by Transform; the column box stretches it to the screen's width, and the screen
 * writer cuts anything past the last column.
 */
export const Line = memo(function Line({text}: {text: string}) {
	return <Transform transform={() => text}>{' '}</Transform>;
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
