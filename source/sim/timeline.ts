/**
 * A run's whole life is planned up front as spans on the clock; its state at any
 * moment is read from them. So a ManualClock jump of ten minutes costs nothing,
 * and an abort is just a cut applied to the plan.
 */

/** How a node ends. `skipped` means it never ran (each provider says that in its own word). */
export type Outcome = 'success' | 'failed' | 'timeout' | 'canceled' | 'skipped';

/** Where a node is at a moment. */
export type Phase = 'waiting' | 'running' | Outcome;

export interface Span {
	/** Clock ms it starts running; null when it never runs. */
	start: number | null;
	/** Clock ms it concludes. */
	end: number;
	outcome: Outcome;
}

/** A decision to stop a run early: an abort, a cancel, a test forcing an end. */
export interface Cut {
	/** When it was asked for (Northflank shows `aborting` from here). */
	requestedAt: number;
	/** When it takes effect. */
	at: number;
	/** What a node running at `at` ends as. */
	outcome: Outcome;
}

export function phaseAt(span: Span, now: number): Phase {
	if (now >= span.end) return span.outcome;
	if (span.start === null || now < span.start) return 'waiting';
	return 'running';
}

/**
 * The span as the cut leaves it: a node that ends before the cut takes effect ends as planned,
 * a node running when the cut was asked for ends at the cut, and one not started by then never runs.
 */
export function cutSpan(span: Span, cut: Cut | null | undefined): Span {
	if (!cut || span.end <= cut.at) return span;
	if (span.start === null || span.start >= Math.min(cut.requestedAt, cut.at)) return {start: null, end: cut.at, outcome: 'skipped'};
	return {start: span.start, end: cut.at, outcome: cut.outcome};
}

const SEVERITY: Record<Outcome, number> = {failed: 4, timeout: 3, canceled: 2, success: 1, skipped: 0};

/** The outcome of a group: the worst of its members. */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
	let worst: Outcome = 'skipped';
	for (const outcome of outcomes) if (SEVERITY[outcome] > SEVERITY[worst]) worst = outcome;
	return worst;
}

/** A group's span from its members' spans. */
export function groupSpan(spans: readonly Span[], fallbackEnd: number): Span {
	let start: number | null = null;
	let end = spans.length === 0 ? fallbackEnd : Number.NEGATIVE_INFINITY;
	for (const span of spans) {
		if (span.start !== null && (start === null || span.start < start)) start = span.start;
		if (span.end > end) end = span.end;
	}
	return {start, end, outcome: worstOutcome(spans.map((span) => span.outcome))};
}

/** A node that will never run because something before it failed or was stopped at `at`. */
export function neverRuns(at: number): Span {
	return {start: null, end: at, outcome: 'skipped'};
}

/** The share of a span elapsed at `now`, 0..1. */
export function elapsedShare(start: number, end: number, now: number): number {
	if (end <= start) return now >= end ? 1 : 0;
	return Math.min(1, Math.max(0, (now - start) / (end - start)));
}
