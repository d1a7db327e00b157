import type {ReactNode} from 'react';
import {createContext, useContext, useEffect, useState, useSyncExternalStore} from 'react';
import type {Clock, TimerHandle} from '../../model/clock.js';

/**
 * Two frames a second: a spinner that reads as alive, while each frame is a whole screen for Ink to
 * lay out (the CPU cost of an idle screen grows with this rate). A divisor of the second, so the
 * ticking durations move with it.
 */
export const SPINNER_MS = 500;
const SLOW_MS = 1000;

export interface Tick {
	now: number;
	/** The shared spinner frame. */
	frame: number;
}

/**
 * The one timer of the whole UI: it drives every spinner, every ticking duration and the header
 * clock. Fast while something spins; once a second otherwise (clock and ages), on the second.
 */
export class Ticker {
	private readonly listeners = new Set<() => void>();
	private current: Tick;
	private handle: TimerHandle | null = null;
	private fast = false;

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

	setFast(fast: boolean): void {
		if (fast === this.fast) return;
		this.fast = fast;
		if (this.listeners.size > 0) this.schedule();
	}

	stop(): void {
		if (this.handle !== null) this.clock.clearTimeout(this.handle);
		this.handle = null;
	}

	private read(): Tick {
		const now = this.clock.now();
		return {now, frame: Math.floor(now / SPINNER_MS)};
	}

	private schedule(): void {
		this.stop();
		const period = this.fast ? SPINNER_MS : SLOW_MS;
		const delay = period - (this.clock.now() % period);
		this.handle = this.clock.setTimeout(() => {
			this.handle = null;
			this.current = this.read();
			for (const listener of [...this.listeners]) listener();
			if (this.listeners.size > 0) this.schedule();
		}, delay);
	}
}

const TickContext = createContext<Ticker | null>(null);

export function TickProvider({clock, fast, children}: {clock: Clock; fast: boolean; children: ReactNode}) {
	const [ticker] = useState(() => new Ticker(clock));
	useEffect(() => ticker.setFast(fast), [ticker, fast]);
	useEffect(() => () => ticker.stop(), [ticker]);
	return <TickContext.Provider value={ticker}>{children}</TickContext.Provider>;
}

export function useTick(): Tick {
	const ticker = useContext(TickContext);
	if (!ticker) throw new Error('useTick needs a TickProvider');
	return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
