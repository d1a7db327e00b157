import type {Token} from '../bench/tokens.js';
import {tokenizeAll, visible} from '../bench/tokens.js';

/**
 * What citop itself writes to a terminal, and nothing else: SGR styles, absolute cursor moves,
 * row erases, the alternate screen, autowrap, cursor visibility and synchronized output, and a
 * clear only as "home, then clear" (a repaint). Anything else in a capture came from somewhere
 * it should not have: server text that slipped past the sanitizer.
 */

export interface EscapePolicy {
	/** OSC commands the test itself asked for ('9' desktop notification, '52' clipboard). */
	osc?: readonly string[];
	/** Bells the test itself caused (a watched run that concluded). */
	bells?: number;
	/** Wrapped in tmux's DCS passthrough (OSC 52 inside tmux). */
	passthrough?: boolean;
}

const MODES = new Set(['1049', '7', '25', '2026']);

function ownCsi(token: Extract<Token, {type: 'csi'}>, previous: Token | undefined): boolean {
	if (token.intermediates !== '' || token.raw.startsWith('\u009b')) return false;
	const {params, final} = token;
	if (final === 'm') return /^[\d;:]*$/.test(params);
	if (final === 'H') return /^(\d+(;\d+)?)?$/.test(params);
	if (final === 'K') return params === '' || params === '0' || params === '2';
	// A repaint: home, then clear. The hostile "clear then home" is the other order.
	if (final === 'J') return params === '2' && previous?.type === 'csi' && previous.final === 'H' && previous.params === '';
	if (final === 'h' || final === 'l') return params.startsWith('?') && params.slice(1).split(';').every((mode) => MODES.has(mode));
	return false;
}

/** Every control sequence in a capture of citop's full screen that citop would not write itself. */
export function foreignControls(capture: string, policy: EscapePolicy = {}): string[] {
	const found: string[] = [];
	let bells = 0;
	let previous: Token | undefined;
	for (const token of tokenizeAll(capture)) {
		switch (token.type) {
			case 'text':
				break;
			case 'csi':
				if (!ownCsi(token, previous)) found.push(visible(token.raw));
				break;
			case 'osc': {
				const command = token.body.split(';')[0] ?? '';
				if (!policy.osc?.includes(command)) found.push(visible(token.raw));
				break;
			}
			case 'dcs':
				if (!(policy.passthrough && token.body.startsWith('tmux;'))) found.push(visible(token.raw));
				break;
			case 'c0':
				if (token.code === 0x07 && bells < (policy.bells ?? 0)) bells++;
				else found.push(visible(token.raw));
				break;
			default:
				found.push(visible(token.raw));
		}
		previous = token;
	}
	return found;
}

/** Controls in an Ink frame (ink-testing-library's lastFrame) other than styles and line ends. */
export function foreignInFrame(frame: string): string[] {
	return tokenizeAll(frame)
		.filter((token) => !(token.type === 'text' || (token.type === 'c0' && token.code === 0x0a) || (token.type === 'csi' && token.final === 'm' && token.intermediates === '' && !token.raw.startsWith('\u009b'))))
		.map((token) => visible('raw' in token ? token.raw : ''));
}

/** Words a broken date, a missing value or a leaked object would put on screen. */
export const JUNK = /\b(NaN|Invalid Date|undefined|1970)\b|\[object Object\]/;
