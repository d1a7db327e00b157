/** What each bench module hands back, and the Markdown table the runner prints (ready for the README). */

export interface Figure {
	/** As the table names it. */
	label: string;
	value: number;
	unit: string;
	/** The target in words ("< 16 ms"); '' when the figure is for comparison only. */
	target: string;
	/** null when there is no target to meet. */
	ok: boolean | null;
	/** How it was measured, when the table alone would mislead. */
	note?: string;
}

export interface Machine {
	cpu: string;
	cores: number;
	memoryGb: number;
	node: string;
	os: string;
}

export function machineLine(machine: Machine): string {
	return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.os}`;
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|');
}

function verdict(ok: boolean | null): string {
	if (ok === null) return '–';
	return ok ? 'ok' : 'NOT OK';
}

function formatValue(figure: Figure): string {
	const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(figure.value >= 100 ? 0 : 2);
	return figure.unit ? `${value} ${figure.unit}` : value;
}

/** The figures as a Markdown table, notes under it, and the machine they came from. */
export function markdownTable(figures: readonly Figure[], machine: Machine): string {
	const lines = ['| figure | value | target | ok |', '|---|---|---|---|'];
	for (const figure of figures) lines.push(`| ${cell(figure.label)} | ${cell(formatValue(figure))} | ${cell(figure.target || '–')} | ${verdict(figure.ok)} |`);
	const notes = figures.filter((figure) => figure.note).map((figure) => `- ${figure.label}: ${figure.note}`);
	return [...lines, '', ...(notes.length > 0 ? [...notes, ''] : []), `Machine: ${machineLine(machine)}.`].join('\n');
}

/** Every figure whose target was missed. */
export function missed(figures: readonly Figure[]): Figure[] {
	return figures.filter((figure) => figure.ok === false);
}
