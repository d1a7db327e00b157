/** Order statistics over timings: the bench reports medians and p95s, never means (a GC pause is one sample, not a shift). */

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: readonly number[]): number {
	return percentile(samples, 50);
}

/** Rounds to `digits` decimals (figures are printed and stored rounded). */
export function round(value: number, digits = 2): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

/** Waits (real time) until `check` holds, polling every `everyMs`; throws `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000, everyMs = 5): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
