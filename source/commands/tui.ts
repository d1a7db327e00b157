import type {LoadedConfig} from '../config/load.js';
import {createSourceClient} from '../providers/index.js';
import type {SourceSpec} from '../providers/types.js';
import {createStore} from '../store/index.js';
import {isInteractive, loadCommandConfig, useAscii, useColor} from './context.js';
import type {CommandContext} from './context.js';
import {CliError, EXIT, NEEDS_TERMINAL} from './exit.js';

function refuseWithoutTerminal(ctx: Pick<CommandContext, 'stdin' | 'stdout'>): void {
	if (!isInteractive(ctx)) throw new CliError(NEEDS_TERMINAL, EXIT.usage);
}

type Settings = Pick<LoadedConfig, 'poll' | 'highlightMs' | 'notify' | 'color'>;

const DEMO_SETTINGS: Settings = {
	poll: {fastMs: 3_000, slowMs: 30_000, maxBackoffMs: 300_000},
	highlightMs: 6_000,
	notify: {bell: true, osc9: false},
	color: 'auto',
};

type Ui = typeof import('../ui/index.js');

// Ink, React and the screens load only for the live view, so the script commands start fast.
const loadUi = (): Promise<Ui> => import('../ui/index.js');

async function showTui(ctx: CommandContext, ui: Promise<Ui>, sources: readonly SourceSpec[], settings: Settings, config: LoadedConfig | null): Promise<number> {
	const store = createStore({
		sources,
		clientFactory: createSourceClient,
		settings: {
			fastIntervalMs: settings.poll.fastMs,
			slowIntervalMs: settings.poll.slowMs,
			maxBackoffMs: settings.poll.maxBackoffMs,
			highlightMs: settings.highlightMs,
		},
	});
	const {runTui} = await ui;
	store.start();
	try {
		return await runTui({store, color: useColor(ctx, config), ascii: useAscii(ctx), notify: settings.notify});
	} finally {
		await store.stop();
	}
}

/** `citop`: the live view of the configured sources. */
export async function tuiCommand(ctx: CommandContext): Promise<number> {
	refuseWithoutTerminal(ctx);
	const ui = loadUi();
	const config = await loadCommandConfig(ctx);
	return showTui(ctx, ui, config.sources, config, config);
}

/** `citop demo`: the live view on a simulator in this process; no config, no token. */
export async function demoCommand(ctx: CommandContext): Promise<number> {
	refuseWithoutTerminal(ctx);
	// The screen's modules load while the simulator starts: first frame sooner.
	const ui = loadUi();
	const {startSimulator} = await import('../sim/index.js');
	const simulator = await startSimulator({});
	try {
		ctx.reporter.addSecrets(simulator.sources.map((source) => source.token));
		return await showTui(ctx, ui, simulator.sources, DEMO_SETTINGS, null);
	} finally {
		await simulator.stop();
	}
}
