import {describe, expect, it} from 'vitest';
import {formatProviderError} from '../../source/model/errors.js';

describe('formatProviderError', () => {
	it('says where a dead source is and what to check, naming the source once', () => {
		const error = {kind: 'network' as const, source: 'build', message: 'build: could not reach 127.0.0.1:9 (ECONNREFUSED) on GET /runs — check the network and baseUrl'};
		expect(formatProviderError(error)).toBe('build: network: could not reach 127.0.0.1:9 (ECONNREFUSED) on GET /runs — check the network and baseUrl');
		// A message that names its source though the fields do not: still once.
		expect(formatProviderError({...error, source: undefined}, 'build')).toBe(formatProviderError(error));
	});

	it('keeps escape sequences from a request id out of the line', () => {
		expect(formatProviderError({kind: 'auth', status: 401, requestId: 'x\u001b]0;pwned\u0007y', message: 'a: the token was refused (401)'}, 'a')).toBe(
			'a: auth: the token was refused (401) (request id xy)',
		);
	});
});
