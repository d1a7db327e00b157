import type {ReactNode} from 'react';
import {createContext, useContext, useEffect, useState, useSyncExternalStore} from 'react';
import type {Clock, TimerHandle} from '../../model/clock.js';
import {TICK_MS, tickAt} from '../logic/time.js';

export {TICK_MS} from '../logic/time.js';

export interface Tick {
	now: number;
	/** The shared spinner frame. */
	frame: number;
}

/** The one timer of the whole UI: it drives every spinner, every ticking duration and the header clock. */
export class Ticker {
	private readonly listeners = new Set<() => void>();
	private readonly beforeFrame = new Set<() => void>();
	/** performance.now() of the last frame, or -Infinity before the first. */
	lastFrameAt = -Infinity;
	private current: Tick;
	private handle: TimerHandle | null = null;

	constructor(private readonly clock: Clock) {
		this.current = this.read();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		if (this.listeners.size === 1) this.schedule();
		return () => {
			this.listeners.delete(listener);
			if (this.listeners.size === 0) this.stop();
		};
	};

	readonly getSnapshot = (): Tick => this.current;

	/**
	 * `run` is called on each frame just before the clock's listeners, in the same turn, so what it
	 * updates is drawn in the same render as the clock (React renders once per turn).
	 */
	onFrame(run: () => void): () => void {
		this.beforeFrame.add(run);
		return () => this.beforeFrame.delete(run);
	}

	stop(): void {
		if (this.handle !== null) this.clock.clearTimeout(this.handle);
		this.handle = null;
	}

	private read(): Tick {
		return tickAt(this.clock.now());
	}

	private schedule(): void {
		this.stop();
		const delay = TICK_MS - (this.clock.now() % TICK_MS);
		this.handle = this.clock.setTimeout(() => {
			this.handle = null;
			this.current = this.read();
			this.lastFrameAt = performance.now();
			for (const run of [...this.beforeFrame]) run();
			for (const listener of [...this.listeners]) listener();
			if (this.listeners.size > 0) this.schedule();
		}, delay);
	}
}

const TickContext = createContext<Ticker | null>(null);

/** The one Ticker of a screen, stopped when the screen goes. */
export function useTicker(clock: Clock): Ticker {
	const [ticker] = useState(() => new Ticker(clock));
	useEffect(() => () => ticker.stop(), [ticker]);
	return ticker;
}

export function TickProvider({ticker, children}: {ticker: Ticker; children: ReactNode}) {
	return <TickContext.Provider value={ticker}>{children}</TickContext.Provider>;
}

export function useTick(): Tick {
	const ticker = useContext(TickContext);
	if (!ticker) throw new Error('useTick needs a TickProvider');
	return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
