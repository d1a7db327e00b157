import {execFileSync} from 'node:child_process';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import {ConfigError, parseConfig} from '../../source/config/index.js';

/** A temp directory for config files; remove() when done. */
export async function tempDir(): Promise<{dir: string; write(name: string, text: string, mode?: number): Promise<string>; remove(): Promise<void>}> {
	const dir = await mkdtemp(join(tmpdir(), 'citop-config-'));
	return {
		dir,
		async write(name, text, mode = 0o600) {
			const path = join(dir, name);
			await writeFile(path, text);
			await chmod(path, mode);
			return path;
		},
		remove: () => rm(dir, {recursive: true, force: true}),
	};
}

/** The lines of the ConfigError a promise rejects with. */
export async function configErrorLines(promise: Promise<unknown>): Promise<readonly string[]> {
	try {
		await promise;
	} catch (error) {
		const lines = (error as {lines?: readonly string[]}).lines;
		if (!lines) throw error;
		expect((error as {exitCode?: number}).exitCode).toBe(2);
		return lines;
	}
	throw new Error('expected a ConfigError');
}

/** The ids of the processes whose command line is exactly `args` (e.g. "sleep 100002"). */
export function processesRunning(args: string): number[] {
	return execFileSync('ps', ['-eo', 'pid=,args='], {encoding: 'utf8'})
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
		.filter((match) => match?.[2] === args)
		.map((match) => Number(match?.[1]));
}

/** The lines a config text is refused with (a ConfigError, exit code 2). */
export function problems(text: string): readonly string[] {
	try {
		parseConfig(text, 'config.yaml');
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).exitCode).toBe(2);
		return (error as ConfigError).lines;
	}
	throw new Error('expected the config to be refused');
}
