import {sanitizeLine} from '../../model/sanitize.js';

/**
 * Alternate screen, autowrap off (a row one cell too wide is clipped instead of pushing the
 * screen up), cursor hidden, cleared. Ink 6.8 has no alternate screen of its own.
 */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[?7l\u001b[?25l\u001b[H\u001b[2J';
/** The exact opposite, in reverse order: the shell gets back its screen, cursor and wrapping. */
export const LEAVE_SCREEN = '\u001b[?7h\u001b[?25h\u001b[?1049l';

export const BELL = '\u0007';

/** Inside tmux a sequence for the outer terminal must be wrapped to pass through (`allow-passthrough on`). */
function passThrough(sequence: string, tmux: boolean): string {
	return tmux ? `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\` : sequence;
}

/** A desktop notification (OSC 9: iTerm2, WezTerm, kitty, Windows Terminal…); the text is server text, so sanitized. */
export function osc9(text: string, tmux = false): string {
	return passThrough(`\u001b]9;${sanitizeLine(text, 200)}\u0007`, tmux);
}

/**
 * Sets the clipboard (OSC 52), which works over SSH. Inside tmux it is sent twice: as is, for tmux's
 * own clipboard (`set-clipboard on`), and passed through to the outer terminal.
 */
export function osc52(text: string, tmux: boolean): string {
	const sequence = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
	return tmux ? sequence + passThrough(sequence, true) : sequence;
}
