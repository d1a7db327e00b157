import {InvalidArgumentError} from 'commander';
import {describe, expect, it} from 'vitest';
import {CliError} from '../../source/commands/exit.js';
import {assessWatch, watchExitCode} from '../../source/commands/follow.js';
import type {AssessOptions} from '../../source/commands/follow.js';
import {parseCount, parsePort, parseSeconds, parseSeed, parseStatus, rephraseCommanderError} from '../../source/commands/options.js';
import {Reporter, formatProviderError} from '../../source/commands/report.js';
import {mergeRuns} from '../../source/commands/runs.js';
import {buildTriggerRequest, parseInput} from '../../source/commands/trigger-request.js';
import type {TriggerFlags} from '../../source/commands/trigger-request.js';
import {addSecret} from '../../source/model/secrets.js';
import {capabilitiesOf} from '../../source/providers/capabilities.js';
import type {SourceSpec} from '../../source/providers/types.js';
import type {RunDetail, SourceState, StoreSnapshot} from '../../source/store/types.js';
import {SOURCECRAFT_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import {NOW, makeRun} from './fixtures.js';
import {emptySnapshot} from '../../source/ui/state/starting-store.js';
import {nextStatusFilter} from '../../source/ui/logic/order.js';
import type {StatusFilter} from '../../source/ui/logic/order.js';

describe('flag values', () => {
	it('accepts good values', () => {
		expect(parseCount('20')).toBe(20);
		expect(parseSeconds('0.5')).toBe(0.5);
		expect(parsePort('0')).toBe(0);
		expect(parseSeed('-3')).toBe(-3);
		expect(parseStatus('Failed')).toBe('failed');
	});

	it('takes every status filter the live view cycles through with f', () => {
		const offered: string[] = [];
		for (let filter: StatusFilter = 'any'; !offered.includes(filter); filter = nextStatusFilter(filter)) offered.push(filter);
		expect(offered).toContain('active');
		for (const filter of offered) expect(parseStatus(filter)).toBe(filter);
	});

	it.each([
		[parseCount, '0', 'expected a whole number above 0, e.g. 20'],
		[parseCount, '2.5', 'expected a whole number above 0, e.g. 20'],
		[parseCount, 'ten', 'expected a whole number above 0, e.g. 20'],
		[parseSeconds, '-1', 'expected a number of seconds above 0, e.g. 5'],
		[parseSeconds, '', 'expected a number of seconds above 0, e.g. 5'],
		[parsePort, '70000', 'expected a port number from 0 (any free port) to 65535'],
		[parseSeed, 'x', 'expected a whole number, e.g. 42'],
		[parseStatus, 'passed', 'expected one of any, active, failed, success, canceled, other, queued, running, skipped, unknown'],
	])('%o refuses %j', (parse, value, message) => {
		expect(() => parse(value)).toThrow(new InvalidArgumentError(message));
	});

	it('rephrases commander errors as one line pointing to the help', () => {
		expect(
			rephraseCommanderError({message: "error: unknown option '--jsn'\n(Did you mean --json?)", code: 'commander.unknownOption', command: 'runs', commands: []}),
		).toBe('unknown option \'--jsn\' (Did you mean --json?); see "citop runs --help"');
		expect(
			rephraseCommanderError({message: 'error: too many arguments. Expected 0 arguments but got 1.', code: 'commander.excessArguments', command: null, commands: ['runs', 'watch'], word: 'rnus'}),
		).toBe('unknown command "rnus" (the commands are runs, watch); see "citop --help"');
	});
});

describe('trigger flags → request', () => {
	const flags = (more: Partial<TriggerFlags>): TriggerFlags => ({workflow: [], input: [], ...more});
	const sourcecraft: SourceSpec = {name: 'a', provider: 'sourcecraft', org: 'acme', repo: 'api', token: 't'};
	const wercker: SourceSpec = {name: 'w', provider: 'wercker', pipelineId: 'p', token: null};
	const northflank: SourceSpec = {name: 'n', provider: 'northflank', projectId: 'p', pipelineId: 'q', stage: 'r', token: 't'};
	const build = (spec: SourceSpec, more: Partial<TriggerFlags>) => buildTriggerRequest(flags(more), capabilitiesOf(spec), spec.provider);
	const problems = (spec: SourceSpec, more: Partial<TriggerFlags>): readonly string[] => {
		try {
			build(spec, more);
		} catch (error) {
			expect(error).toBeInstanceOf(CliError);
			expect((error as CliError).exitCode).toBe(2);
			return (error as CliError).lines;
		}
		throw new Error('expected the flags to be refused');
	};

	it('builds each provider its own request', () => {
		expect(build(sourcecraft, {workflow: ['build', 'test'], tag: 'v1', input: ['ENV=prod', 'Q=a=b'], shared: true, configRevision: 'main'})).toEqual({
			workflows: ['build', 'test'],
			tag: 'v1',
			inputs: [
				{key: 'ENV', value: 'prod'},
				{key: 'Q', value: 'a=b'},
			],
			shared: true,
			configRevision: {branch: 'main'},
		});
		expect(build(wercker, {branch: 'main', commit: 'abc', message: 'deploy', input: ['A=1']})).toEqual({branch: 'main', commit: 'abc', message: 'deploy', inputs: [{key: 'A', value: '1'}]});
		expect(build(northflank, {name: 'Release one', description: 'x', input: ['v=2']})).toEqual({name: 'Release one', description: 'x', inputs: [{key: 'v', value: '2'}]});
		expect(build(northflank, {ref: ['api=release/2.9', ' worker = main ']})).toEqual({refs: [{ref: 'api', branch: 'release/2.9'}, {ref: 'worker', branch: 'main'}]});
	});

	it('takes --ref NAME=BRANCH on Northflank only, and says how to write it', () => {
		expect(problems(wercker, {ref: ['api=main']})).toEqual(['--ref: not used by wercker (it takes --branch, --commit, --message, --input, --source-run)']);
		expect(() => build(northflank, {ref: ['api']})).toThrow(/--ref expects NAME=BRANCH/);
		expect(() => build(northflank, {ref: ['api=']})).toThrow(/--ref expects NAME=BRANCH/);
	});

	it('refuses flags the provider would ignore, saying what it takes', () => {
		expect(problems(wercker, {workflow: ['build'], tag: 'v1'})).toEqual([
			'--workflow: not used by wercker (it takes --branch, --commit, --message, --input, --source-run)',
			'--tag: not used by wercker (it takes --branch, --commit, --message, --input, --source-run)',
		]);
		expect(problems(northflank, {branch: 'main', message: 'm'})).toEqual([
			'--branch: not used by northflank (it takes --name, --description, --input, --ref)',
			'--message: not used by northflank (it takes --name, --description, --input, --ref)',
		]);
	});

	it('refuses two heads on SourceCraft and a commit without its branch on Wercker', () => {
		expect(problems(sourcecraft, {branch: 'main', commit: 'abc'})).toEqual(['--branch and --commit: give only one; the run starts from one branch, tag or commit']);
		expect(problems(wercker, {commit: 'abc'})).toEqual(['--commit: wercker needs --branch with it (the branch the commit is on)']);
	});

	it('reads --config-revision as a branch, tag:NAME or commit:SHA, and says how to write it', () => {
		expect(build(sourcecraft, {configRevision: 'release/2.9'}).configRevision).toEqual({branch: 'release/2.9'});
		expect(build(sourcecraft, {configRevision: 'tag:v1.2'}).configRevision).toEqual({tag: 'v1.2'});
		expect(build(sourcecraft, {configRevision: 'commit:cd74a99'}).configRevision).toEqual({commit: 'cd74a99'});
		expect(build(sourcecraft, {configRevision: 'branch:main'}).configRevision).toEqual({branch: 'main'});
		expect(() => build(sourcecraft, {configRevision: 'tag:'})).toThrow('--config-revision expects a branch, tag:NAME or commit:SHA, got "tag:"');
		expect(problems(wercker, {configRevision: 'main'})).toEqual(['--config-revision: not used by wercker (it takes --branch, --commit, --message, --input, --source-run)']);
	});

	it('refuses an input without "="', () => {
		expect(() => parseInput('ENV')).toThrow('--input expects KEY=VALUE, got "ENV"');
		expect(() => parseInput('=x')).toThrow('--input expects KEY=VALUE');
	});
});

describe('following a run', () => {
	const key = makeRun({id: '7'}).key;
	const source = (fields: Partial<SourceState> = {}): SourceState =>
		makeSource('acme/api', {provider: 'sourcecraft', capabilities: SOURCECRAFT_CAPABILITIES, ...fields});
	const snapshot = (detail: Partial<RunDetail> | null, state: SourceState = source()): StoreSnapshot => ({
		...emptySnapshot(NOW),
		sources: [state],
		watched: new Set([key]),
		detail: detail === null ? null : {runKey: key, run: null, loading: false, error: null, fetchedAt: null, ...detail},
	});
	const options: AssessOptions = {key, source: 'acme/api', now: NOW, lastAnswerAt: NOW - 1000, giveUpMs: 300_000, missingGraceUntil: 0};

	it('waits while the run goes on', () => {
		const progress = assessWatch(snapshot({run: makeRun({id: '7'}), fetchedAt: NOW - 10}), options);
		expect(progress.outcome).toBeNull();
		expect(progress.lastAnswerAt).toBe(NOW - 10);
	});

	it('ends when the run concludes, with the exit code --exit-status asks for', () => {
		for (const [status, withFlag] of [['success', 0], ['failed', 1], ['canceled', 1], ['skipped', 1]] as const) {
			const progress = assessWatch(snapshot({run: makeRun({id: '7', status})}), options);
			expect(progress.outcome?.kind).toBe('concluded');
			expect(watchExitCode(progress.outcome!, true)).toBe(withFlag);
			expect(watchExitCode(progress.outcome!, false)).toBe(0);
		}
	});

	it('gives up at once when the token is refused', () => {
		const error = {kind: 'auth' as const, message: 'The token was refused.'};
		const progress = assessWatch(snapshot({error}), options);
		expect(progress.outcome).toEqual({kind: 'refused', error});
		expect(watchExitCode(progress.outcome!, true)).toBe(3);
		expect(assessWatch(snapshot(null, source({health: 'auth'})), options).outcome?.kind).toBe('refused');
	});

	it('keeps trying through network faults, up to the give-up time', () => {
		const error = {kind: 'network' as const, message: 'Connection refused.'};
		expect(assessWatch(snapshot({error}), {...options, now: NOW + 200_000}).outcome).toBeNull();
		const late = assessWatch(snapshot({error}), {...options, now: NOW + 299_000});
		expect(late.outcome).toEqual({kind: 'gave_up', error, waitedMs: 300_000});
		expect(watchExitCode(late.outcome!, false)).toBe(3);
	});

	it('counts any answer from the source as the provider being there', () => {
		const error = {kind: 'network' as const, message: 'Connection reset.'};
		const progress = assessWatch(snapshot({error}, source({lastSuccessAt: NOW + 100_000})), {...options, now: NOW + 350_000});
		expect(progress.outcome).toBeNull();
	});

	it('says a run does not exist once the grace is over', () => {
		const error = {kind: 'not_found' as const, message: 'No such run.'};
		expect(assessWatch(snapshot({error}), {...options, missingGraceUntil: NOW + 1}).outcome).toBeNull();
		const progress = assessWatch(snapshot({error}), options);
		expect(progress.outcome).toEqual({kind: 'missing', error});
		expect(watchExitCode(progress.outcome!, true)).toBe(2);
	});
});

describe('merging the runs of several sources', () => {
	it('puts the newest first, undated runs last in their source order', () => {
		const a1 = makeRun({id: 'a1', createdAt: NOW - 10});
		const a2 = makeRun({id: 'a2', createdAt: null, startedAt: null});
		const b1 = makeRun({id: 'b1', source: 'b', createdAt: NOW});
		const b2 = makeRun({id: 'b2', source: 'b', createdAt: NOW - 20});
		expect(mergeRuns([[a1, a2], [b1, b2]]).map((run) => run.id)).toEqual(['b1', 'a1', 'b2', 'a2']);
	});
});

describe('what reaches stderr', () => {
	it('never shows a token it knows of, nor any bearer header', () => {
		const written: string[] = [];
		const reporter = new Reporter({write: (text: string) => written.push(text)} as unknown as NodeJS.WritableStream, true);
		addSecret('sc-secret-token-1');
		reporter.error('failed with sc-secret-token-1 in the url');
		reporter.debug('headers', {authorization: 'Bearer other-token-xyz', note: 'sc-secret-token-1'});
		reporter.debug('error', new Error('boom sc-secret-token-1'));
		const text = written.join('');
		expect(text).not.toContain('sc-secret-token-1');
		expect(text).not.toContain('other-token-xyz');
		expect(text).toContain('citop: failed with [token] in the url');
		expect(text).toContain('Bearer ***');
	});

	it('keeps escape sequences quoted from a server out of the terminal', () => {
		const written: string[] = [];
		const reporter = new Reporter({write: (text: string) => written.push(text)} as unknown as NodeJS.WritableStream, true);
		reporter.error('bad answer: \u001b]0;pwned\u0007\u001b[2Jok');
		reporter.debug('body', new Error('line one\u001b[31m\nline two'));
		const text = written.join('');
		expect(text).not.toContain('\u001b');
		expect(text).toContain('citop: bad answer: ok\n');
		expect(text).toContain('line one\nline two');
	});

	it('leaves short values alone: redacting them would garble ordinary words', () => {
		const written: string[] = [];
		const reporter = new Reporter({write: (text: string) => written.push(text)} as unknown as NodeJS.WritableStream, false);
		addSecret('ab');
		reporter.error('about');
		expect(written.join('')).toBe('citop: about\n');
	});

	it('formats a provider error in one line with its request id', () => {
		expect(formatProviderError({kind: 'auth', message: 'The token was refused (401).', providerMessage: 'bad token', requestId: 'req-1'}, 'acme/api')).toBe(
			'acme/api: auth: The token was refused (401): bad token (request id req-1)',
		);
		expect(formatProviderError({kind: 'network', message: 'Connection refused: bad\u001b[2J host', source: 'x'})).toBe('x: network: Connection refused: bad host');
		expect(
			formatProviderError({kind: 'not_found', source: 'deploy', requestId: 'r-7', message: 'deploy: not found (404) on GET /runs/{run} (request id r-7) — check the ids in the config'}),
			'the source and the request id said once each',
		).toBe('deploy: not_found: not found (404) on GET /runs/{run} (request id r-7) — check the ids in the config');
	});
});
