import {Box, Text} from 'ink';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {MIN_COLUMNS, MIN_ROWS} from '../logic/screen-lines.js';


/** Said plainly instead of a broken layout. */
export function TooSmall() {
	const {columns, rows} = useSize();
	const {symbols, paint} = useTheme();
	return (
		<Box flexDirection="column" justifyContent="center" alignItems="center" width={columns} height={Math.max(1, rows - 1)}>
			<Text wrap="truncate">{paint.bold(`terminal too small (need ${MIN_COLUMNS}${symbols.times}${MIN_ROWS})`)}</Text>
			<Text wrap="truncate">{`now ${columns}${symbols.times}${rows} ${symbols.dot} q quits`}</Text>
		</Box>
	);
}
