// Bundles the bench the way `npm run build` bundles citop (React in production mode, everything in
// one file), so the in-process figures measure the code that ships. No type check here:
// `npm run typecheck` covers tests/bench.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

// Chunk names change with their content: old ones would pile up.
rmSync('.bench', {recursive: true, force: true});

await build({
	entryPoints: ['tests/bench/run.ts', 'tests/bench/rss-child.ts', 'tests/bench/requests-child.ts'],
	outdir: '.bench',
	bundle: true,
	// Ink's devtools (and react-devtools-core) stay in a chunk that is never loaded, as in the build.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	define: {'process.env.NODE_ENV': '"production"', fetch: 'undefined'},
	external: ['react-devtools-core'],
	// As in the build: Ink's frame tokenizer is citop's own (source/ui/terminal/styled-chars.ts).
	alias: {'@alcalzone/ansi-tokenize': './source/ui/terminal/styled-chars.ts'},
	banner: {js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);"},
	logLevel: 'warning',
});
