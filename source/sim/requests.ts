import type {Outcome} from './timeline.js';

/** What every started run may be told up front: tests use it to get the run they need. */
export interface RunRequestBase {
	/** How the run ends (default: drawn from its seed, mostly success). */
	outcome?: Exclude<Outcome, 'skipped'>;
	/** How long its working part lasts, in seconds of clock time (default: drawn from its seed). */
	durationSec?: number;
	/** Who started it. */
	user?: string;
	/** Force the oddities on or off for this run (default: drawn from its seed). */
	odd?: boolean;
}

export const DEMO_USER = 'demo';
