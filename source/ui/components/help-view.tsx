import type {View} from '../logic/keys.js';
import {VIEW_NAMES} from '../logic/keys.js';
import {composeLine} from '../logic/compose.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Lines} from './lines.js';

/** The title row above the help's lines. */
export const HELP_HEAD = 1;

export interface HelpViewProps {
	view: View;
	/** Every line of the help (see helpBody), of which a window shows. */
	lines: readonly string[];
	top: number;
	height: number;
}

/** Every key and mark, scrolled by the moving keys; the title says where the window is. */
export function HelpView({view, lines, top, height}: HelpViewProps) {
	const {columns} = useSize();
	const {paint, symbols, ascii} = useTheme();
	const rows = Math.max(1, height - HELP_HEAD);
	const shown = lines.slice(top, top + rows);
	const scroll = lines.length > rows ? `${ascii ? 'j/k' : `${symbols.up}${symbols.down}`} PgUp PgDn scroll ${symbols.dot} ` : '';
	const where = lines.length > rows ? `${top + 1}-${top + shown.length}/${lines.length}` : '';
	const title = composeLine(
		[{text: `Keys in the ${VIEW_NAMES[view]}`, bold: true, priority: 2}, {text: `${scroll}any other key closes`, tone: 'muted', priority: 1}],
		[{text: where, tone: 'muted'}],
		columns,
		paint,
		` ${symbols.dot} `,
		symbols.ellipsis,
	);
	return <Lines lines={[title, ...shown]} height={height} />;
}
