import {describe, expect, it} from 'vitest';
import {errorSummary} from '../../source/model/errors.js';

describe('errorSummary', () => {
	it('names what went wrong with its status and request id, once', () => {
		const summary = errorSummary({
			kind: 'server',
			status: 503,
			requestId: 'req-42',
			message: 'build: the server failed (503) on GET /runs after 3 attempts (request id req-42) — try again later',
		});
		expect(summary).toBe('server error 503, request req-42');
	});

	it('says what went wrong without a status or id when there is none', () => {
		expect(errorSummary({kind: 'network', message: 'build: could not reach 127.0.0.1 (ECONNREFUSED) on GET /runs — check the network and baseUrl'})).toBe(
			'unreachable',
		);
	});

	it('keeps escape sequences from a request id out of the line', () => {
		expect(errorSummary({kind: 'auth', status: 401, requestId: 'x\u001b]0;pwned\u0007y', message: 'a: the token was refused (401)'})).toBe('token refused 401, request xy');
	});
});
