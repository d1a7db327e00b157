import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		include: ['tests/**/*.test.{ts,tsx}'],
		setupFiles: ['tests/setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
		reporters: ['default'],
	},
});
