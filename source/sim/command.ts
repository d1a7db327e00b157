import {chmod, writeFile} from 'node:fs/promises';
import type {SimulatorHandle} from './index.js';

export interface SimCommandOptions {
	port?: number;
	seed?: number;
	/** Run-duration divisor, as in startSimulator. */
	speed?: number;
	/** Copies of the cast, as in startSimulator. */
	copies?: number;
	/** Write a citop config for every simulated source here (mode 0600). */
	configOut?: string;
	stdout: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
	/** Stops the simulator when aborted, like SIGINT and SIGTERM do. */
	signal?: AbortSignal;
}

function describe(handle: SimulatorHandle): string {
	const lines = [`citop simulator listening on ${handle.url}`, ''];
	for (const [provider, url] of Object.entries(handle.baseUrls)) {
		lines.push(`  ${provider.padEnd(12)} ${url}  token ${handle.tokens[provider as keyof typeof handle.tokens]}`);
	}
	lines.push('', 'sources:');
	for (const source of handle.sources) {
		const where =
			source.provider === 'sourcecraft'
				? source.repoId
					? `repoId ${source.repoId}`
					: `${source.org}/${source.repo}`
				: source.provider === 'wercker'
					? source.pipelineId
						? `pipelineId ${source.pipelineId}`
						: `applicationId ${source.applicationId}`
					: `${source.projectId}/${source.pipelineId}/${source.stage}`;
		lines.push(`  ${source.name.padEnd(14)} ${source.provider.padEnd(12)} ${where}`);
	}
	lines.push('', `control: GET ${handle.url}/_sim/state · POST ${handle.url}/_sim/faults · POST ${handle.url}/_sim/runs`);
	return `${lines.join('\n')}\n`;
}

/** Settles on SIGINT, SIGTERM or `signal`; `release` stops listening. */
function interruption(signal: AbortSignal | undefined): {settled: Promise<void>; release: () => void} {
	let release = () => {};
	const settled = new Promise<void>((resolve) => {
		release = () => {
			process.off('SIGINT', done);
			process.off('SIGTERM', done);
			signal?.removeEventListener('abort', done);
		};
		function done() {
			release();
			resolve();
		}
		process.once('SIGINT', done);
		process.once('SIGTERM', done);
		if (signal?.aborted) done();
		else signal?.addEventListener('abort', done, {once: true});
	});
	return {settled, release};
}

/** `citop sim`: start, say where everything is, write the config, serve until interrupted. Resolves with an exit code. */
export async function runSimCommand(options: SimCommandOptions): Promise<number> {
	// Listening before anything is printed: whoever reads "Ctrl-C stops it." may interrupt at once,
	// and a signal with no listener yet would kill the process before the simulator is stopped.
	const interrupted = interruption(options.signal);
	try {
		return await serve(options, interrupted.settled);
	} finally {
		interrupted.release();
	}
}

async function serve(options: SimCommandOptions, interrupted: Promise<void>): Promise<number> {
	const {startSimulator, simulatorConfigYaml} = await import('./index.js');
	let handle: SimulatorHandle;
	try {
		handle = await startSimulator({
			...(options.port !== undefined ? {port: options.port} : {}),
			...(options.seed !== undefined ? {seed: options.seed} : {}),
			...(options.speed !== undefined ? {speed: options.speed} : {}),
			...(options.copies !== undefined ? {copies: options.copies} : {}),
		});
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		(options.stderr ?? options.stdout).write(`citop sim: cannot start the simulator: ${reason}\n`);
		return 1;
	}
	try {
		options.stdout.write(describe(handle));
		if (options.configOut) {
			try {
				await writeFile(options.configOut, simulatorConfigYaml(handle), {mode: 0o600});
				// writeFile keeps the mode of a file that already existed.
				await chmod(options.configOut, 0o600);
			} catch (error) {
				const reason = error instanceof Error ? error.message : String(error);
				(options.stderr ?? options.stdout).write(`citop sim: cannot write the config: ${reason}\n`);
				return 1;
			}
			options.stdout.write(`config written to ${options.configOut}\n`);
		}
		options.stdout.write('Ctrl-C stops it.\n');
		await interrupted;
		return 0;
	} finally {
		await handle.stop();
	}
}
