import {formatProviderError} from '../../model/errors.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {sourceStaleSince} from '../../store/staleness.js';
import type {SourceState, StoreSnapshot, TransitionEvent} from '../../store/types.js';
import type {Part} from './compose.js';
import type {Tone} from './paint.js';
import type {Symbols} from './symbols.js';
import {formatSpan} from '../../output/time.js';
import {formatClock, formatUntil} from './time.js';

/** A source's health in a word or two, as the header shows it. */
export function healthText(source: SourceState, now: number): {text: string; tone: Tone} {
	switch (source.health) {
		case 'loading':
			return {text: 'loading', tone: 'muted'};
		case 'ok':
			return {text: 'ok', tone: 'ok'};
		case 'stale':
			return {text: source.lastSuccessAt === null ? 'STALE' : `STALE ${formatSpan(now - source.lastSuccessAt)}`, tone: 'warn'};
		case 'error':
			return {text: 'error', tone: 'error'};
		case 'auth':
			return {text: 'auth refused', tone: 'error'};
		case 'paused':
			return {text: 'paused', tone: 'muted'};
	}
}

/** Why a source waits beyond its usual interval, and until when: "rate limited, next poll 13:05:12"; '' when it does not. */
export function waitText(source: SourceState, now: number): string {
	const wait = source.wait;
	return wait !== null && wait.until > now ? `${wait.reason}, next poll ${formatClock(wait.until)}` : '';
}

/** Why a source is waiting, or how much of its request budget is left: "(budget spent, next poll 13:05:12)", "(812/1000)". */
export function rateText(source: SourceState, now: number): string {
	const wait = waitText(source, now);
	if (wait) return `(${wait})`;
	const rate = source.rate;
	if (!rate || rate.remaining === null) return '';
	return rate.limit === null ? `(${rate.remaining} left)` : `(${rate.remaining}/${rate.limit})`;
}

/** By source name: clock ms of the data shown, for each source that cannot be read now. */
export function staleSources(sources: readonly SourceState[]): ReadonlyMap<string, number> {
	const stale = new Map<string, number>();
	for (const source of sources) {
		const since = sourceStaleSince(source);
		if (since !== null) stale.set(source.name, since);
	}
	return stale;
}

/** The header's left side: "citop", then each source with its health and rate budget. */
export function headerParts(sources: readonly SourceState[], now: number): Part[] {
	const parts: Part[] = [{text: 'citop', bold: true, priority: 9}];
	sources.forEach((source, index) => {
		const health = healthText(source, now);
		const rate = rateText(source, now);
		const text = `${source.name} ${health.text}${rate ? ` ${rate}` : ''}`;
		// A source in trouble keeps its place in a narrow header before the healthy ones.
		const priority = (source.health === 'ok' || source.health === 'loading' ? 5 : 7) - index / 100;
		parts.push({text, tone: health.tone === 'ok' ? null : health.tone, priority});
	});
	return parts;
}

/** "acme/api #1283 running → failed 12:04:29" */
export function describeEvent(event: TransitionEvent, symbols: Symbols): string {
	const what = event.nodeTitle ? `${event.source} ${event.runLabel} ${event.nodeTitle}` : `${event.source} ${event.runLabel}`;
	const change = event.kind === 'added' || event.from === null ? `new, ${event.to}` : `${event.from} ${symbols.arrow} ${event.to}`;
	return `${what} ${change} ${formatClock(event.at)}`;
}

/** The source with the earliest of `at` (ignoring nulls), and that time; null when none has one. */
function earliest(sources: readonly SourceState[], at: (source: SourceState) => number | null): {source: SourceState; at: number} | null {
	let found: {source: SourceState; at: number} | null = null;
	for (const source of sources) {
		const value = at(source);
		if (value !== null && (found === null || value < found.at)) found = {source, at: value};
	}
	return found;
}


export interface FooterMessage {
	text: string;
	error: boolean;
}

/**
 * The first footer line: what just happened (the user's last action, else the last change),
 * how old the data is, when the next poll comes, and the current source's last error. With
 * several sources in view, each figure names the source it is about.
 */
export function footerParts(
	snapshot: StoreSnapshot,
	tab: string | null,
	message: FooterMessage | null,
	now: number,
	symbols: Symbols,
	warnings: readonly string[] = [],
): Part[] {
	const sources = tab === null ? snapshot.sources : snapshot.sources.filter((source) => source.name === tab);
	const parts: Part[] = [];
	if (message) {
		parts.push({text: message.text, tone: message.error ? 'error' : null, bold: message.error, priority: 4});
	} else {
		const event = [...snapshot.events].reverse().find((item) => tab === null || item.source === tab);
		if (event) parts.push({text: describeEvent(event, symbols), priority: 0});
	}
	const named = (source: SourceState, text: string): string => (sources.length > 1 ? `${source.name} ${text}` : text);
	const waiting = sources.find((source) => source.lastSuccessAt === null);
	if (waiting) parts.push({text: named(waiting, 'waiting for data'), tone: 'muted', priority: 2});
	else {
		const oldest = earliest(sources, (source) => source.lastSuccessAt);
		if (oldest) parts.push({text: named(oldest.source, `data ${formatSpan(now - oldest.at)} old`), tone: 'muted', priority: 2});
	}
	if (snapshot.paused) parts.push({text: 'polling paused', tone: 'warn', priority: 3});
	else {
		const next = earliest(sources, (source) => source.nextPollAt);
		if (next) parts.push({text: named(next.source, `next poll ${formatUntil(next.at, now)}`), tone: 'muted', priority: 1});
	}
	const failing = sources.find((source) => source.lastError !== null && source.health !== 'ok');
	// A source held back by its budget says why and until when (the failing one's error says why:
	// its wait goes in front of it, below); else the budget closest to running out.
	const holding = sources.filter((source) => waitText(source, now) !== '');
	const held = holding.find((source) => source !== failing);
	if (held) parts.push({text: `${held.name} ${rateText(held, now)}`, tone: 'warn', priority: 2.9});
	else if (holding.length === 0) {
		const budget = sources.filter((source) => rateText(source, now) !== '').sort((a, b) => (a.rate?.remaining ?? Infinity) - (b.rate?.remaining ?? Infinity))[0];
		if (budget) parts.push({text: `${budget.name} ${rateText(budget, now)}`, tone: 'muted', priority: 1});
	}
	// A warning about the setup (a config others can read) stays until citop is restarted without it.
	for (const warning of warnings) parts.push({text: `warning: ${sanitizeLine(warning)}`, tone: 'warn', bold: true, priority: 2.75});
	// An answer past citop's limits was cut: what is missing is said, not left to be guessed.
	const cut = sources.find((source) => source.cut !== null);
	if (cut) parts.push({text: `${cut.name}: ${cut.cut}`, tone: 'warn', priority: 2.7});
	// In the words `citop runs` uses: the host, the endpoint, what to check, the request id.
	if (failing?.lastError) {
		const error = formatProviderError(failing.lastError, failing.name).replaceAll('—', symbols.dash);
		// One part, so a narrow line cuts the error's end rather than dropping the wait or the error.
		const wait = failing.wait && holding.includes(failing) ? `${failing.name} next poll ${formatClock(failing.wait.until)} ${symbols.dot} ` : '';
		parts.push({text: wait + error, tone: 'error', priority: 3});
	}
	return parts;
}
