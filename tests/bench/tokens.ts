/**
 * Splits what a program wrote to a terminal into text and control sequences, the way a
 * VT-style terminal reads it (ECMA-48: C0, C1, CSI, OSC and the other string controls).
 * The drills scan these tokens for anything citop should never send; the virtual terminal
 * replays them.
 */

export type StringKind = 'osc' | 'dcs' | 'sos' | 'pm' | 'apc';

export type Token =
	| {type: 'text'; text: string}
	/** A C0 control other than ESC (BEL, BS, TAB, LF, CR …), or DEL. */
	| {type: 'c0'; code: number; raw: string}
	/** An 8-bit C1 control that introduces nothing. */
	| {type: 'c1'; code: number; raw: string}
	| {type: 'csi'; params: string; intermediates: string; final: string; raw: string}
	| {type: StringKind; body: string; raw: string}
	| {type: 'esc'; intermediates: string; final: string; raw: string};

export interface Tokenized {
	tokens: Token[];
	/** An unfinished sequence at the end, to be completed by the next chunk. */
	rest: string;
}

const ESC = 0x1b;
const STRING_AFTER_ESC: Record<string, StringKind> = {']': 'osc', P: 'dcs', X: 'sos', '^': 'pm', _: 'apc'};
const STRING_C1: Record<number, StringKind> = {0x9d: 'osc', 0x90: 'dcs', 0x98: 'sos', 0x9e: 'pm', 0x9f: 'apc'};

function isSpecial(code: number): boolean {
	return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** The end of a string control starting its body at `from`: after BEL, ESC \ or ST; -1 when unfinished. */
function stringEnd(text: string, from: number): {bodyEnd: number; end: number} | null {
	for (let i = from; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x07 || code === 0x9c) return {bodyEnd: i, end: i + 1};
		if (code === ESC) {
			if (i + 1 >= text.length) return null;
			if (text[i + 1] === '\\') return {bodyEnd: i, end: i + 2};
		}
	}
	return null;
}

/** A CSI from its first parameter byte at `from`; null when unfinished. */
function readCsi(text: string, from: number): {params: string; intermediates: string; final: string; end: number} | null {
	let i = from;
	while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x3f) i++;
	const params = text.slice(from, i);
	const middle = i;
	while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
	const intermediates = text.slice(middle, i);
	if (i >= text.length) return null;
	const code = text.charCodeAt(i);
	// A byte outside the final range aborts the sequence, as terminals do; the byte is read again.
	if (code < 0x40 || code > 0x7e) return {params, intermediates, final: '', end: i};
	return {params, intermediates, final: text[i] ?? '', end: i + 1};
}

export function tokenize(text: string): Tokenized {
	const tokens: Token[] = [];
	let i = 0;
	let plain = '';
	const flush = () => {
		if (plain !== '') tokens.push({type: 'text', text: plain});
		plain = '';
	};
	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (!isSpecial(code)) {
			plain += text[i];
			i++;
			continue;
		}
		flush();
		const start = i;
		if (code === ESC) {
			const next = text[i + 1];
			if (next === undefined) return {tokens, rest: text.slice(start)};
			if (next === '[') {
				const csi = readCsi(text, i + 2);
				if (!csi) return {tokens, rest: text.slice(start)};
				tokens.push({type: 'csi', params: csi.params, intermediates: csi.intermediates, final: csi.final, raw: text.slice(start, csi.end)});
				i = csi.end;
				continue;
			}
			const kind = STRING_AFTER_ESC[next];
			if (kind) {
				const end = stringEnd(text, i + 2);
				if (!end) return {tokens, rest: text.slice(start)};
				tokens.push({type: kind, body: text.slice(i + 2, end.bodyEnd), raw: text.slice(start, end.end)});
				i = end.end;
				continue;
			}
			let j = i + 1;
			while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
			if (j >= text.length) return {tokens, rest: text.slice(start)};
			const final = text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x7e ? (text[j] ?? '') : '';
			const end = final === '' ? j : j + 1;
			tokens.push({type: 'esc', intermediates: text.slice(i + 1, j), final, raw: text.slice(start, end)});
			i = end;
			continue;
		}
		if (code === 0x9b) {
			const csi = readCsi(text, i + 1);
			if (!csi) return {tokens, rest: text.slice(start)};
			tokens.push({type: 'csi', params: csi.params, intermediates: csi.intermediates, final: csi.final, raw: text.slice(start, csi.end)});
			i = csi.end;
			continue;
		}
		const kind = STRING_C1[code];
		if (kind) {
			const end = stringEnd(text, i + 1);
			if (!end) return {tokens, rest: text.slice(start)};
			tokens.push({type: kind, body: text.slice(i + 1, end.bodyEnd), raw: text.slice(start, end.end)});
			i = end.end;
			continue;
		}
		tokens.push(code >= 0x80 ? {type: 'c1', code, raw: text[i] ?? ''} : {type: 'c0', code, raw: text[i] ?? ''});
		i++;
	}
	flush();
	return {tokens, rest: ''};
}

/** Tokens of a whole capture; an unfinished tail counts as a (broken) token of its own. */
export function tokenizeAll(text: string): Token[] {
	const {tokens, rest} = tokenize(text);
	if (rest !== '') tokens.push({type: 'esc', intermediates: '', final: '', raw: rest});
	return tokens;
}

/** A control as a person reads it in a failure message: ESC, BEL and the rest spelled out. */
export function visible(raw: string): string {
	return raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
		const code = char.charCodeAt(0);
		if (code === ESC) return '␛';
		if (code === 0x07) return '␇';
		return `\\x${code.toString(16).padStart(2, '0')}`;
	});
}
