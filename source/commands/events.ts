import {ChangeFeed, changeLineJson, formatChangeLine, isIdle} from '../output/events.js';
import {liveStore, loadCommandConfig} from './context.js';
import {formatProviderError} from './report.js';
import type {CommandContext} from './context.js';
import {EXIT} from './exit.js';

export interface EventsOptions {
	source: readonly string[];
	json: boolean;
	/** End once nothing runs any more: 0, or 1 when a run seen concluding failed. */
	untilIdle: boolean;
}

/**
 * `citop events`: follows every (selected) source and prints one line per change as it happens
 * (NDJSON with --json), for chat hooks and deploy scripts. Runs until interrupted, or with
 * --until-idle until nothing runs.
 */
export async function eventsCommand(ctx: CommandContext, options: EventsOptions): Promise<number> {
	const config = await loadCommandConfig(ctx, options.source);
	const store = await liveStore(config, config.sources);
	const feed = new ChangeFeed();
	ctx.onInterrupt(() => store.stop());
	store.start();
	try {
		return await new Promise<number>((resolve) => {
			const check = () => {
				const snapshot = store.getSnapshot();
				for (const line of feed.next(snapshot)) {
					ctx.stdout.write(`${options.json ? changeLineJson(line) : formatChangeLine(line)}\n`);
					const error = line.kind === 'stale' ? snapshot.sources.find((source) => source.name === line.source)?.lastError : null;
					if (error) ctx.reporter.error(`${formatProviderError(error, line.source)}; retrying`);
				}
				const refused = snapshot.sources.find((source) => source.health === 'auth');
				if (refused) {
					// Polling stops on a refused token: nothing more would come.
					unsubscribe();
					resolve(EXIT.provider);
					return;
				}
				if (options.untilIdle && isIdle(snapshot)) {
					unsubscribe();
					resolve(feed.failures > 0 ? EXIT.runFailed : EXIT.ok);
				}
			};
			// The store's timers do not keep the process alive (a finished command must end): this does.
			const alive = setInterval(() => {}, 60_000);
			const store$ = store.subscribe(check);
			const unsubscribe = () => {
				store$();
				clearInterval(alive);
			};
			ctx.signal.addEventListener('abort', () => {
				unsubscribe();
				resolve(EXIT.interrupted);
			});
			check();
		});
	} finally {
		await store.stop();
	}
}
