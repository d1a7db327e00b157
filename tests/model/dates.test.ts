import {describe, expect, it} from 'vitest';
import {formatIso, parseDate} from '../../source/model/dates.js';

const at = (iso: string) => Date.parse(iso);

describe('parseDate', () => {
	it.each([
		['RFC 3339 UTC', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
		['RFC 3339 with milliseconds', '2016-07-04T11:51:24.851Z', '2016-07-04T11:51:24.851Z'],
		['RFC 3339 with offset', '2025-01-01T02:30:00+02:30', '2025-01-01T00:00:00.000Z'],
		['RFC 3339 with nanoseconds', '2025-01-01T00:00:00.123456789Z', '2025-01-01T00:00:00.123Z'],
		['space instead of T (Northflank)', '2021-01-01 12:01:00.000Z', '2021-01-01T12:01:00.000Z'],
		['Go time.String (Wercker)', '2017-07-04 15:35:19.999688998 +0000 UTC', '2017-07-04T15:35:19.999Z'],
		['Go with a named offset', '2017-07-04 17:35:19 +0200 CEST', '2017-07-04T15:35:19.000Z'],
		['no zone means UTC', '2021-01-01 12:01:00', '2021-01-01T12:01:00.000Z'],
		['surrounding blanks', '  2021-01-01T12:01:00Z ', '2021-01-01T12:01:00.000Z'],
	])('%s', (_name, text, iso) => {
		expect(parseDate(text)).toBe(at(iso));
	});

	it('reads epoch seconds and milliseconds (below 1e12 means seconds)', () => {
		expect(parseDate(1_609_502_460)).toBe(at('2021-01-01T12:01:00Z'));
		expect(parseDate(1_609_502_460_000)).toBe(at('2021-01-01T12:01:00Z'));
		expect(parseDate('1609502460')).toBe(at('2021-01-01T12:01:00Z'));
		expect(parseDate(1_609_502_460.5)).toBe(at('2021-01-01T12:01:00.500Z'));
	});

	it.each([
		['null', null],
		['undefined', undefined],
		['empty', ''],
		['garbage', 'yesterday'],
		['epoch zero', 0],
		['epoch zero as text', '0'],
		['negative', -5],
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['Go zero time', '0001-01-01 00:00:00 +0000 UTC'],
		['1970', '1970-01-01T00:00:00Z'],
		['31 February', '2025-02-31T00:00:00Z'],
		['month 13', '2025-13-01T00:00:00Z'],
		['hour 25', '2025-01-01T25:00:00Z'],
		['an object', {}],
		['a bad offset', '2025-01-01T00:00:00+99:00'],
	])('gives null for %s, never Invalid Date or 1970', (_name, value) => {
		expect(parseDate(value)).toBeNull();
	});

	it('formats ISO 8601 or null', () => {
		expect(formatIso(at('2021-01-01T12:01:00Z'))).toBe('2021-01-01T12:01:00.000Z');
		expect(formatIso(null)).toBeNull();
	});
});
