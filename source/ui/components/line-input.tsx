import {useRef} from 'react';
import TextInput from 'ink-text-input';

// Typed text is shown on screen: control characters (a pasted escape sequence) never reach it.
const CONTROL = /[\u0000-\u001f\u0080-\u009f]/g;
const NEWLINE = /\r\n|\r|\n/;
const ERASE = /[\u0008\u007f]/;

/** A line as typed: each backspace in a burst of keys takes back the character before it. */
function edited(line: string): string {
	if (!ERASE.test(line)) return line.replace(CONTROL, '');
	const kept: string[] = [];
	for (const char of line) {
		if (ERASE.test(char)) kept.pop();
		else kept.push(char);
	}
	return kept.join('').replace(CONTROL, '');
}

export interface LineInputProps {
	value: string;
	onChange(value: string): void;
	onSubmit(value: string): void;
}

/**
 * ink-text-input for one line. A burst of keys ("main⏎", a pasted block of KEY=VALUE lines,
 * a held backspace) reaches it as one string; each line in it is submitted in turn, after the
 * render of the one before, and what follows the last newline stays in the field.
 */
export function LineInput({value, onChange, onSubmit}: LineInputProps) {
	const latest = useRef({onChange, onSubmit});
	latest.current = {onChange, onSubmit};
	const handleChange = (next: string) => {
		const lines = next.split(NEWLINE).map(edited);
		if (lines.length === 1) return onChange(lines[0] ?? '');
		const rest = lines.pop() ?? '';
		onChange('');
		const step = () => {
			const line = lines.shift();
			if (line === undefined) return latest.current.onChange(rest);
			latest.current.onSubmit(line);
			setImmediate(step);
		};
		step();
	};
	return <TextInput value={value} onChange={handleChange} onSubmit={(line) => latest.current.onSubmit(line)} />;
}
