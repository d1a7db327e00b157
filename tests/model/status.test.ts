import {describe, expect, it} from 'vitest';
import {isActive, isConcluded, mapNorthflankStatus, mapSourceCraftStatus, mapWerckerStatus} from '../../source/model/status.js';

describe('SourceCraft Run.Status', () => {
	it.each([
		['created', 'queued'],
		['prepared', 'queued'],
		['processing', 'running'],
		['success', 'success'],
		['failed', 'failed'],
		['timeout', 'failed'],
		['canceled', 'canceled'],
		['paused', 'unknown'],
		['', 'unknown'],
	])('%j maps to %s and keeps the raw word', (raw, common) => {
		const mapped = mapSourceCraftStatus(raw);
		expect(mapped.status).toBe(common);
		expect(mapped.raw).toBe(raw);
	});

	it('keeps the timeout reason as a flag', () => {
		expect(mapSourceCraftStatus('timeout').flags).toEqual({timeout: true});
		expect(mapSourceCraftStatus('failed').flags).toEqual({});
	});

	it.each([null, undefined, {}, ['success']])('maps %j to unknown with no raw word', (value) => {
		expect(mapSourceCraftStatus(value)).toEqual({status: 'unknown', raw: null, flags: {}});
	});
});

describe('Northflank run and node statuses', () => {
	it.each([
		['pending', 'queued'],
		['queued', 'queued'],
		['waiting', 'queued'],
		['running', 'running'],
		['retrying', 'running'],
		['async_wait', 'running'],
		['approval_wait', 'running'],
		['aborting', 'running'],
		['success', 'success'],
		['failure', 'failed'],
		['invalid', 'failed'],
		['aborted', 'canceled'],
		['skipped', 'skipped'],
		['unknown', 'unknown'],
		['hibernating', 'unknown'],
	])('%s maps to %s', (raw, common) => {
		expect(mapNorthflankStatus(raw)).toMatchObject({status: common, raw});
	});

	it('flags approval waits and aborts in progress', () => {
		expect(mapNorthflankStatus('approval_wait').flags).toEqual({awaitingApproval: true});
		expect(mapNorthflankStatus('aborting').flags).toEqual({canceling: true});
	});
});

describe('Wercker status + result', () => {
	it.each([
		['notstarted', 'unknown', 'queued', 'notstarted'],
		['notstarted', null, 'queued', 'notstarted'],
		['started', null, 'running', 'started'],
		['running', 'unknown', 'running', 'running'],
		['finished', 'passed', 'success', 'finished/passed'],
		['finished', 'failed', 'failed', 'finished/failed'],
		['finished', 'aborted', 'canceled', 'finished/aborted'],
		['finished', 'unknown', 'unknown', 'finished/unknown'],
		['finished', null, 'unknown', 'finished/null'],
		['finished', 'weird', 'unknown', 'finished/weird'],
		['exploded', 'passed', 'unknown', 'exploded'],
	])('%s + %s maps to %s', (status, result, common, raw) => {
		expect(mapWerckerStatus(status, result)).toMatchObject({status: common, raw});
	});

	it('has no raw word when both are missing', () => {
		expect(mapWerckerStatus(undefined, null)).toEqual({status: 'unknown', raw: null, flags: {}});
	});
});

describe('status groups', () => {
	it('knows which statuses are over and which want fast polling', () => {
		expect(['success', 'failed', 'canceled', 'skipped'].every((s) => isConcluded(s as never))).toBe(true);
		expect(isConcluded('running')).toBe(false);
		expect(isConcluded('unknown')).toBe(false);
		expect(isActive('queued')).toBe(true);
		expect(isActive('running')).toBe(true);
		expect(isActive('unknown')).toBe(false);
	});
});
