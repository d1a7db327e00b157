import type {ReactNode} from 'react';
import {createContext, useContext, useMemo} from 'react';
import type {Theme} from '../logic/theme.js';
import {themeOf} from '../logic/theme.js';

export type {Theme} from '../logic/theme.js';

const ThemeContext = createContext<Theme>(themeOf(false, false));

export function ThemeProvider({color, ascii, children}: {color: boolean; ascii: boolean; children: ReactNode}) {
	const theme = useMemo(() => themeOf(color, ascii), [color, ascii]);
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
