import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CitopResult, Home} from './cli.js';
import {makeHome, runCitop, startCitop, waitForBuild} from './cli.js';
import {REFUSED_TOKEN, USER_TOKENS, deadOrigin, leaks, tokenEnv, userConfigYaml} from './secrets.js';
import {DrillSim} from './sim.js';

/**
 * The token search over every command: citop is given the user's tokens (by environment variable,
 * token command and conventional variable) and run on its succeeding and failing paths, with and
 * without --debug. No token, nor its random part, nor its base64, may appear on stdout, on stderr
 * or in any file citop writes.
 */

let drill: DrillSim;
let home: Home;
let good: string;
let dead: string;
let badCommand: string;
let tokenFile: string;

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 53, historySize: 6, arrivalEverySec: 3_600, tokens: USER_TOKENS});
	home = await makeHome();
	tokenFile = await home.write('wercker.token', `${USER_TOKENS.wercker}\n`);
	const werckerCommand = `cat '${tokenFile}'`;
	good = await home.write('good.yaml', userConfigYaml(drill.sim, {werckerCommand}));
	dead = await home.write('dead.yaml', userConfigYaml(drill.sim, {werckerCommand, origin: await deadOrigin()}));
	// A token command that prints the token and then fails: its output must not be quoted back.
	badCommand = await home.write('bad-command.yaml', userConfigYaml(drill.sim, {werckerCommand: `${werckerCommand}; exit 3`}));
}, 90_000);

afterAll(async () => {
	await drill?.stop();
	await home?.remove();
});

interface Path {
	/** A function when each variant (plain, --debug) needs its own, e.g. a run to abort. */
	args: string[] | (() => string[]);
	config?: string;
	env?: NodeJS.ProcessEnv;
	/** The exit code that shows the path was the one meant. */
	code: number;
	/** What the output shows on that path. */
	says?: RegExp;
}

async function search(paths: readonly Path[]): Promise<void> {
	// Two at a time: the machine has two cores, and the simulator shares this process.
	for (let at = 0; at < paths.length; at += 2) {
		const argsOf = (path: Path) => (typeof path.args === 'function' ? path.args() : path.args);
		const batch = paths.slice(at, at + 2).flatMap((path) => [
			{...path, args: argsOf(path)},
			{...path, args: ['--debug', ...argsOf(path)]},
		]);
		const results = await Promise.all(batch.map((path) => runCitop(['--config', path.config ?? good, ...path.args], home, {env: path.env ?? tokenEnv(), timeoutMs: 20_000})));
		batch.forEach((path, index) => expectClean(path, results[index]!));
	}
}

function expectClean(path: Path & {args: string[]}, result: CitopResult): void {
	const what = `citop ${path.args.join(' ')}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
	expect(result.code, what).toBe(path.code);
	if (path.says) expect(`${result.stdout}${result.stderr}`, what).toMatch(path.says);
	expect(leaks(result.stdout), `stdout of ${what}`).toEqual([]);
	expect(leaks(result.stderr), `stderr of ${what}`).toEqual([]);
}

/** A run of `source` that has concluded with `status` (any when not given). */
function concluded(source: string, status?: string): string {
	const run = drill.sim.world.runs(source).find((candidate) => candidate.concluded && (status === undefined || candidate.status === status));
	if (!run) throw new Error(`${source} has no concluded ${status ?? ''} run`);
	return run.id;
}

/** A new run of `source` that runs for an hour. */
function running(source: string): string {
	return drill.sim.world.addRun(source, {durationSec: 3_600, outcome: 'success'}).id;
}

describe('the token search', () => {
	it('finds no token when every command succeeds', async () => {
		await search([
			{args: ['runs'], code: 0, says: /acme\/api/},
			{args: ['runs', '--json'], code: 0, says: /"source": "build"/},
			{args: ['watch', concluded('acme/api'), '--source', 'acme/api'], code: 0, says: /finished:/},
			{args: ['watch', concluded('build', 'success'), '--source', 'build', '--exit-status'], code: 0, says: /finished: success/},
			{args: ['logs', concluded('acme/api'), '--source', 'acme/api'], code: 0, says: /^==> build\/compile\/tsc /m},
			{args: ['logs', concluded('build', 'success'), '--source', 'build'], code: 0, says: /^==> get code \(success\) <==$/m},
			{args: ['trigger', '--source', 'acme/api', '--branch', 'main'], code: 0, says: /^\d+\s*$/},
			{args: ['trigger', '--source', 'build', '--branch', 'main', '--json'], code: 0, says: /"provider": "wercker"/},
			{args: () => ['abort', running('shop-release'), '--source', 'shop-release', '--yes'], code: 0},
			{args: () => ['abort', running('build'), '--source', 'build', '--yes'], code: 0},
			{args: () => ['rerun', concluded('build'), '--source', 'build', '--yes', '--json'], code: 0, says: /"provider": "wercker"/},
		]);
	}, 90_000);

	it('finds no token when the server refuses it', async () => {
		const refused = {env: tokenEnv(REFUSED_TOKEN), code: 3, says: /refused \(401\)/};
		await search([
			{args: ['runs', '--source', 'acme/api'], ...refused},
			{args: ['runs', '--json'], ...refused},
			{args: ['watch', concluded('acme/api'), '--source', 'acme/api'], ...refused},
			{args: ['logs', concluded('acme/api'), '--source', 'acme/api'], ...refused},
			{args: ['trigger', '--source', 'acme/api', '--branch', 'main'], ...refused},
		]);
	}, 90_000);

	it('finds no token when the server fails with 500s', async () => {
		const run = running('build');
		drill.setFault({kind: 'status', status: 500});
		try {
			const failing = {code: 3, says: /failed \(500\)/};
			await search([
				{args: ['runs'], ...failing},
				{args: ['runs', '--json'], ...failing},
				{args: ['watch', run, '--source', 'build', '--give-up', '1'], ...failing},
				{args: ['logs', run, '--source', 'build'], ...failing},
				{args: ['trigger', '--source', 'acme/api', '--branch', 'main'], ...failing},
				{args: ['abort', run, '--source', 'build', '--yes'], ...failing},
				{args: ['rerun', run, '--source', 'build', '--yes'], ...failing},
			]);
		} finally {
			drill.setFault(null);
		}
	}, 90_000);

	it('finds no token when the server cannot be reached', async () => {
		const unreachable = {config: dead, code: 3, says: /could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/};
		await search([
			{args: ['runs'], ...unreachable},
			{args: ['runs', '--json'], ...unreachable},
			{args: ['watch', '1', '--source', 'acme/api', '--give-up', '1'], ...unreachable},
			{args: ['logs', '1', '--source', 'acme/api'], ...unreachable},
			{args: ['trigger', '--source', 'shop-release'], ...unreachable},
			{args: ['abort', '1', '--source', 'build', '--yes'], ...unreachable},
		]);
	}, 90_000);

	it('finds no token when the token command prints it and fails', async () => {
		await search([{args: ['runs', '--source', 'build'], config: badCommand, code: 2, says: /command failed \(exit 3\); its output is not shown/}]);
	}, 30_000);

	it('finds no user token in what citop sim prints and writes: its config holds only its own tokens', async () => {
		const out = join(home.dir, 'sim.yaml');
		for (const debug of [[], ['--debug']]) {
			const sim = startCitop([...debug, 'sim', '--port', '0', '--config-out', out], home, {env: tokenEnv(), timeoutMs: 40_000});
			await sim.waitFor(({stdout}) => stdout.includes('Ctrl-C stops it.'), 'the simulator up');
			sim.kill('SIGINT');
			const result = await sim.done;
			expect(result.code, `signal ${result.signal}; ${result.stderr}`).toBe(0);
			expect(leaks(result.stdout)).toEqual([]);
			expect(leaks(result.stderr)).toEqual([]);
			const written = await readFile(out, 'utf8');
			expect(written).toMatch(/token: sc-demo-[0-9a-f]+/);
			expect(leaks(written)).toEqual([]);
		}
	}, 90_000);

	// Last: every command above has run in this home.
	it('finds no token in any file citop wrote', async () => {
		// The search would see a token: the file the token command reads holds one.
		expect(leaks(await readFile(tokenFile))).not.toEqual([]);
		const files = await home.filesWritten();
		expect(files.map((file) => file.path)).toContain(join(home.dir, 'sim.yaml'));
		for (const file of files) expect(leaks(file.content), file.path).toEqual([]);
	});
});
