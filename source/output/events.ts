import {isActive, isConcluded} from '../model/status.js';
import {redactSecrets} from '../model/secrets.js';
import {parseRunKey} from '../store/keys.js';
import type {SourceHealth, StoreSnapshot, TransitionEvent} from '../store/types.js';
import {toSafeJson} from './json.js';
import {formatStamp} from './time.js';

/** One line of `citop events`: a run appeared, changed status or concluded; a source went stale or recovered. */
export interface ChangeLine {
	/** Clock ms the change was seen. */
	at: number;
	source: string;
	/** The run's id as the provider gave it; null for a source's own change. */
	run: string | null;
	/** The run as the RUN column shows it; null for a source's own change. */
	label: string | null;
	/** A run's status, or a source's state ('ok', 'stale'). */
	from: string | null;
	to: string;
	kind: 'added' | 'status' | 'concluded' | 'stale' | 'recovered';
}

/** A source's health as the feed tells it: only "ok" and "stale" are changes a script acts on. */
function feedHealth(health: SourceHealth): 'ok' | 'stale' | null {
	if (health === 'ok') return 'ok';
	if (health === 'stale' || health === 'error' || health === 'auth') return 'stale';
	return null;
}

/**
 * What has changed since the last snapshot seen. Runs and nodes come from the store's event log
 * (whose entries keep their identity); the first answer of a source is its starting point, not a
 * change. Only runs are told (nodes change only in an open run's tree).
 */
export class ChangeFeed {
	private lastEvent: TransitionEvent | null = null;
	private readonly health = new Map<string, 'ok' | 'stale'>();
	/** Runs seen concluding with failed during the feed. */
	failures = 0;

	next(snapshot: StoreSnapshot): ChangeLine[] {
		const lines: ChangeLine[] = [];
		for (const source of snapshot.sources) {
			const now = feedHealth(source.health);
			const before = this.health.get(source.name);
			if (now === null || now === before) continue;
			this.health.set(source.name, now);
			if (before === undefined && now === 'ok') continue;
			lines.push({at: snapshot.now, source: source.name, run: null, label: null, from: before ?? null, to: now, kind: now === 'ok' ? 'recovered' : 'stale'});
		}
		const events = snapshot.events;
		const start = this.lastEvent === null ? 0 : events.lastIndexOf(this.lastEvent) + 1;
		for (const event of events.slice(start)) {
			if (event.nodeId !== null) continue;
			if (event.to === 'failed') this.failures++;
			lines.push(runLine(event));
		}
		this.lastEvent = events.at(-1) ?? this.lastEvent;
		return lines;
	}
}

function runLine(event: TransitionEvent): ChangeLine {
	return {
		at: event.at,
		source: event.source,
		run: redactSecrets(parseRunKey(event.runKey).id),
		label: event.runLabel,
		from: event.from,
		to: event.to,
		kind: event.kind === 'added' ? 'added' : isConcluded(event.to) ? 'concluded' : 'status',
	};
}

/** Whether every source has answered and nothing of any source runs or waits. */
export function isIdle(snapshot: StoreSnapshot): boolean {
	if (snapshot.sources.some((source) => source.lastSuccessAt === null)) return false;
	return !snapshot.runs.some((run) => isActive(run.status));
}

/** The line as text: time, source, run, what changed. */
export function formatChangeLine(line: ChangeLine): string {
	const what = line.from === null ? line.to : `${line.from} → ${line.to}`;
	const subject = line.label === null ? line.source : `${line.source} ${line.label}`;
	return `${formatStamp(line.at)}  ${subject}  ${line.kind === 'added' ? `new, ${line.to}` : what}`;
}

/** The line as one NDJSON object, with the time in ISO form. */
export function changeLineJson(line: ChangeLine): string {
	return toSafeJson({...line, at: new Date(line.at).toISOString()}, 0);
}
