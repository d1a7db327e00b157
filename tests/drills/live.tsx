import {render} from 'ink-testing-library';
import {systemClock} from '../../source/model/clock.js';
import {createSourceClient} from '../../source/providers/index.js';
import type {HttpOptions} from '../../source/providers/index.js';
import {createStore} from '../../source/store/index.js';
import type {LiveStore, SourceState, StoreSettings} from '../../source/store/index.js';
import {App} from '../../source/ui/app.js';
import type {DrillSim} from './sim.js';
import {until} from './sim.js';
import {terminalOut} from '../../source/ui/terminal/clipboard.js';

const SGR = /\u001b\[[0-9;]*m/g;

export function plain(frame: string): string {
	return frame.replace(SGR, '');
}

/**
 * Short intervals so a drill runs in seconds: polls every 300 ms while something runs and every
 * second when all is quiet; an error backs off at most one slow interval; no jitter, so "within
 * one slow interval" is exact. A request gives up after 1 s (one retry) or 3 s in all: generous,
 * as the simulator shares this process and the machine may be busy, and room for a Retry-After
 * of 1 s and the retry after it, so a 429 storm is reported as such, not as a timeout.
 */
export const DRILL_SETTINGS: Partial<StoreSettings> = {fastIntervalMs: 300, slowIntervalMs: 1_000, maxBackoffMs: 1_000, jitter: 0};
export const DRILL_CLIENT: HttpOptions = {attemptTimeoutMs: 1_000, totalTimeoutMs: 3_000, retries: 1, retryBaseMs: 50};

export interface LiveOptions {
	sources: readonly string[];
	columns?: number;
	rows?: number;
}

export type Live = Awaited<ReturnType<typeof startLive>>;

/**
 * citop's App rendered by ink-testing-library over the real store, polling the real simulator
 * over HTTP on the system clock, as `citop` runs it (short intervals aside).
 */
export async function startLive(drill: DrillSim, options: LiveOptions) {
	const store: LiveStore = createStore({
		sources: drill.specs(options.sources),
		clientFactory: (spec, clientOptions) => createSourceClient(spec, {...DRILL_CLIENT, ...clientOptions}),
		settings: DRILL_SETTINGS,
	});
	const writes: string[] = [];
	let quits = 0;
	const size = {columns: options.columns ?? 140, rows: options.rows ?? 30};
	const instance = render(
		<App
			store={store}
			clock={systemClock}
			color={false}
			// ASCII has no turning spinner, so the screen redraws once a second instead of eight
			// times: the simulator shares this process, and the drills are about faults, not glyphs.
			ascii={true}
			notify={{bell: true, osc9: false}}
			size={size}
			terminal={terminalOut((data) => writes.push(data), {})}
			onQuit={() => {
				quits++;
			}}
		/>,
	);
	store.start();
	const frame = () => instance.lastFrame() ?? '';
	const text = () => plain(frame());
	const sources = (): readonly SourceState[] => store.getSnapshot().sources;
	const source = (name: string): SourceState => {
		const found = sources().find((item) => item.name === name);
		if (!found) throw new Error(`no source ${name}`);
		return found;
	};
	const describe = () => `${sources().map((item) => `${item.name}=${item.health}`).join(' ')}\n${text()}`;

	/** Waits until the screen (and the store) satisfy `check`. */
	const waitFor = (check: (text: string) => boolean, what: string, timeoutMs = 10_000) => until(() => check(text()), () => `${what}; now:\n${describe()}`, timeoutMs);

	return {
		store,
		writes,
		frame,
		text,
		frames: () => instance.frames as string[],
		quits: () => quits,
		sources,
		source,
		waitFor,
		/** Types keys into the App. */
		press: (keys: string) => instance.stdin.write(keys),
		/** Every source fresh, on screen and in the store. */
		allFresh: (timeoutMs = 10_000) =>
			waitFor(() => sources().every((item) => item.health === 'ok') && options.sources.every((name) => headerWord(text(), name) === 'ok'), 'every source fresh', timeoutMs),
		stop: async () => {
			instance.unmount();
			await store.stop();
		},
	};
}

/** The header's word for a source: "ok", "STALE", "loading", "error"… */
export function headerWord(text: string, name: string): string | null {
	const header = text.split('\n')[0] ?? '';
	const at = header.indexOf(` ${name} `);
	if (at < 0) return null;
	return header.slice(at + name.length + 2).split(/\s/)[0] ?? null;
}

/** The run list's rows: between the column titles and the rule above the footer. */
export function listRows(text: string): string[] {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => /\bSTATUS\b/.test(line) && /\bSOURCE\b|\bRUN\b/.test(line));
	const end = lines.findIndex((line, index) => index > start && /^[─-]{20,}/.test(line));
	return start < 0 ? [] : lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.trim() !== '');
}
