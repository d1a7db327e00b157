import type {StoreSnapshot} from '../../store/types.js';
import type {FooterMessage} from '../logic/bars.js';
import type {Mode} from '../logic/modes.js';
import {FOOTER_HEIGHT, footerLines} from '../logic/screen-lines.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {Lines} from './lines.js';

export function Footer(props: {snapshot: StoreSnapshot; tab: string | null; message: FooterMessage | null; mode: Mode; warnings?: readonly string[]}) {
	const {now} = useTick();
	const {columns} = useSize();
	return <Lines lines={footerLines(props, now, columns, useTheme())} height={FOOTER_HEIGHT} />;
}
