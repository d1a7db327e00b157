import type {Cell} from './vt.js';

/**
 * What an ideal cell-diffing writer would send to turn one screen into the next: for each run
 * of changed cells a cursor move, the cells' text, and an SGR only where the style changes.
 * Two runs on a row are joined when rewriting the unchanged cells between them is cheaper than
 * a second cursor move. This is the floor the bench compares citop's writes against.
 */

const encoder = new TextEncoder();

function moveBytes(row: number, column: number): number {
	return `\u001b[${row + 1};${column + 1}H`.length;
}

function sgrBytes(style: string): number {
	return style === '' ? '\u001b[0m'.length : `\u001b[0;${style}m`.length;
}

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
	return a?.char === b?.char && a?.style === b?.style;
}

interface Writer {
	style: string;
}

/** Bytes to write cells [from, to) of `row`, updating the writer's current style. */
function spanBytes(row: readonly Cell[], from: number, to: number, writer: Writer): number {
	let bytes = 0;
	for (let x = from; x < to; x++) {
		const cell = row[x];
		if (!cell || cell.char === '') continue;
		if (cell.style !== writer.style) {
			bytes += sgrBytes(cell.style);
			writer.style = cell.style;
		}
		bytes += encoder.encode(cell.char).length;
	}
	return bytes;
}

/** The changed columns of one row, as [from, to) runs. */
function changedRuns(before: readonly Cell[] | undefined, after: readonly Cell[]): [number, number][] {
	const runs: [number, number][] = [];
	let start = -1;
	for (let x = 0; x <= after.length; x++) {
		const changed = x < after.length && !sameCell(before?.[x], after[x]);
		if (changed && start < 0) start = x;
		if (!changed && start >= 0) {
			runs.push([start, x]);
			start = -1;
		}
	}
	return runs;
}

/** The least bytes that turn screen `before` into screen `after` (same size). */
export function minimalUpdateBytes(before: readonly (readonly Cell[])[], after: readonly (readonly Cell[])[]): number {
	const writer: Writer = {style: ''};
	let total = 0;
	after.forEach((row, y) => {
		const runs = changedRuns(before[y], row);
		let index = 0;
		while (index < runs.length) {
			const [from] = runs[index]!;
			let to = runs[index]![1];
			// Join the next run while bridging the gap costs no more than a cursor move.
			while (index + 1 < runs.length) {
				const [nextFrom, nextTo] = runs[index + 1]!;
				const bridge = spanBytes(row, to, nextFrom, {style: writer.style});
				if (bridge > moveBytes(y, nextFrom)) break;
				to = nextTo;
				index++;
			}
			total += moveBytes(y, from) + spanBytes(row, from, to, writer);
			index++;
		}
	});
	return total;
}
