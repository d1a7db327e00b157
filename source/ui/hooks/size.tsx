import type {ReactNode} from 'react';
import {createContext, useContext, useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface Size {
	columns: number;
	rows: number;
}

const SizeContext = createContext<Size>({columns: 80, rows: 24});

function sizeOf(stream: {columns?: number; rows?: number}): Size {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

/**
 * The one resize listener of the app (Ink 6.8 has no useWindowSize, and a listener per
 * component soon trips Node's leak warning, which would print into the screen).
 * `fixed` pins the size (tests: the fake stdout has no rows).
 */
export function SizeProvider({fixed, children}: {fixed?: Size | undefined; children: ReactNode}) {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = sizeOf(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};
		stdout.on('resize', onResize);
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return <SizeContext.Provider value={fixed ?? size}>{children}</SizeContext.Provider>;
}

export function useSize(): Size {
	return useContext(SizeContext);
}
