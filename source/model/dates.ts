/**
 * One tolerant date parser for every format the providers send (REFERENCE.md):
 * RFC 3339, a space instead of `T`, Go's `2017-07-04 15:35:19.999688998 +0000 UTC`,
 * and epoch seconds or milliseconds (below 1e12 means seconds).
 * Returns epoch milliseconds, or null for anything it cannot trust: never NaN, never 1970.
 */

// Anything before this is a zero value (Go's 0001-01-01, epoch 0), not a real CI event.
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

// The longest form, Go's with nanoseconds and a zone name, has about 40 characters: anything
// much longer is not a date, and is not given to a pattern at all.
const LONGEST_DATE = 80;

// Each run of blanks can be taken one way only: the blanks before an offset only when an offset
// follows, those before a zone name only when a name follows. So no input makes it backtrack.
const TEXT_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:\s*(Z|z|[+-]\d{2}(?::?\d{2})?))?(?:\s+[A-Za-z]{1,5})?$/;

function plausible(ms: number): number | null {
	return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST ? Math.round(ms) : null;
}

function fromEpoch(value: number): number | null {
	if (!Number.isFinite(value) || value <= 0) return null;
	return plausible(value < 1e12 ? value * 1000 : value);
}

function offsetMinutes(zone: string | undefined): number | null {
	if (!zone || zone === 'Z' || zone === 'z') return 0;
	const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	if (!match) return null;
	const [, sign, hours, minutes] = match;
	const total = Number(hours) * 60 + Number(minutes ?? '0');
	if (Number(hours) > 23 || Number(minutes ?? '0') > 59) return null;
	return sign === '-' ? -total : total;
}

function fromText(text: string): number | null {
	if (text.length > LONGEST_DATE) return null;
	const trimmed = text.trim();
	if (trimmed === '') return null;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return fromEpoch(Number(trimmed));
	const match = TEXT_DATE.exec(trimmed);
	if (!match) return null;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
	const offset = offsetMinutes(zone);
	if (offset === null) return null;
	const millis = Number((fraction + '000').slice(0, 3));
	const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
	// Date.UTC rolls 31 February over into March; a real date survives the round trip.
	if (new Date(utc).getUTCDate() !== day) return null;
	return plausible(utc - offset * 60_000);
}

export function parseDate(value: unknown): number | null {
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value === 'string') return fromText(value);
	if (value instanceof Date) return plausible(value.getTime());
	return null;
}

/** ISO 8601 for output, or null. */
export function formatIso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}
