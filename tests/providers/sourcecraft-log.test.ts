import {describe, expect, it} from 'vitest';
import {advanceLog, FIRST_LOG_CURSOR, readLogCursor} from '../../source/providers/sourcecraft/log.js';

describe('SourceCraft log paging', () => {
	it('returns whole lines of a growing page once, and the unfinished line as partial', () => {
		const first = advanceLog(FIRST_LOG_CURSOR, {logs: 'one\ntw', page_complete: false, done: false});
		expect(first).toMatchObject({lines: ['one'], partial: 'tw', done: false, readNext: false});
		const second = advanceLog(first.cursor, {logs: 'one\ntwo\nthr', page_complete: false, done: false});
		expect(second).toMatchObject({lines: ['two'], partial: 'thr', readNext: false});
		const same = advanceLog(second.cursor, {logs: 'one\ntwo\nthr', page_complete: false, done: false});
		expect(same).toMatchObject({lines: [], partial: 'thr'});
	});

	it('carries a line split across pages and moves on when a page is complete', () => {
		const first = advanceLog(FIRST_LOG_CURSOR, {logs: 'a\nhal', page_complete: true, done: false});
		expect(first).toMatchObject({lines: ['a'], partial: 'hal', readNext: true, cursor: {page: 2, offset: 0, carry: 'hal'}});
		const second = advanceLog(first.cursor, {logs: 'f\nb\n', page_complete: false, done: false});
		expect(second).toMatchObject({lines: ['half', 'b'], partial: '', cursor: {page: 2, offset: 4, carry: ''}});
	});

	it('ends when the cube is done, turning the last unfinished line into a line', () => {
		const step = advanceLog({page: 3, offset: 2, carry: ''}, {logs: 'x\nlast', page_complete: true, done: true});
		expect(step).toMatchObject({lines: ['last'], partial: '', done: true, readNext: false});
	});

	it('starts over from a cursor that is not its own', () => {
		expect(readLogCursor(null)).toEqual(FIRST_LOG_CURSOR);
		expect(readLogCursor({page: 0, offset: 1, carry: ''})).toEqual(FIRST_LOG_CURSOR);
		expect(readLogCursor({page: 2, offset: 5, carry: 'ab'})).toEqual({page: 2, offset: 5, carry: 'ab'});
	});
});
