import type {Status} from '../model/status.js';

/** SGR colours, or nothing at all: colour is a second channel, the glyph and word carry the meaning. */
export interface Style {
	status(status: Status, text: string): string;
	dim(text: string): string;
	bold(text: string): string;
}

const SGR: Record<Status, string> = {
	success: '32',
	failed: '31',
	running: '33',
	queued: '36',
	canceled: '35',
	skipped: '2',
	unknown: '2',
};

const wrap = (code: string, text: string) => (text === '' ? text : `\u001b[${code}m${text}\u001b[0m`);

export const plainStyle: Style = {
	status: (_status, text) => text,
	dim: (text) => text,
	bold: (text) => text,
};

export const colorStyle: Style = {
	status: (status, text) => wrap(SGR[status], text),
	dim: (text) => wrap('2', text),
	bold: (text) => wrap('1', text),
};

export function styleFor(color: boolean): Style {
	return color ? colorStyle : plainStyle;
}
