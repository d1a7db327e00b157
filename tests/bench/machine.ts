import {readFileSync} from 'node:fs';
import os from 'node:os';
import type {Machine} from './report.js';

function cpuModel(): string {
	try {
		const line = readFileSync('/proc/cpuinfo', 'utf8')
			.split('\n')
			.find((item) => item.startsWith('model name'));
		if (line) return line.slice(line.indexOf(':') + 1).trim();
	} catch {
		// Not Linux: Node's own reading is the next best.
	}
	return os.cpus()[0]?.model.trim() ?? 'unknown CPU';
}

/** The machine the figures come from: they mean little without it. */
export function describeMachine(): Machine {
	return {
		cpu: cpuModel(),
		cores: os.availableParallelism(),
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		node: process.versions.node,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
	};
}
