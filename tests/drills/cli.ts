import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {until} from './sim.js';

const ROOT = new URL('../..', import.meta.url).pathname;
export const CLI = join(ROOT, 'dist', 'cli.js');

export function requireBuild(): void {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with "npm run build"`);
}

/** Waits for dist/cli.js: a build in progress (rm -rf dist, then the bundle) takes it away for a moment. */
export async function waitForBuild(timeoutMs = 60_000): Promise<void> {
	await until(() => existsSync(CLI), `${CLI} (build first with "npm run build")`, timeoutMs, 200);
}

/**
 * A home of its own for citop: HOME, the XDG directories, TMPDIR and the working directory all
 * point inside it, so every file citop (or Node on its behalf) writes lands where a test can read it.
 */
export interface Home {
	dir: string;
	env: NodeJS.ProcessEnv;
	/** Writes a file (mode 0600) that the test made, e.g. a config holding a token. */
	write(name: string, text: string): Promise<string>;
	/** Every file under the home that the test did not write itself, with its content. */
	filesWritten(): Promise<{path: string; content: Buffer}[]>;
	remove(): Promise<void>;
}

export async function makeHome(): Promise<Home> {
	const dir = await mkdtemp(join(tmpdir(), 'citop-drill-'));
	const env: NodeJS.ProcessEnv = {
		PATH: process.env['PATH'],
		HOME: dir,
		XDG_CONFIG_HOME: join(dir, '.config'),
		XDG_CACHE_HOME: join(dir, '.cache'),
		XDG_STATE_HOME: join(dir, '.local', 'state'),
		XDG_DATA_HOME: join(dir, '.local', 'share'),
		TMPDIR: join(dir, 'tmp'),
		LANG: 'C.UTF-8',
	};
	await mkdir(join(dir, 'tmp'), {recursive: true});
	const ours = new Set<string>();
	const walk = async (path: string): Promise<string[]> => {
		const entries = await readdir(path, {withFileTypes: true});
		const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(path, entry.name)) : Promise.resolve(entry.isFile() ? [join(path, entry.name)] : []))));
		return nested.flat();
	};
	return {
		dir,
		env,
		write: async (name, text) => {
			const path = join(dir, name);
			await writeFile(path, text);
			await chmod(path, 0o600);
			ours.add(path);
			return path;
		},
		filesWritten: async () => {
			const paths = (await walk(dir)).filter((path) => !ours.has(path));
			return Promise.all(paths.map(async (path) => ({path, content: await readFile(path)})));
		},
		remove: () => rm(dir, {recursive: true, force: true}),
	};
}

export interface CitopResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface Citop {
	readonly stdout: string;
	readonly stderr: string;
	readonly exited: boolean;
	/** Waits until `check` holds for the output so far; fails early if citop exits first. */
	waitFor(check: (out: {stdout: string; stderr: string}) => boolean, what: string, timeoutMs?: number): Promise<void>;
	done: Promise<CitopResult>;
	kill(signal?: NodeJS.Signals): void;
}

/** `node dist/cli.js …` in the home, stdin closed (not a terminal), killed after `timeoutMs`. */
export function startCitop(args: readonly string[], home: Home, options: {env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string} = {}): Citop {
	requireBuild();
	const child = spawn(process.execPath, [CLI, ...args], {
		cwd: home.dir,
		env: {...home.env, ...options.env},
		stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
	});
	if (options.input !== undefined) child.stdin?.end(options.input);
	let stdout = '';
	let stderr = '';
	let exited = false;
	// Decoded by the streams, so a character split across two chunks arrives whole.
	child.stdout?.setEncoding('utf8');
	child.stderr?.setEncoding('utf8');
	child.stdout?.on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr?.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
	const done = new Promise<CitopResult>((resolve) => {
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			exited = true;
			resolve({code, signal, stdout, stderr});
		});
	});
	return {
		get stdout() {
			return stdout;
		},
		get stderr() {
			return stderr;
		},
		get exited() {
			return exited;
		},
		waitFor: async (check, what, timeoutMs = 15_000) => {
			await until(
				() => check({stdout, stderr}) || exited,
				() => `${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`,
				timeoutMs,
			);
			if (!check({stdout, stderr})) throw new Error(`citop exited before ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
		},
		done,
		kill: (signal = 'SIGTERM') => {
			child.kill(signal);
		},
	};
}

export async function runCitop(args: readonly string[], home: Home, options: {env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string} = {}): Promise<CitopResult> {
	return startCitop(args, home, options).done;
}

/** Ends every citop still running from `started` (a test that failed half way must not leave one polling into the next). */
export async function endAll(started: Citop[]): Promise<void> {
	for (const citop of started.splice(0)) {
		if (!citop.exited) citop.kill('SIGKILL');
		await citop.done;
	}
}
