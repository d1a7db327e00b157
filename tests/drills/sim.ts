import type {ProviderName} from '../../source/model/run.js';
import type {SourceSpec} from '../../source/providers/types.js';
import {startSimulator} from '../../source/sim/index.js';
import type {Fault, SimulatorHandle, SimulatorOptions} from '../../source/sim/index.js';

/**
 * The simulator as a drill needs it: it can be taken down and brought back on the same port
 * (same seed, same tokens, so the same runs come back), while citop keeps the addresses it has.
 */
export class DrillSim {
	private running: SimulatorHandle | null;

	private constructor(
		private handle: SimulatorHandle,
		private readonly options: SimulatorOptions,
	) {
		this.running = handle;
	}

	static async start(options: SimulatorOptions = {}): Promise<DrillSim> {
		const handle = await startSimulator({port: 0, ...options});
		// Later starts reuse the port and the tokens the first one chose.
		return new DrillSim(handle, {...options, port: handle.port, tokens: handle.tokens});
	}

	/** The simulator serving now (the last one started, when it is down). */
	get sim(): SimulatorHandle {
		return this.handle;
	}

	get up(): boolean {
		return this.running !== null;
	}

	get tokens(): Record<ProviderName, string> {
		return this.handle.tokens;
	}

	specs(names: readonly string[]): SourceSpec[] {
		return names.map((name) => {
			const spec = this.handle.sources.find((source) => source.name === name);
			if (!spec) throw new Error(`the simulator has no source ${name}`);
			return spec;
		});
	}

	setFault(fault: Fault | null, provider: ProviderName | 'all' = 'all'): void {
		this.handle.setFault(provider, fault);
	}

	/** Stops answering: connections are refused until start(). */
	async down(): Promise<void> {
		const running = this.running;
		this.running = null;
		await running?.stop();
	}

	/** Serves again on the same port. */
	async start(): Promise<void> {
		if (this.running) return;
		this.handle = await startSimulator(this.options);
		this.running = this.handle;
	}

	async stop(): Promise<void> {
		await this.down();
	}
}

/** Waits in real time, polling, until `check` holds; fails with `what` and the last state after `timeoutMs`. */
export async function until(check: () => boolean, what: string | (() => string), timeoutMs = 10_000, everyMs = 20): Promise<number> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	return Date.now() - start;
}
