import {writeFileSync} from 'node:fs';
import {benchDiff} from './diff-bench.js';
import {benchIdle} from './idle.js';
import {benchKeyToFrame} from './key-frame.js';
import {describeMachine} from './machine.js';
import type {Figure} from './report.js';
import {machineLine, markdownTable, missed} from './report.js';
import {benchRequests} from './requests.js';
import {benchRss} from './rss.js';
import {benchSoak} from './soak.js';
import {benchStartup} from './startup.js';
import {benchVersus} from './versus.js';

/**
 * `npm run bench [-- --json FILE] [-- --only NAME,NAME] [-- --soak-minutes N]`: every figure DESIGN.md names, each
 * with its target, as a Markdown table for the README. Exits 1 when a figure misses its target.
 */

interface Result {
	figures: Figure[];
	json: Record<string, unknown>;
}

const BENCHES: Record<string, () => Promise<Result> | Result> = {
	diff: benchDiff,
	keys: benchKeyToFrame,
	idle: benchIdle,
	rss: benchRss,
	requests: benchRequests,
	startup: benchStartup,
	versus: benchVersus,
	soak: () => benchSoak(Number(option('--soak-minutes') ?? 5)),
};

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index < 0 ? undefined : process.argv[index + 1];
}

async function main(): Promise<number> {
	const jsonFile = option('--json');
	const only = option('--only')?.split(',');
	const unknown = only?.filter((name) => !(name in BENCHES)) ?? [];
	if (unknown.length > 0) {
		process.stderr.write(`bench: no benchmark named ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`);
		return 2;
	}
	const machine = describeMachine();
	process.stderr.write(`bench on ${machineLine(machine)}\n`);
	const figures: Figure[] = [];
	const json: Record<string, unknown> = {};
	const failures: string[] = [];
	for (const [name, bench] of Object.entries(BENCHES)) {
		if (only && !only.includes(name)) continue;
		const started = performance.now();
		process.stderr.write(`· ${name} … `);
		try {
			const result = await bench();
			figures.push(...result.figures);
			Object.assign(json, result.json);
			process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			failures.push(`${name}: ${reason}`);
			process.stderr.write(`failed: ${reason}\n`);
		}
	}
	process.stdout.write(`\n${markdownTable(figures, machine)}\n`);
	if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({machine, figures: json}, null, '\t')}\n`);
	const bad = missed(figures);
	if (bad.length > 0) process.stderr.write(`\nmissed targets: ${bad.map((figure) => figure.label).join('; ')}\n`);
	if (failures.length > 0) process.stderr.write(`\nbenchmarks that could not run:\n${failures.map((line) => `  ${line}`).join('\n')}\n`);
	return bad.length > 0 || failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
// Nothing the bench started may keep it alive (an Ink timer, a keep-alive socket).
process.exit();
