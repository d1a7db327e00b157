import {STATUSES} from '../../model/status.js';
import type {View} from '../logic/keys.js';
import {helpLines} from '../logic/keys.js';
import {glyphFor} from '../logic/symbols.js';
import {fitToWidth} from '../logic/text.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {Lines} from './lines.js';

const KEYS_WIDTH = 14;

/** Every key of the current view, in as many columns as the width allows, and the glyph legend. */
export function HelpView({view, height}: {view: View; height: number}) {
	const {columns} = useSize();
	const {paint, ascii} = useTheme();
	const entries = helpLines(view).map(({keys, help}) => `${fitToWidth(keys, KEYS_WIDTH)} ${help}`);
	const legend = STATUSES.map((status) => `${glyphFor(status, ascii, 0)} ${status}`).join('   ');
	const title = paint.bold(fitToWidth(`Keys in the ${view === 'list' ? 'run list' : view === 'detail' ? 'run view' : 'log view'} (any key closes)`, columns));
	const room = Math.max(1, height - 3);
	const perColumn = Math.max(1, columns >= 100 || entries.length > room ? Math.ceil(entries.length / 2) : entries.length);
	const split = perColumn < entries.length && columns >= 80;
	const half = Math.floor(columns / 2);
	const lines = [title];
	const count = split ? perColumn : entries.length;
	for (let index = 0; index < count; index++) {
		const first = entries[index] ?? '';
		const second = split ? (entries[index + perColumn] ?? '') : '';
		lines.push(split ? fitToWidth(first, half) + fitToWidth(second, columns - half) : fitToWidth(first, columns));
	}
	lines.push('', fitToWidth(legend, columns));
	return <Lines lines={lines} height={height} />;
}
