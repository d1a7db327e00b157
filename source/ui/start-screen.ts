import {isatty} from 'node:tty';
import {liveViewRefusal} from '../commands/exit.js';
import {locateConfig} from '../config/locate.js';
import {guardTerminal} from '../output/guard.js';
import {prefersAscii, shouldUseColor} from '../output/terminal.js';
import type {CachedRuns} from '../store/cache.js';
import {cacheDir} from '../store/cache-dir.js';
import {readCacheAt} from '../store/cache-read.js';
import {readStartEntry} from '../store/start-file.js';
import type {StoreSnapshot} from '../store/types.js';
import {themeOf} from './logic/theme.js';
import {startFrameLines} from './start-frame.js';
import {cachedSnapshot, emptySnapshot} from './state/starting-store.js';
import {holdStartScreen, leaveStartScreen} from './terminal/start-handoff.js';
import {ScreenWriter} from './terminal/screen.js';
import {ENTER_SCREEN, LEAVE_SCREEN} from './terminal/sequences.js';

/** The live view's command line, when that is all it is: `citop [demo] [--config PATH] [--no-color] [--debug]`. */
export interface LiveViewArgs {
	demo: boolean;
	config?: string;
	noColor: boolean;
}

/** The args (after `citop`) as a start of the live view, or null for anything else (commander reads those). */
export function liveViewArgs(args: readonly string[]): LiveViewArgs | null {
	const start: LiveViewArgs = {demo: false, noColor: false};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === 'demo' && !start.demo) start.demo = true;
		else if (arg === '--no-color') start.noColor = true;
		else if (arg === '--debug') continue;
		else if (arg === '--config' && i + 1 < args.length) start.config = args[++i];
		else if (arg.startsWith('--config=') && arg.length > '--config='.length) start.config = arg.slice('--config='.length);
		else return null;
	}
	return start;
}

/** The sources and cached runs the last live view of this config left, exactly as the live view will show them first. */
function keptSnapshot(start: LiveViewArgs, env: NodeJS.ProcessEnv, now: number): {snapshot: StoreSnapshot; color: 'auto' | 'always' | 'never'} | null {
	if (start.demo) return {snapshot: emptySnapshot(now), color: 'auto'};
	const entry = readStartEntry(cacheDir(env), locateConfig({...(start.config ? {flag: start.config} : {}), env}).path);
	if (entry === null) return null;
	const seeds = new Map<string, CachedRuns>();
	for (const source of entry.sources) {
		const read = readCacheAt(source.file, source.name);
		// The live view would name an ignored file in its footer: it draws that frame itself.
		if (read.state === 'ignored') return null;
		if (read.state === 'ok') seeds.set(source.name, read.cached);
	}
	return {snapshot: cachedSnapshot(entry.sources, (name) => seeds.get(name) ?? null, now), color: entry.color};
}

const SIGNALS = {SIGTERM: 143, SIGINT: 130, SIGQUIT: 131} as const;

/**
 * Draws the live view's first frame at once, before the config, Ink and React load: the sources
 * and cached runs the last live view of the same config file left (the demo: the empty screen).
 * The live view then draws over it, cell by cell, from the same writer. Draws nothing (false)
 * for other commands, without a terminal, or when anything kept is missing or differs: the live
 * view reads the config as always and draws its own first frame.
 */
export function showStartScreen(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
	const start = liveViewArgs(args);
	if (start === null || liveViewRefusal({isTTY: isatty(0)}, {isTTY: isatty(1)}, env) !== null) return false;
	let kept;
	try {
		kept = keptSnapshot(start, env, Date.now());
	} catch {
		// No home directory, a current directory that was removed: the live view says what went wrong, in one line.
		return false;
	}
	if (kept === null) return false;
	const {stdout, stdin} = process;
	const size = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const color = shouldUseColor({noColorFlag: start.noColor, config: kept.color, env, isTTY: true});
	const lines = startFrameLines(kept.snapshot, size, themeOf(color, prefersAscii(env)));
	if (lines === null) return false;
	// Keys typed from now on wait for the live view, instead of being echoed over the frame.
	stdin.setRawMode(true);
	const writer = new ScreenWriter(stdout);
	stdout.write(ENTER_SCREEN);
	writer.frame(lines.join('\n'));
	writer.flush();
	// Should citop be killed before it is done, the terminal still gets its screen back.
	const unguard = guardTerminal(stdout, LEAVE_SCREEN);
	const handlers = Object.entries(SIGNALS).map(([signal, code]) => {
		const handler = () => {
			leaveStartScreen();
			process.exit(code);
		};
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	const onExit = () => leaveStartScreen();
	process.on('exit', onExit);
	holdStartScreen({
		writer,
		...size,
		release: () => {
			process.off('exit', onExit);
			for (const [signal, handler] of handlers) process.off(signal, handler);
		},
		unguard,
	});
	return true;
}
