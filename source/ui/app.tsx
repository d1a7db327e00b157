import type {Clock} from '../model/clock.js';
import {systemClock} from '../model/clock.js';
import type {Store} from '../store/types.js';
import type {Notify, TerminalOut} from './hooks/actions.js';
import type {Size} from './hooks/size.js';
import {SizeProvider} from './hooks/size.js';
import {useSnapshot} from './hooks/snapshot.js';
import {ThemeProvider} from './hooks/theme.js';
import {TickProvider, useTicker} from './hooks/tick.js';
import {Screen} from './components/screen.js';
import {terminalOut} from './terminal/clipboard.js';

export interface AppProps {
	store: Store;
	color: boolean;
	ascii: boolean;
	notify: Notify;
	onQuit: () => void;
	clock?: Clock;
	/** Pins the screen size instead of reading the terminal's (tests). */
	size?: Size;
	/** Where the bell, notifications and clipboard go; the process's stdout unless given. */
	terminal?: TerminalOut;
	/** Warnings about the setup (a config readable by others), kept in the footer. */
	warnings?: readonly string[];
}

const processTerminal: TerminalOut = terminalOut((data) => {
	process.stdout.write(data);
});

/** citop's full screen: the store's runs, live. */
export function App({store, color, ascii, notify, onQuit, clock = systemClock, size, terminal = processTerminal, warnings = []}: AppProps) {
	const ticker = useTicker(clock);
	const snapshot = useSnapshot(store, ticker);
	return (
		<ThemeProvider color={color} ascii={ascii}>
			<SizeProvider fixed={size}>
				<TickProvider ticker={ticker}>
					<Screen store={store} snapshot={snapshot} clock={clock} notify={notify} terminal={terminal} warnings={warnings} onQuit={onQuit} />
				</TickProvider>
			</SizeProvider>
		</ThemeProvider>
	);
}
