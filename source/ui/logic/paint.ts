import type {Status} from '../../model/status.js';

/**
 * Styling as SGR sequences inside a row's text, so a whole row is one string (one Ink node)
 * and its look does not depend on chalk guessing the terminal. Colour is a second channel:
 * without colour, tones vanish but bold and inverse stay (NO_COLOR forbids colour, not emphasis).
 * Each style closes with its own reset (39, 22, 27) so a coloured cell inside an inverse row
 * keeps the row inverse.
 */
export type Tone = Status | 'muted' | 'accent' | 'warn' | 'error' | 'ok';

const FOREGROUND: Record<Tone, number> = {
	success: 32,
	failed: 31,
	running: 36,
	queued: 33,
	canceled: 35,
	skipped: 90,
	unknown: 35,
	muted: 90,
	accent: 36,
	warn: 33,
	error: 31,
	ok: 32,
};

export interface Painter {
	readonly color: boolean;
	tone(text: string, tone: Tone | null): string;
	bold(text: string): string;
	inverse(text: string): string;
}

function wrap(open: number, close: number, text: string): string {
	return text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;
}

const colored: Painter = {
	color: true,
	tone: (text, tone) => (tone === null ? text : wrap(FOREGROUND[tone], 39, text)),
	bold: (text) => wrap(1, 22, text),
	inverse: (text) => wrap(7, 27, text),
};

const monochrome: Painter = {
	color: false,
	tone: (text) => text,
	bold: colored.bold,
	inverse: colored.inverse,
};

export function painter(color: boolean): Painter {
	return color ? colored : monochrome;
}
