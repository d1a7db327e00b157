import {wrapCells} from '../../output/text.js';

export interface LogWindow {
	/** Screen rows, each at most `width` columns. */
	rows: string[];
	/** Where each row comes from: its log line, and the character of that line it starts with. */
	origins: Array<{line: number; start: number}>;
	/** Index of the first log line shown (in part or whole). */
	top: number;
	/** Index of the top line that shows the end of the log: the most one can scroll down. */
	endTop: number;
}

/** The top line that shows the last `height` rows, counting wrapped rows. */
export function endTop(lines: readonly string[], height: number, width: number): number {
	let used = 0;
	for (let index = lines.length - 1; index >= 0; index--) {
		used += wrapCells(lines[index] ?? '', width).length;
		if (used >= height) return used > height && index < lines.length - 1 ? index + 1 : index;
	}
	return 0;
}

/**
 * The rows of the log a screen of `height` × `width` shows: from line `top`, or the end when
 * following (`top` null). Long lines wrap; only the lines on screen are wrapped, so a long log
 * costs nothing but its tail.
 */
export function logWindow(lines: readonly string[], top: number | null, height: number, width: number): LogWindow {
	const last = endTop(lines, height, width);
	const first = top === null ? last : Math.max(0, Math.min(top, last));
	const rows: string[] = [];
	const origins: LogWindow['origins'] = [];
	for (let index = first; index < lines.length && rows.length < height; index++) {
		let start = 0;
		for (const row of wrapCells(lines[index] ?? '', width)) {
			if (rows.length >= height) break;
			rows.push(row);
			origins.push({line: index, start});
			start += row.length;
		}
	}
	return {rows, origins, top: first, endTop: last};
}
