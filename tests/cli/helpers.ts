import {spawn} from 'node:child_process';
import {PassThrough} from 'node:stream';
import {existsSync} from 'node:fs';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import type {CommandContext} from '../../source/commands/context.js';
import {Reporter} from '../../source/commands/report.js';
import {simulatorConfigYaml, startSimulator} from '../../source/sim/index.js';
import type {SimulatorHandle, SimulatorOptions} from '../../source/sim/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Wall time from spawn to exit, ms. */
	ms: number;
}

export interface CliProcess {
	/** Resolves with the first stdout line matching, or rejects when the process ends first. */
	waitForLine(pattern: RegExp): Promise<string>;
	done: Promise<CliResult>;
	kill(signal?: NodeJS.Signals): void;
}

export interface RunOptions {
	env?: NodeJS.ProcessEnv;
	/** The process is killed after this long (the test then fails on its exit code). */
	timeoutMs?: number;
	/** Stdin: 'ignore' gives /dev/null. */
	input?: string;
}

/** Everything a child needs and nothing from the test runner's own terminal or config. */
function childEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {PATH: process.env['PATH'], HOME: home, XDG_CONFIG_HOME: join(home, '.config'), LANG: 'C.UTF-8', ...extra};
}

/** Starts `node dist/cli.js …` (built by `npm run build`). */
export function startCli(args: readonly string[], home: string, options: RunOptions = {}): CliProcess {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
	const started = Date.now();
	const child = spawn(process.execPath, [CLI, ...args], {env: childEnv(home, options.env), stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']});
	if (options.input !== undefined) child.stdin?.end(options.input);
	const {stdout: out, stderr: err} = child;
	if (!out || !err) throw new Error('spawn gave no output pipes');
	let stdout = '';
	let stderr = '';
	const waiters: {pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void}[] = [];
	const check = () => {
		for (const waiter of [...waiters]) {
			const line = stdout.split('\n').find((candidate) => waiter.pattern.test(candidate));
			if (line !== undefined) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(line);
			}
		}
	};
	// Decoded by the stream, so a character split across two chunks arrives whole.
	out.setEncoding('utf8');
	err.setEncoding('utf8');
	out.on('data', (chunk: string) => {
		stdout += chunk;
		check();
	});
	err.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
	const done = new Promise<CliResult>((resolve) => {
		child.on('close', (code) => {
			clearTimeout(timer);
			for (const waiter of waiters.splice(0)) waiter.reject(new Error(`citop exited (${String(code)}) before printing ${waiter.pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
			resolve({code, stdout, stderr, ms: Date.now() - started});
		});
	});
	return {
		waitForLine: (pattern) =>
			new Promise((resolve, reject) => {
				waiters.push({pattern, resolve, reject});
				check();
			}),
		done,
		kill: (signal = 'SIGTERM') => child.kill(signal),
	};
}

export function runCli(args: readonly string[], home: string, options: RunOptions = {}): Promise<CliResult> {
	return startCli(args, home, options).done;
}

export interface SimSetup {
	sim: SimulatorHandle;
	dir: string;
	/** A config with every simulated source, as `citop sim --config-out` writes it. */
	config: string;
	/** Writes another config file in the temp dir. */
	writeConfig(name: string, yaml: string): Promise<string>;
	/** Every token the tests know of: none may appear in any output. */
	tokens: string[];
	stop(): Promise<void>;
}

export async function setUpSimulator(options: SimulatorOptions = {}): Promise<SimSetup> {
	const sim = await startSimulator({speed: 20, ...options});
	const dir = await mkdtemp(join(tmpdir(), 'citop-cli-'));
	const writeConfig = async (name: string, yaml: string) => {
		const path = join(dir, name);
		await writeFile(path, yaml);
		await chmod(path, 0o600);
		return path;
	};
	const config = await writeConfig('config.yaml', simulatorConfigYaml(sim));
	return {
		sim,
		dir,
		config,
		writeConfig,
		tokens: Object.values(sim.tokens),
		stop: async () => {
			await sim.stop();
			await rm(dir, {recursive: true, force: true});
		},
	};
}

/** No token, in any output of any command, error paths included. */
export function expectNoToken(result: Pick<CliResult, 'stdout' | 'stderr'>, tokens: readonly string[]): void {
	for (const token of tokens) {
		expect(result.stdout).not.toContain(token);
		expect(result.stderr).not.toContain(token);
	}
}

/** The stderr lines, without the trailing empty one. */
export function errorLines(result: CliResult): string[] {
	return result.stderr.split('\n').filter((line) => line !== '');
}

/**
 * A command's context on a fake terminal (stdin, stdout and stderr all TTYs) that answers
 * `answer` once a y/N question is on screen, as a person would; for commands that ask first.
 */
export function terminalContext(config: string, answer: string): {ctx: CommandContext; stdout: () => string; stderr: () => string} {
	const stdin = Object.assign(new PassThrough(), {isTTY: true}) as unknown as NodeJS.ReadStream;
	const stdout = Object.assign(new PassThrough(), {isTTY: true}) as unknown as NodeJS.WriteStream;
	const stderr = Object.assign(new PassThrough(), {isTTY: true}) as unknown as NodeJS.WriteStream;
	let out = '';
	let err = '';
	let answered = false;
	stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	stderr.on('data', (chunk: Buffer) => {
		err += chunk.toString();
		if (err.includes('[y/N]') && !answered) {
			answered = true;
			stdin.write(`${answer}\n`);
		}
	});
	const ctx: CommandContext = {
		flags: {config, color: false, debug: false},
		reporter: new Reporter(stderr, false),
		stdout,
		stderr,
		stdin,
		env: {},
		signal: new AbortController().signal,
		onInterrupt: () => {},
	};
	return {ctx, stdout: () => out, stderr: () => err};
}
