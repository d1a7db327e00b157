/**
 * One line of typed text and its caret, edited one key at a time. Each key is applied to the
 * line the key before it left, so a burst of keys (fast typing over a slow link, a paste, a held
 * backspace) lands in full and in order, however late the screen catches up.
 */
export interface Line {
	text: string;
	/** Where the caret stands, in characters (code points) from the start. */
	cursor: number;
}

export const EMPTY_LINE: Line = {text: '', cursor: 0};

/** A key that types itself: one character, no control character (a pasted escape never lands). */
export const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f]$/u;

/** The line after one key, by its name from keyNames(); keys a line does not take leave it as it was. */
export function editLine(line: Line, name: string): Line {
	const chars = [...line.text];
	const at = Math.max(0, Math.min(chars.length, line.cursor));
	const insert = (text: string): Line => {
		chars.splice(at, 0, text);
		return {text: chars.join(''), cursor: at + 1};
	};
	switch (name) {
		case 'left':
			return {...line, cursor: Math.max(0, at - 1)};
		case 'right':
			return {...line, cursor: Math.min(chars.length, at + 1)};
		case 'home':
		case 'ctrl-a':
			return {...line, cursor: 0};
		case 'end':
		case 'ctrl-e':
			return {...line, cursor: chars.length};
		case 'backspace':
			if (at === 0) return line;
			chars.splice(at - 1, 1);
			return {text: chars.join(''), cursor: at - 1};
		case 'ctrl-u':
			return {text: chars.slice(at).join(''), cursor: 0};
		case 'space':
			return insert(' ');
	}
	return PRINTABLE.test(name) ? insert(name) : line;
}

/** The line as shown: the text with the caret's character (or a space at the end) set apart by `mark`. */
export function showLine(line: Line, mark: (text: string) => string): string {
	const chars = [...line.text];
	const at = Math.max(0, Math.min(chars.length, line.cursor));
	return `${chars.slice(0, at).join('')}${mark(chars[at] ?? ' ')}${chars.slice(at + 1).join('')}`;
}
