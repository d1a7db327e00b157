import {describe, expect, it} from 'vitest';
import {lineMatcher, markMatches, matchFrom, matchNote, matchRanges, matchingLines, nextMatch, searchPattern} from '../../source/ui/logic/log-search.js';
import {logWindow} from '../../source/ui/logic/log-window.js';

const LOG = ['Compiling app', 'error: x', 'ok', 'ERROR: y', 'warning', 'an Error (z)', 'done'];

describe('searching a log', () => {
	it('matches either case unless the query has an upper-case letter (smart case)', () => {
		expect(matchingLines(LOG, 'error')).toEqual([1, 3, 5]);
		expect(matchingLines(LOG, 'Error')).toEqual([5]);
		expect(matchingLines(LOG, 'ERROR')).toEqual([3]);
		expect(matchingLines(LOG, '')).toEqual([]);
	});

	it('takes the query literally, never as a pattern', () => {
		expect(matchingLines(LOG, '(z)')).toEqual([5]);
		expect(matchingLines(LOG, '.')).toEqual([]);
		expect(matchingLines(['a+b', 'aab'], 'a+b')).toEqual([0]);
		expect(searchPattern('')).toBeNull();
	});

	it('goes to the first match at or after a line, else round to the first', () => {
		const matches = [1, 3, 5];
		expect(matchFrom(matches, 0)).toEqual({index: 0, line: 1, wrapped: false});
		expect(matchFrom(matches, 3)).toEqual({index: 1, line: 3, wrapped: false});
		expect(matchFrom(matches, 6)).toEqual({index: 0, line: 1, wrapped: true});
		expect(matchFrom([], 0)).toBeNull();
	});

	it('steps to the next and previous match, going round both ends', () => {
		const matches = [1, 3, 5];
		expect(nextMatch(matches, 1, 1)).toEqual({index: 1, line: 3, wrapped: false});
		expect(nextMatch(matches, 5, 1)).toEqual({index: 0, line: 1, wrapped: true});
		expect(nextMatch(matches, 3, -1)).toEqual({index: 0, line: 1, wrapped: false});
		expect(nextMatch(matches, 1, -1)).toEqual({index: 2, line: 5, wrapped: true});
		// From a line between matches.
		expect(nextMatch(matches, 2, 1)?.line).toBe(3);
		expect(nextMatch(matches, 4, -1)?.line).toBe(3);
		expect(nextMatch([], 0, 1)).toBeNull();
	});

	it('says which match it is, and when it went round an end', () => {
		expect(matchNote({index: 2, line: 9, wrapped: false}, 17, 'err', true)).toBe('match 3/17');
		expect(matchNote({index: 0, line: 1, wrapped: true}, 17, 'err', true)).toBe('match 1/17, from the top');
		expect(matchNote({index: 16, line: 90, wrapped: true}, 17, 'err', false)).toBe('match 17/17, from the end');
		expect(matchNote(null, 0, 'nope', true)).toBe('no match for "nope"');
	});

	it('works the matches out once per log and query', () => {
		const matches = lineMatcher(LOG);
		const first = matches('error');
		expect(matches('error')).toBe(first);
		expect(matches('ok')).toEqual([2]);
		// Lines dropped from the log's front: matches keep their place in the whole log.
		expect(lineMatcher(LOG, 100)('error')).toEqual([101, 103, 105]);
	});
});

describe('drawing matches', () => {
	const mark = (text: string) => `[${text}]`;

	it('marks every match of a row', () => {
		const pattern = searchPattern('ab');
		expect(markMatches('xxabyyABzz', 0, matchRanges('xxabyyABzz', pattern), mark)).toBe('xx[ab]yy[AB]zz');
		expect(markMatches('nothing', 0, matchRanges('nothing', pattern), mark)).toBe('nothing');
	});

	it('marks a match that a wrapped line cuts in two on both of its rows', () => {
		const line = 'aaaaNEEDLEbbbb';
		const window = logWindow([line], 0, 5, 7);
		expect(window.rows).toEqual(['aaaaNEE', 'DLEbbbb']);
		const ranges = matchRanges(line, searchPattern('needle'));
		const rows = window.rows.map((row, index) => markMatches(row, window.origins[index]!.start, ranges, mark));
		expect(rows).toEqual(['aaaa[NEE]', '[DLE]bbbb']);
	});

	it('knows the line and start of every row, wide characters included', () => {
		const window = logWindow(['日本語のログ', 'short'], 0, 5, 4);
		expect(window.rows).toEqual(['日本', '語の', 'ログ', 'shor', 't']);
		expect(window.origins).toEqual([
			{line: 0, start: 0},
			{line: 0, start: 2},
			{line: 0, start: 4},
			{line: 1, start: 0},
			{line: 1, start: 4},
		]);
	});
});
