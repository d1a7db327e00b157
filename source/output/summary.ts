import {formatIso} from '../model/dates.js';
import type {Run} from '../model/run.js';
import {sanitizeLine} from '../model/sanitize.js';
import {redactSecrets} from '../model/secrets.js';
import type {RunSummary} from '../model/summary.js';
import {HOUR_MS, failedSince} from '../model/summary.js';
import {formatDuration, formatSpan} from './time.js';

/** Which figure a field is, so a view can give it its own look. */
export type SummaryField = 'running' | 'queued' | 'failed' | 'rate' | 'p50' | 'p90' | 'longest' | 'red';

/**
 * The summary's figures in words, most important first: "2 running", "1 queued", "3 failed in 1h",
 * "92% ok of 50", "p50 4:12", "p90 9:30", "longest #1290 12:04", "master red since #2290 (14m)".
 * Figures with nothing behind them (no concluded run, nothing running, no red branch) are left out.
 */
export function summaryFields(summary: RunSummary, now: number, options: {showSource: boolean}): {field: SummaryField; text: string}[] {
	const fields: {field: SummaryField; text: string}[] = [
		{field: 'running', text: `${summary.running} running`},
		{field: 'queued', text: `${summary.queued} queued`},
		{field: 'failed', text: `${failedSince(summary, now - HOUR_MS)} failed in 1h`},
	];
	if (summary.concluded > 0) fields.push({field: 'rate', text: `${Math.round((summary.succeeded / summary.concluded) * 100)}% ok of ${summary.concluded}`});
	if (summary.p50Ms !== null) fields.push({field: 'p50', text: `p50 ${formatDuration(summary.p50Ms)}`});
	if (summary.p90Ms !== null) fields.push({field: 'p90', text: `p90 ${formatDuration(summary.p90Ms)}`});
	// Across sources, a label or a branch alone could be any source's.
	const where = (run: Run) => (options.showSource ? `${run.source} ` : '');
	const longest = summary.longest;
	if (longest !== null) fields.push({field: 'longest', text: `longest ${where(longest.run)}${longest.run.label} ${formatDuration(now - longest.startedAt)}`});
	const red = summary.red;
	if (red !== null) {
		const more = summary.redBranches > 1 ? `, +${summary.redBranches - 1} red` : '';
		fields.push({field: 'red', text: `${where(red.since)}${sanitizeLine(red.branch, 40)} red since ${red.since.label} (${formatSpan(now - red.at)})${more}`});
	}
	return fields;
}

export interface SummaryJson {
	/** The source summed up; null for every source together. */
	source: string | null;
	running: number;
	queued: number;
	failedLastHour: number;
	/** Of the newest concluded runs (at most 50): how many, and the fraction that succeeded (null when none). */
	concluded: number;
	successRate: number | null;
	p50Sec: number | null;
	p90Sec: number | null;
	longest: (RunRef & {startedAt: string | null; seconds: number}) | null;
	red: (RunRef & {branch: string; at: string | null; seconds: number}) | null;
	redBranches: number;
}

interface RunRef {
	/** The run's source, id as the server sent it (a token echoed into it stays hidden) and label. */
	runSource: string;
	runId: string;
	runLabel: string;
}

function runRef(run: Run): RunRef {
	return {runSource: run.source, runId: redactSecrets(run.id), runLabel: run.label};
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** The summary as `citop summary --json` prints it. */
export function summaryToJson(source: string | null, summary: RunSummary, now: number): SummaryJson {
	const {longest, red} = summary;
	return {
		source,
		running: summary.running,
		queued: summary.queued,
		failedLastHour: failedSince(summary, now - HOUR_MS),
		concluded: summary.concluded,
		successRate: summary.concluded === 0 ? null : Math.round((summary.succeeded / summary.concluded) * 1000) / 1000,
		p50Sec: seconds(summary.p50Ms),
		p90Sec: seconds(summary.p90Ms),
		longest: longest === null ? null : {...runRef(longest.run), startedAt: formatIso(longest.startedAt), seconds: Math.max(0, Math.round((now - longest.startedAt) / 1000))},
		red: red === null ? null : {...runRef(red.since), branch: sanitizeLine(red.branch), at: formatIso(red.at), seconds: Math.max(0, Math.round((now - red.at) / 1000))},
		redBranches: summary.redBranches,
	};
}
