import {describe, expect, it} from 'vitest';
import {sanitizeLine, sanitizeLogLines, sanitizeOptional} from '../../source/model/sanitize.js';
import {addSecret} from '../../source/model/secrets.js';

const TOKEN = 'sc-Secret-7Q4mZ2vK9xR1';
addSecret(TOKEN);
addSecret(`${TOKEN}-longer`);

describe('the sanitizer keeps the tokens citop holds out of server text', () => {
	it('replaces a token and its lower-case form in a line', () => {
		expect(sanitizeLine(`deploy by ${TOKEN} (${TOKEN.toLowerCase()})`)).toBe('deploy by [token] ([token])');
		expect(sanitizeOptional(`${TOKEN}`)).toBe('[token]');
	});

	it('finds a token that escape sequences or controls were meant to hide', () => {
		expect(sanitizeLine(`x ${TOKEN.slice(0, 6)}\u001b[0m${TOKEN.slice(6, 10)}\u0007${TOKEN.slice(10)} y`)).toBe('x [token] y');
	});

	it('replaces a token before a long line is cut, so no part of it is left', () => {
		expect(sanitizeLine(`${'x'.repeat(20)}${TOKEN}`, 30)).toBe(`${'x'.repeat(20)}[token]`);
		expect(sanitizeLine(`${'x'.repeat(20)}${TOKEN}`, 25)).not.toContain('sc-');
	});

	it('replaces a longer token whole, not the shorter one inside it', () => {
		expect(sanitizeLine(`${TOKEN}-longer`)).toBe('[token]');
	});

	it('replaces tokens in every log line', () => {
		expect(sanitizeLogLines(`token: ${TOKEN}\r\nagain ${TOKEN.toLowerCase()}\n`)).toEqual(['token: [token]', 'again [token]', '']);
	});

	it('leaves values too short to be a token alone', () => {
		addSecret('abc');
		expect(sanitizeLine('abc')).toBe('abc');
	});
});
