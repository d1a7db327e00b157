import {displayWidth, pad, truncate} from '../../output/text.js';

/** Exactly `width` columns: truncated, then padded with spaces on the right (or left). */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
	const cut = truncate(text, width, ellipsis);
	return align === 'left' ? pad(cut, width) : ' '.repeat(Math.max(0, width - displayWidth(cut))) + cut;
}
