import type {ScreenWriter} from './screen.js';
import {LEAVE_SCREEN} from './sequences.js';

/**
 * The start frame, while it is the only thing on screen: drawn by start-screen.ts before Ink has
 * loaded, taken over by the live view, or left when citop ends before the live view is up (a
 * config that no longer holds). Whoever holds it restores the terminal.
 */
export interface StartScreen {
	writer: ScreenWriter;
	/** The size the frame was drawn for. */
	columns: number;
	rows: number;
	/** Stops restoring the terminal on exit and signals (the live view does it from now on). */
	release(): void;
	/** Stops the guard that restores the terminal should citop be killed (see guardTerminal), once it is restored. */
	unguard(): void;
}

/**
 * Held by the process, not by this module: the start frame is bundled on its own (one small file
 * loads in a third of the time of the shared pieces it is made of), so this module is loaded
 * twice, once by each bundle.
 */
const SHOWN = Symbol.for('citop.start-screen');
const held = globalThis as {[SHOWN]?: StartScreen | null};

export function holdStartScreen(screen: StartScreen): void {
	held[SHOWN] = screen;
}

/** The start frame's writer, for the live view to draw on from where it left off; null when none is up. */
export function takeStartScreen(): StartScreen | null {
	const screen = held[SHOWN] ?? null;
	held[SHOWN] = null;
	screen?.release();
	return screen;
}

/** Leaves the start frame's screen, raw mode off: citop is about to say why it ends, or to end. */
export function leaveStartScreen(): void {
	const screen = takeStartScreen();
	if (screen === null) return;
	screen.writer.close();
	try {
		if (process.stdin.isTTY) process.stdin.setRawMode(false);
	} catch {
		// A terminal that has gone has no mode to restore.
	}
	process.stdout.write(LEAVE_SCREEN);
	screen.unguard();
}
