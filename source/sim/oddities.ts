import {hash} from './random.js';

/**
 * The documented oddities, served only when switched on and only on "odd" runs,
 * which are chosen from the seed so the same runs are odd every time.
 */

/** Terminal escape sequences a hostile or careless server could send. */
export const ESCAPES = {
	title: '\u001b]0;pwned\u0007',
	clear: '\u001b[2J\u001b[H',
	cursor: '\u001b[5A\u001b[10C',
	bell: '\u0007',
	c1: '\u009b31m',
} as const;

export const ESCAPE_LINES: readonly string[] = [
	`${ESCAPES.title}setting the terminal title`,
	`${ESCAPES.clear}cleared your screen`,
	`moved${ESCAPES.cursor} the cursor`,
	`ring${ESCAPES.bell} the bell`,
	`${ESCAPES.c1}red via an 8-bit CSI${ESCAPES.c1.replace('31', '0')}`,
];

/** Text with every kind of escape in it, for names and messages. */
export function hostile(text: string): string {
	return `${ESCAPES.title}${text}${ESCAPES.bell}${ESCAPES.c1}!${ESCAPES.clear}${ESCAPES.cursor}`;
}

/** A name or message of exactly `length` characters. */
export function longText(prefix: string, length = 10_000): string {
	return (prefix + 'x'.repeat(length)).slice(0, length);
}

/** About a third of runs are odd. */
export function isOddRun(seed: number): boolean {
	return hash(seed, 'odd') % 3 === 0;
}

/** Which set of oddities an odd run shows: 0, 1 or 2, so they spread over the list. */
export function oddVariant(seed: number): 0 | 1 | 2 {
	return (hash(seed, 'variant') % 3) as 0 | 1 | 2;
}

/** A Go `time.Time` string: `2017-07-04 15:35:19.999688998 +0000 UTC`. */
export function goDate(ms: number): string {
	const iso = new Date(ms).toISOString();
	const nanos = `${iso.slice(20, 23)}${String(hash(ms, 'ns') % 1_000_000).padStart(6, '0')}`;
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${nanos} +0000 UTC`;
}

/** RFC 3339 with a space for the `T`: `2021-01-01 12:01:00.000Z`. */
export function spaceDate(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ');
}

export function isoDate(ms: number): string {
	return new Date(ms).toISOString();
}
