import measure from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal cells a string takes; plain ASCII (most cells) skips the Unicode tables. */
export function stringWidth(text: string): number {
	return PRINTABLE_ASCII.test(text) ? text.length : measure(text);
}

// Colour codes take no cells; a line that must be cut loses its colour rather than half a code.
const SGR = /\u001b\[[0-9;]*m/g;

/** Cut to `width` terminal cells, marking the cut with …. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const char of text.replace(SGR, '')) {
		const w = measure(char);
		if (used + w > width - 1) break;
		out += char;
		used += w;
	}
	return out + '…';
}

/** Pad with spaces to `width` terminal cells (wide characters count twice). */
export function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
