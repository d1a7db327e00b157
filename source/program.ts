import {readFileSync} from 'node:fs';
import {Command, CommanderError} from 'commander';
import type {GlobalFlags} from './commands/context.js';
import type {TriggerOptions} from './commands/trigger.js';
import {EXIT, liveViewRefusal} from './commands/exit.js';
import {collect, parseCount, parsePort, parseSeconds, parseCopies, parseSeed, parseStatus, rephraseCommanderError} from './commands/options.js';
import {runCommand} from './commands/run.js';
import {sanitizeLine} from './model/sanitize.js';
import {STATUS_FILTER_WORDS} from './model/status.js';
import {MAX_INPUT_READS} from './store/budget.js';

// Flags and dispatch only: each command's module loads when it runs, so `citop --version`
// and `citop runs` never load Ink or React.

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;

const DEFAULT_GIVE_UP = 300;

type TriggerFlagValues = Omit<TriggerOptions, 'workflow' | 'input' | 'ref' | 'watch' | 'json'> & {workflow?: string[]; input?: string[]; ref?: string[]; watch?: boolean; json?: boolean};

const EXIT_CODES = `
Exit codes:
  0    ok (watch: the run concluded; with --exit-status: it succeeded)
  1    the run failed, was canceled or timed out (with --exit-status, and logs --follow)
  2    usage or config error, or asking a source for what it cannot do (logs of a release flow)
  3    a provider could not be reached, refused the token, or rate-limited beyond retries; runs --cached: nothing cached
  130  interrupted`;

function globals(command: Command): GlobalFlags {
	const options = command.optsWithGlobals<{config?: string; color?: boolean; debug?: boolean}>();
	return {...(options.config ? {config: options.config} : {}), color: options.color !== false, debug: options.debug === true};
}

/** The live view needs a terminal: without one, say so before loading anything; never wait for input. */
function hasTerminal(): boolean {
	const refusal = liveViewRefusal(process.stdin, process.stdout, process.env);
	if (refusal === null) return true;
	process.stderr.write(`citop: ${refusal}\n`, () => process.exit(EXIT.usage));
	return false;
}

/** What happens once a run is started (trigger, rerun): its id, or JSON, or following it to its end. */
function startFlags(command: Command): Command {
	return command
		.option('--watch', 'follow the new run until it concludes; exit codes as watch --exit-status')
		.option('--interval <seconds>', 'with --watch: seconds between polls', parseSeconds)
		.option('--give-up <seconds>', 'with --watch: exit 3 after this long without an answer', parseSeconds, DEFAULT_GIVE_UP)
		.option('--json', 'print the new run as JSON (with --watch: the concluded run, progress on stderr)');
}

const program = new Command('citop')
	.description('top for CI/CD runs: a live view of pipeline runs on SourceCraft, Wercker and Northflank')
	.version(version, '-V, --version', 'print the version')
	.helpOption('-h, --help', 'show help')
	.option('--config <path>', 'config file (default: $CITOP_CONFIG, else $XDG_CONFIG_HOME/citop/config.yaml)')
	.option('--no-color', 'no colour (NO_COLOR=1 does the same)')
	.option('--debug', 'full error details on stderr (tokens stay hidden)')
	.showSuggestionAfterError(true)
	.configureHelp({showGlobalOptions: true})
	.exitOverride()
	.configureOutput({outputError: () => {}})
	.option('--no-cache', 'start the live view without the last known runs, and keep none')
	.addHelpText('after', `${EXIT_CODES}\n\nRun "citop demo" to try it without any account.`)
	.action(async (options: {cache?: boolean}, command: Command) => {
		if (!hasTerminal()) return;
		await runCommand(globals(command), {interruptible: false}, async (ctx) => (await import('./commands/tui.js')).tuiCommand(ctx, {cache: options.cache !== false}));
	});

program
	.command('demo')
	.description('the live view on a built-in simulator: no config, no token')
	.action(async (_options, command: Command) => {
		if (!hasTerminal()) return;
		await runCommand(globals(command), {interruptible: false}, async (ctx) => (await import('./commands/tui.js')).demoCommand(ctx));
	});

program
	.command('sim')
	.description('run the simulator alone (SourceCraft, Wercker and Northflank APIs on loopback) for other clients')
	.option('--port <n>', 'port to listen on (default: any free port)', parsePort)
	.option('--seed <n>', 'seed for the simulated runs (same seed, same runs)', parseSeed)
	.option('--config-out <file>', 'write a citop config for the simulator to this file')
	.option('--repos <n>', 'serve every repository, pipeline and release flow n times, under other names (many sources)', parseCopies)
	.action(async (options: {port?: number; seed?: number; configOut?: string; repos?: number}, command: Command) => {
		await runCommand(globals(command), {interruptible: false}, async (ctx) => (await import('./commands/sim.js')).simCommand(ctx, options));
	});

program
	.command('runs')
	.description('list the runs of every (or the named) source once, as a table or JSON')
	.option('--source <name>', 'only this source (repeat for several)', collect)
	.option('--status <status>', `only runs with this status: ${STATUS_FILTER_WORDS.join(', ')}`, parseStatus)
	.option('--limit <n>', 'at most this many runs, newest first', parseCount)
	.option('--json', 'a JSON array of runs (for jq)')
	.option('--cached', 'the runs the live view saw last, without asking any server (exit 3 when none are cached)')
	.option('--inputs', `what each run was started with, where only the run's own answer says it (Northflank arguments): one request per run, at most ${MAX_INPUT_READS}`)
	.addHelpText('after', EXIT_CODES)
	.action(async (options: {source?: string[]; status?: ReturnType<typeof parseStatus>; limit?: number; json?: boolean; cached?: boolean; inputs?: boolean}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/runs.js')).runsCommand(ctx, {
				...options,
				source: options.source ?? [],
				json: options.json === true,
				cached: options.cached === true,
				inputs: options.inputs === true,
			}),
		);
	});

program
	.command('summary')
	.description('sum up every (or the named) source once: running, queued, failed in the last hour, success rate, p50/p90 duration, the longest run, a red branch')
	.option('--source <name>', 'only this source (repeat for several)', collect)
	.option('--json', 'a JSON object: each source under "sources", all of them under "all"')
	.addHelpText('after', EXIT_CODES)
	.action(async (options: {source?: string[]; json?: boolean}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/summary.js')).summaryCommand(ctx, {source: options.source ?? [], json: options.json === true}),
		);
	});

program
	.command('watch')
	.description('follow one run until it concludes: a live tree on a terminal, one line per change otherwise')
	.argument('[run]', 'the run as the RUN column shows it (#12, a name, a short id) or its id; default: the newest run of the source')
	.option('--source <name>', 'the source of the run (needed when the config has several)')
	.option('--interval <seconds>', 'seconds between polls while the run goes on (default: poll.fast)', parseSeconds)
	.option('--exit-status', 'exit 0 if the run succeeded, 1 if it failed, was canceled or timed out')
	.option('--give-up <seconds>', 'exit 3 after this long without an answer from the provider', parseSeconds, DEFAULT_GIVE_UP)
	.addHelpText('after', EXIT_CODES)
	.action(async (run: string | undefined, options: {source?: string; interval?: number; exitStatus?: boolean; giveUp: number}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/watch.js')).watchCommand(ctx, {...options, exitStatus: options.exitStatus === true, ...(run !== undefined ? {run} : {})}),
		);
	});

program
	.command('logs')
	.description("print a run's logs: every step's, one step's (--node) or the failed ones' (--failed); --follow reads on until the run ends")
	.argument('<run>', 'the run as the RUN column shows it (#12, a name, a short id) or its id')
	.option('--source <name>', 'the source of the run (without it, the run is looked for in every source)')
	.option('--node <path>', 'one node of the run tree by its path, as the headers print it (build/test/unit; its end is enough when unique): its log, or those of the steps under it')
	.option('--failed', 'only the steps that failed')
	.option('--follow', 'read on while the run goes, until it ends; exit codes as watch --exit-status')
	.option('--interval <seconds>', 'with --follow: seconds between polls (default: poll.fast)', parseSeconds)
	.option('--give-up <seconds>', 'with --follow: exit 3 after this long without an answer', parseSeconds, DEFAULT_GIVE_UP)
	.addHelpText('after', EXIT_CODES)
	.action(async (run: string, options: {source?: string; node?: string; failed?: boolean; follow?: boolean; interval?: number; giveUp: number}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/logs.js')).logsCommand(ctx, {...options, run, failed: options.failed === true, follow: options.follow === true}),
		);
	});

startFlags(program
	.command('trigger')
	.description('start a run and print its id; --watch follows it to its end')
	.option('--source <name>', 'where to start it (needed when the config has several sources)')
	.option('--workflow <name>', 'SourceCraft: a workflow to run (repeat for several)', collect)
	.option('--branch <branch>', 'the branch to run on')
	.option('--tag <tag>', 'SourceCraft: the tag to run on')
	.option('--commit <sha>', 'the commit to run on (Wercker: with --branch)')
	.option('--config-revision <rev>', 'SourceCraft: read the CI config from this branch (or tag:NAME, commit:SHA); default: the default branch')
	.option('--shared', 'SourceCraft: a shared run')
	.option('--input <key=value>', 'an input: SourceCraft input value (WORKFLOW.KEY=VALUE with several workflows), Wercker environment variable, Northflank argument (repeat for several)', collect)
	.option('--source-run <run>', 'Wercker: chain after this run (a build, for a deploy), as the RUN column shows it')
	.option('--message <text>', 'Wercker: the run message')
	.option('--name <name>', 'Northflank: the run name')
	.option('--description <text>', 'Northflank: the run description')
	.option('--ref <name=branch>', 'Northflank: deploy this branch for a ref of the release flow (repeat for several)', collect))
	.addHelpText('after', EXIT_CODES)
	.action(async (options: TriggerFlagValues, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/trigger.js')).triggerCommand(ctx, {
				...options,
				workflow: options.workflow ?? [],
				input: options.input ?? [],
				ref: options.ref ?? [],
				watch: options.watch === true,
				json: options.json === true,
			}),
		);
	});

startFlags(program
	.command('rerun')
	.description('start a new run with the parameters of RUN (branch, commit, workflows, arguments as its provider says them); asks first on a terminal')
	.argument('<run>', 'the run as the RUN column shows it (#12, a name, a short id) or its id')
	.option('--source <name>', 'the source of the run (default: looked for in every source)')
	.option('--yes', 'do not ask; needed without a terminal'))
	.addHelpText('after', EXIT_CODES)
	.action(async (run: string, options: {source?: string; yes?: boolean; watch?: boolean; json?: boolean; interval?: number; giveUp: number}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/rerun.js')).rerunCommand(ctx, {...options, run, yes: options.yes === true, watch: options.watch === true, json: options.json === true}),
		);
	});

program
	.command('abort')
	.description('ask the provider to stop a run (asks first on a terminal)')
	.argument('<run>', 'the run as the RUN column shows it (#12, a name, a short id) or its id')
	.option('--source <name>', 'the source of the run (default: looked for in every source)')
	.option('--yes', 'do not ask; needed without a terminal')
	.addHelpText('after', EXIT_CODES)
	.action(async (run: string, options: {source?: string; yes?: boolean}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/abort.js')).abortCommand(ctx, {...options, yes: options.yes === true, run}),
		);
	});

program
	.command('events')
	.description('follow every source and print one line per change as it happens: a run appeared, changed status or concluded; a source went stale or recovered')
	.option('--source <name>', 'only this source (repeat for several)', collect)
	.option('--json', 'one JSON object per line (NDJSON): at, source, run, label, from, to, kind')
	.option('--until-idle', 'end when nothing runs any more: exit 0, or 1 if a run seen concluding failed')
	.addHelpText('after', EXIT_CODES)
	.action(async (options: {source?: string[]; json?: boolean; untilIdle?: boolean}, command: Command) => {
		await runCommand(globals(command), {interruptible: true}, async (ctx) =>
			(await import('./commands/events.js')).eventsCommand(ctx, {source: options.source ?? [], json: options.json === true, untilIdle: options.untilIdle === true}),
		);
	});

const COMMANDS = program.commands.map((command) => command.name());

function failedCommand(argv: readonly string[]): string | null {
	return argv.slice(2).find((word) => COMMANDS.includes(word)) ?? null;
}

/** The first word that is neither a flag nor the value of --config. */
function firstWord(argv: readonly string[]): string | undefined {
	const args = argv.slice(2);
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === '--config') i++;
		else if (!arg.startsWith('-')) return arg;
	}
	return undefined;
}

const DONE = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** What a parse failure says and the exit code: commander's errors in one line; help and version are no failure. */
function parseFailure(error: unknown): {line: string | null; code: number} {
	if (!(error instanceof CommanderError)) return {line: `internal error: ${sanitizeLine(error instanceof Error ? error.message : error)}`, code: EXIT.runFailed};
	if (DONE.has(error.code)) return {line: null, code: EXIT.ok};
	const word = firstWord(process.argv);
	const line = rephraseCommanderError({message: error.message, code: error.code, command: failedCommand(process.argv), commands: COMMANDS, ...(word ? {word} : {})});
	return {line, code: EXIT.usage};
}

try {
	await program.parseAsync(process.argv);
} catch (error) {
	const {line, code} = parseFailure(error);
	if (line === null) process.exit(code);
	process.stderr.write(`citop: ${line}\n`, () => process.exit(code));
}
