import type {Expected, RunEstimate} from '../model/estimate.js';
import type {Status, StatusFlags} from '../model/status.js';
import {formatDuration, formatSpan} from './time.js';

const UNICODE: Record<Status, string> = {
	success: '✓',
	failed: '✗',
	// Still: printed text cannot turn, and a spinner frame frozen in a log reads as a glitch.
	running: '▷',
	queued: '○',
	canceled: '⊘',
	skipped: '↷',
	unknown: '?',
};

const ASCII: Record<Status, string> = {
	success: '+',
	failed: 'x',
	running: '*',
	queued: '.',
	canceled: '-',
	skipped: '>',
	unknown: '?',
};

export function statusGlyph(status: Status, ascii: boolean): string {
	return (ascii ? ASCII : UNICODE)[status];
}

/** The common word, refined by the flag a person needs to know about (a timeout is not just a failure). */
export function statusWord(status: Status, flags: StatusFlags): string {
	if (flags.timeout) return 'timed out';
	if (flags.awaitingApproval) return 'approval';
	if (flags.canceling) return 'canceling';
	return status;
}

/** A progress bar of `width` cells, or '' when the progress is unknown. */
export function progressBar(progress: number | null, width: number, ascii: boolean): string {
	if (progress === null) return '';
	const filled = Math.round(Math.min(1, Math.max(0, progress)) * width);
	const [full, empty] = ascii ? ['#', '.'] : ['█', '░'];
	return full.repeat(filled) + empty.repeat(width - filled);
}

/** Progress as a percent in four columns: "  7%", " 52%", "100%". */
export function percentText(progress: number): string {
	return `${Math.round(progress * 100)}%`.padStart(4);
}

/** A bar of `width` cells and the percent beside it. */
export function progressLabel(progress: number, width: number, ascii: boolean): string {
	return `${progressBar(progress, width, ascii)} ${percentText(progress)}`;
}

/**
 * What a progress cell shows, alike in the live list, its tree and `citop runs`: bar and percent for
 * running work only (a concluded run's full bar says nothing, least of all for a failure), the
 * provider's own word for an unknown status. `barWidth` 0 gives the percent alone.
 */
export function runProgress(
	item: {status: Status; progress: number | null; providerStatus: string | null},
	ascii: boolean,
	barWidth: number,
): string {
	if (item.status === 'unknown') return item.providerStatus === null ? '' : `(${item.providerStatus})`;
	if (item.status !== 'running' || item.progress === null) return '';
	return barWidth === 0 ? percentText(item.progress) : progressLabel(item.progress, barWidth, ascii);
}

/** Time left by the history: "~2m left", or "+1:20 over" once past the usual time; '' when the history says nothing. */
export function timeLeftText(estimate: RunEstimate): string {
	if (estimate.progressFrom !== 'history' || estimate.leftMs === null || estimate.overMs === null) return '';
	return estimate.overMs > 0 ? `+${formatDuration(estimate.overMs)} over` : `~${formatSpan(estimate.leftMs)} left`;
}

/**
 * A history estimate's progress cell, drawn apart from the provider's ("####.... 52%"): other bar
 * glyphs, no percent, the time left beside it ("▰▰▰▱▱▱▱ ~2m left", "▰▰▰▰▰ +1:20 over").
 * `width` 0 gives the short form ("~2m", "+1m"); '' when the history says nothing.
 */
export function estimateText(estimate: RunEstimate, ascii: boolean, width: number): string {
	const words = timeLeftText(estimate);
	if (words === '') return '';
	const over = (estimate.overMs ?? 0) > 0;
	if (width === 0) return over ? `+${formatSpan(estimate.overMs ?? 0)}` : `~${formatSpan(estimate.leftMs ?? 0)}`;
	const cells = Math.max(0, width - words.length - 1);
	const filled = over ? cells : Math.round((estimate.progress ?? 0) * cells);
	const [full, empty] = ascii ? ['=', '-'] : ['▰', '▱'];
	return `${full.repeat(filled)}${empty.repeat(cells - filled)} ${words}`;
}

/** What a pipeline usually takes and how sure that is: "usually 10:00 (9:00–11:00, 4 runs)"; '' without history. */
export function usualText(expected: Expected | null, ascii: boolean): string {
	if (expected === null) return '';
	const spread = `${formatDuration(expected.lowMs)}${ascii ? '-' : '–'}${formatDuration(expected.highMs)}`;
	return `usually ${formatDuration(expected.ms)} (${spread}, ${expected.runs} runs)`;
}
