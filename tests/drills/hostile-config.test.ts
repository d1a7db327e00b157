import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {processesRunning} from '../config/helpers.js';
import type {Home} from './cli.js';
import {makeHome, runCitop, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import {DrillSim} from './sim.js';

/**
 * Configs no one should write, for sources on a hostile server: a token YAML reads as an alias,
 * an alias bomb, a file of megabytes, hundreds of sources, a password in baseUrl, tokens with
 * characters a header cannot carry by every route, token commands that hang or leave a process
 * behind. Each is refused before any request, in one line that names where and never the value,
 * exit 2, in seconds; a token command's token is taken as soon as the command exits.
 */

const SECRET = 'YSECRET-abc';
const WERCKER = 'build';

let drill: DrillSim;
let hostile: HostileServer;
let home: Home;

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 7, historySize: 4, arrivalEverySec: 3_600});
	hostile = await HostileServer.start(drill.sim);
	home = await makeHome();
}, 60_000);

afterAll(async () => {
	await hostile?.stop();
	await drill?.stop();
	await home?.remove();
});

/** One Wercker source on the hostile server, with the given fields (YAML, indented under it). */
function source(fields: string, baseUrl = hostile.specs([WERCKER])[0]!.baseUrl!): string {
	const id = hostile.specs([WERCKER])[0]! as {pipelineId?: string; applicationId?: string};
	const which = id.pipelineId ? `pipelineId: "${id.pipelineId}"` : `applicationId: "${id.applicationId}"`;
	return `sources:\n  - provider: wercker\n    name: ${WERCKER}\n    ${which}\n    baseUrl: ${baseUrl}\n${fields}`;
}

/** An alias bomb: each level repeats the one before ten times, 10^9 values in all. */
function aliasBomb(): string {
	const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
	for (let level = 1; level < 9; level++) levels.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
	return `${levels.join('\n')}\n`;
}

interface Refusal {
	name: string;
	yaml: () => string;
	env?: NodeJS.ProcessEnv;
	/** The one line citop says, after "citop: <file>". */
	says: RegExp;
	/** What must not show: the value that was refused. */
	hidden: readonly string[];
}

const HEADER = /has characters a header cannot carry \(a line break, a control character or non-ASCII\); check how it was copied$/;

const REFUSALS: Refusal[] = [
	{
		name: 'a token YAML reads as an alias',
		yaml: () => source(`    token: *${SECRET}\n`),
		says: /^:6:12: YAML error: an alias \(\*name\) with no anchor \(&name\) before it; put the value in quotes if it starts with \*$/,
		hidden: [SECRET],
	},
	{name: 'an alias bomb ("billion laughs")', yaml: aliasBomb, says: /^:\d+:\d+: YAML error: the aliases \(\*name\) repeat more than 10000 values$/, hidden: []},
	{
		name: 'a config of megabytes',
		yaml: () => source(`    token: ${SECRET}\n`) + Array.from({length: 60_000}, (_, index) => `  - {provider: wercker, pipelineId: p${index}}`).join('\n'),
		says: /^: larger than 1 MB; a config is a few kilobytes \(is it the right file\?\)$/,
		hidden: [SECRET],
	},
	{
		name: '501 sources',
		yaml: () => `sources:\n${Array.from({length: 501}, (_, index) => `  - {provider: wercker, pipelineId: p${index}}`).join('\n')}\n`,
		says: /^: sources: 501 sources, more than the 500 citop watches at once; split them over several configs$/,
		hidden: [],
	},
	{
		name: 'a user name and password in baseUrl',
		yaml: () => source(`    token: ${SECRET}\n`, hostile.specs([WERCKER])[0]!.baseUrl!.replace('://', '://alice:pa55w0rd@')),
		says: /^: sources\[0\]\.baseUrl: must not hold a user name or password \(citop sends the token; give it with token, tokenEnv or tokenCommand\)$/,
		hidden: ['alice', 'pa55w0rd'],
	},
	{
		name: 'an escape in the token',
		yaml: () => source('    token: "YSECRET\\e[2J-abc"\n'),
		says: new RegExp(`^: sources\\[0\\]\\.token \\(${WERCKER}\\): the token from the config ${HEADER.source}`),
		hidden: ['YSECRET'],
	},
	{
		name: 'a line break in the token from tokenEnv',
		yaml: () => source('    tokenEnv: DRILL_TOKEN\n'),
		env: {DRILL_TOKEN: 'YSECRET\n-abc'},
		says: new RegExp(`^: sources\\[0\\]\\.tokenEnv \\(${WERCKER}\\): the token from DRILL_TOKEN ${HEADER.source}`),
		hidden: ['YSECRET'],
	},
	{
		name: 'a NUL and non-ASCII in the token from tokenCommand',
		yaml: () => source(`    tokenCommand: "printf 'YSECRET\\\\000-ab\\\\303\\\\251c'"\n`),
		says: new RegExp(`^: sources\\[0\\]\\.tokenCommand \\(${WERCKER}\\): the token from the command ${HEADER.source}`),
		hidden: ['YSECRET'],
	},
	{
		name: 'a token command that hangs, past tokenCommandTimeout',
		yaml: () => `tokenCommandTimeout: 1\n${source('    tokenCommand: "sleep 100004; echo late"\n')}`,
		says: new RegExp(`^: sources\\[0\\]\\.tokenCommand \\(${WERCKER}\\): the command failed: it did not finish within 1 s \\(tokenCommandTimeout\\)$`),
		hidden: [],
	},
];

describe('a config no one should write', () => {
	it.each(REFUSALS)('$name: one line naming where, exit 2, no value, no request', async ({name, yaml, env, says, hidden}) => {
		const base = `${name.replace(/\W+/g, '-')}.yaml`;
		const file = await home.write(base, yaml());
		// Inside HOME, citop names the file from there.
		const shown = `citop: ~/${base}`;
		const asked = hostile.seen.length;
		const started = Date.now();
		try {
			const result = await runCitop(['--config', file, 'runs'], home, {env, timeoutMs: 30_000});
			expect(result.code, result.stderr).toBe(2);
			const lines = result.stderr.trimEnd().split('\n');
			expect(lines, result.stderr).toHaveLength(1);
			expect(lines[0]!.startsWith(shown), result.stderr).toBe(true);
			expect(lines[0]!.slice(shown.length)).toMatch(says);
			for (const value of hidden) expect(result.stderr + result.stdout).not.toContain(value);
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(hostile.seen.slice(asked)).toEqual([]);
			// A token command that timed out is ended with all it started.
			expect(processesRunning('sleep 100004')).toEqual([]);
		} finally {
			for (const pid of processesRunning('sleep 100004')) process.kill(pid);
		}
	});

	it('takes the token when a token command exits, though what it left running holds its output open', async () => {
		const token = drill.tokens.wercker;
		const file = await home.write('left-running.yaml', source(`    tokenCommand: "(sleep 100005 2>/dev/null &); echo ${token}"\n`));
		const asked = hostile.seen.length;
		const started = Date.now();
		try {
			const result = await runCitop(['--config', file, 'runs', '--json'], home, {timeoutMs: 30_000});
			expect(result.code, result.stderr).toBe(0);
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(hostile.seen.slice(asked).map((request) => request.headers.authorization)).toContain(`Bearer ${token}`);
		} finally {
			for (const pid of processesRunning('sleep 100005')) process.kill(pid);
		}
	});
});
