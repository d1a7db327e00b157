import type {ProviderErrorFields} from '../../model/errors.js';
import {errorSummary} from '../../model/errors.js';
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

/** Why a source is waiting, or how much of its request budget is left: "(rate limited, retry in 40s)", "(812/1000)". */
export function rateText(source: SourceState, now: number): string {
	const rate = source.rate;
	if (!rate) return '';
	if (rate.retryAfterMs !== null && rate.observedAt + rate.retryAfterMs > now) {
		return `(rate limited, retry in ${formatUntil(rate.observedAt + rate.retryAfterMs, now)})`;
	}
	if (rate.remaining === null) return '';
	return rate.limit === null ? `(${rate.remaining} left)` : `(${rate.remaining}/${rate.limit})`;
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

export function describeError(source: string, error: ProviderErrorFields): string {
	return `${source}: ${errorSummary(error)}`;
}

export interface FooterMessage {
	text: string;
	error: boolean;
}

/**
 * The first footer line: what just happened (the user's last action, else the last change),
 * how old the data is, when the next poll comes, and the current source's last error.
 */
export function footerParts(snapshot: StoreSnapshot, tab: string | null, message: FooterMessage | null, now: number, symbols: Symbols): Part[] {
	const sources = tab === null ? snapshot.sources : snapshot.sources.filter((source) => source.name === tab);
	const parts: Part[] = [];
	if (message) {
		parts.push({text: message.text, tone: message.error ? 'error' : null, bold: message.error, priority: 4});
	} else {
		const event = [...snapshot.events].reverse().find((item) => tab === null || item.source === tab);
		if (event) parts.push({text: describeEvent(event, symbols), priority: 0});
	}
	const successes = sources.map((source) => source.lastSuccessAt);
	if (successes.some((at) => at === null)) parts.push({text: 'waiting for data', tone: 'muted', priority: 2});
	else if (successes.length > 0) {
		const oldest = Math.min(...(successes as number[]));
		parts.push({text: `data ${formatSpan(now - oldest)} old`, tone: 'muted', priority: 2});
	}
	if (snapshot.paused) parts.push({text: 'polling paused', tone: 'warn', priority: 3});
	else {
		const next = sources.map((source) => source.nextPollAt).filter((at): at is number => at !== null);
		if (next.length > 0) parts.push({text: `next poll ${formatUntil(Math.min(...next), now)}`, tone: 'muted', priority: 1});
	}
	// The request budget closest to running out, for the sources in view.
	const budget = sources
		.filter((source) => rateText(source, now) !== '')
		.sort((a, b) => (a.rate?.remaining ?? Infinity) - (b.rate?.remaining ?? Infinity))[0];
	if (budget) parts.push({text: `${budget.name} ${rateText(budget, now)}`, tone: 'muted', priority: 1});
	const failing = sources.find((source) => source.lastError !== null && source.health !== 'ok');
	if (failing?.lastError) parts.push({text: describeError(failing.name, failing.lastError), tone: 'error', priority: 3});
	return parts;
}
