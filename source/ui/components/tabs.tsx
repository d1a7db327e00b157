import type {Part} from '../logic/compose.js';
import {composeLine} from '../logic/compose.js';
import {tabParts} from '../logic/tabs.js';
import type {SortMode, StatusFilter} from '../logic/order.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Line} from './lines.js';

export interface TabsProps {
	sources: readonly string[];
	tab: string | null;
	text: string;
	/** The text filter is being typed (the keys go to it). */
	editing: boolean;
	status: StatusFilter;
	sort: SortMode;
	/** "12/340": where the cursor is in the list. */
	position: string;
	/** By source: why it waits and until when, shown beside its name. */
	waits?: ReadonlyMap<string, string>;
}

/** Source tabs on the left; the text filter, status filter, sort and position on the right. */
export function Tabs({sources, tab, text, editing, status, sort, position, waits = new Map()}: TabsProps) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	const right: Part[] = [];
	// The underscore is the typing cursor: any font has it.
	if (editing) right.push({text: `filter /${text}_`, tone: 'accent', bold: true, priority: 4});
	else if (text !== '') right.push({text: `filter /${text}`, tone: 'accent', priority: 3});
	right.push({text: `status ${status}`, priority: 2}, {text: `sort ${sort}`, priority: 2}, {text: position, tone: 'muted', priority: 1});
	const line = composeLine((room) => tabParts(sources, tab, room, waits), right, columns, paint, ` ${symbols.dot} `, symbols.ellipsis, '');
	return <Line text={line} />;
}
