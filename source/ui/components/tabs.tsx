import type {TabsLine} from '../logic/screen-lines.js';
import {tabsLine} from '../logic/screen-lines.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Line} from './lines.js';

export function Tabs(props: TabsLine) {
	const {columns} = useSize();
	return <Line text={tabsLine(props, columns, useTheme())} />;
}
