#!/usr/bin/env node
import module from 'node:module';

// Node 22+ keeps compiled code between runs, so every start after the first is faster.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

// The live view's first frame goes out before the command line parser, the config reader, Ink
// and React load; everything else starts here too, with nothing drawn.
const {showStartScreen} = await import('./ui/start-screen.js');
showStartScreen(process.argv.slice(2));
await import('./program.js');
