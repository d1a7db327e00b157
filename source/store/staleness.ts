import type {RunDetail, SourceState} from './types.js';

/**
 * Clock ms of the data a source's runs show while it cannot be refreshed (its polls fail or its
 * token is refused); null while it is fresh. What was running then may have ended since: the
 * view stops its spinners and clocks at this time and marks the rows stale.
 */
export function sourceStaleSince(source: SourceState): number | null {
	return source.health === 'stale' || source.health === 'auth' ? source.lastSuccessAt : null;
}

/** Clock ms of the open run's tree while its fetches fail; null while it is fresh. */
export function detailStaleSince(detail: RunDetail | null): number | null {
	return detail !== null && detail.error !== null && detail.run !== null ? detail.fetchedAt : null;
}
