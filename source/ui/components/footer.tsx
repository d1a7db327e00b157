import type {StoreSnapshot} from '../../store/types.js';
import type {FooterMessage} from '../logic/bars.js';
import {footerParts} from '../logic/bars.js';
import {composeLine, composeParts} from '../logic/compose.js';
import type {Mode} from '../logic/modes.js';
import {keyHints} from '../logic/modes.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Lines} from './lines.js';

export const FOOTER_HEIGHT = 3;

/** A rule, then what just happened and how fresh the data is, then the keys of the mode the keyboard is in. */
export function Footer({
	snapshot,
	tab,
	message,
	mode,
	warnings = [],
}: {
	snapshot: StoreSnapshot;
	tab: string | null;
	message: FooterMessage | null;
	mode: Mode;
	warnings?: readonly string[];
}) {
	const {now} = useTick();
	const {columns} = useSize();
	const {paint, symbols, ascii} = useTheme();
	const rule = paint.tone(symbols.rule.repeat(columns), 'muted');
	const status = composeLine(footerParts(snapshot, tab, message, now, symbols, warnings), [], columns, paint, ` ${symbols.dot} `, symbols.ellipsis);
	const keys = composeParts(
		// Help and quit are the last keys to give way: with them, every other key can be found.
		keyHints(mode, ascii).map((text) => ({text, priority: text.startsWith('? ') || text.startsWith('q ') ? 1 : 0})),
		columns,
		paint,
		'  ',
		symbols.ellipsis,
	).text;
	return <Lines lines={[rule, status, keys]} height={FOOTER_HEIGHT} />;
}
