import {describe, expect, it} from 'vitest';
import type {Figure, Machine} from './report.js';
import {markdownTable, missed} from './report.js';
import {median, percentile} from './stats.js';

const machine: Machine = {cpu: 'AMD EPYC', cores: 2, memoryGb: 24, node: '20.20.2', os: 'Linux 6.1 x64'};

describe('percentile', () => {
	it('takes the nearest rank, so one slow sample in twenty is the p95', () => {
		const samples = [...Array<number>(19).fill(1), 50];
		expect(percentile(samples, 95)).toBe(1);
		expect(percentile([...samples, 50], 95)).toBe(50);
		expect(median([5, 1, 3])).toBe(3);
		expect(percentile([], 95)).toBeNaN();
	});
});

describe('markdownTable', () => {
	const figures: Figure[] = [
		{label: 'key press to frame (p95)', value: 12.345, unit: 'ms', target: '< 16 ms', ok: true},
		{label: 'watch -n 2 curl | jq, bytes per minute', value: 870, unit: 'B', target: '', ok: null, note: 'same 30 s'},
		{label: 'start to first frame', value: 1068, unit: 'ms', target: '< 300 ms', ok: false},
	];

	it('prints each figure with its target and verdict, escapes pipes, and names the machine', () => {
		const table = markdownTable(figures, machine).split('\n');
		expect(table.slice(0, 5)).toEqual([
			'| figure | value | target | ok |',
			'|---|---|---|---|',
			'| key press to frame (p95) | 12.35 ms | < 16 ms | ok |',
			'| watch -n 2 curl \\| jq, bytes per minute | 870 B | – | – |',
			'| start to first frame | 1068 ms | < 300 ms | NOT OK |',
		]);
		expect(table).toContain('- watch -n 2 curl | jq, bytes per minute: same 30 s');
		expect(table.at(-1)).toBe('Machine: AMD EPYC, 2 cores, 24 GB RAM, Node 20.20.2, Linux 6.1 x64.');
	});

	it('lists the figures that missed their target', () => {
		expect(missed(figures).map((figure) => figure.label)).toEqual(['start to first frame']);
	});
});
