import type {ReactNode} from 'react';
import {createContext, useContext, useMemo} from 'react';
import type {Painter} from '../logic/paint.js';
import {painter} from '../logic/paint.js';
import type {Symbols} from '../logic/symbols.js';
import {symbolsFor} from '../logic/symbols.js';

export interface Theme {
	color: boolean;
	ascii: boolean;
	paint: Painter;
	symbols: Symbols;
}

const ThemeContext = createContext<Theme>({color: false, ascii: false, paint: painter(false), symbols: symbolsFor(false)});

export function ThemeProvider({color, ascii, children}: {color: boolean; ascii: boolean; children: ReactNode}) {
	const theme = useMemo(() => ({color, ascii, paint: painter(color), symbols: symbolsFor(ascii)}), [color, ascii]);
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
