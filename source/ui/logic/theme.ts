import type {Painter} from './paint.js';
import {painter} from './paint.js';
import type {Symbols} from './symbols.js';
import {symbolsFor} from './symbols.js';

/** How the screen draws: with or without colour, Unicode or ASCII marks. */
export interface Theme {
	color: boolean;
	ascii: boolean;
	paint: Painter;
	symbols: Symbols;
}

export function themeOf(color: boolean, ascii: boolean): Theme {
	return {color, ascii, paint: painter(color), symbols: symbolsFor(ascii)};
}
