import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Home} from './cli.js';
import {CLI, makeHome, runCitop, waitForBuild} from './cli.js';
import {HostileServer} from './hostile-server.js';
import {USER_TOKENS, leaks, tokenEnv, userConfigYaml} from './secrets.js';
import {DrillSim} from './sim.js';
import {DrillPane} from './tmux.js';

/**
 * A server that echoes the token it was sent into every text a person reads (run names,
 * messages, branches, users, step names, log lines), as it is and in lower case. citop must
 * show "[token]" in its place: in the runs table, in --json, in watch and in the live view.
 */

const SOURCES = ['acme/api', 'build', 'shop-release'];
// Fields that make the answer what it is (which run, when, in what state): echoing into them
// would change what citop reads, not what it shows.
const STRUCTURAL = /^(id|.*Id|.*At|.*_at|status|result|state|concluded|cursor|next.*|page.*|type|kind|order|number|progress|.*[Dd]ate|.*[Tt]ime)$/;

function echo(value: unknown, token: string, key = ''): unknown {
	if (typeof value === 'string') return STRUCTURAL.test(key) ? value : `${value} echo ${token} ${token.toLowerCase()}`;
	if (Array.isArray(value)) return value.map((item) => echo(item, token, key));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, echo(item, token, name)]));
	return value;
}

const tokenOf = (request: IncomingMessage) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

function echoToken(_path: string, body: unknown, request: IncomingMessage): unknown {
	const token = tokenOf(request);
	return token ? echo(body, token) : body;
}

/** A Wercker step's log (plain text) that echoes the token. */
function echoingLog(request: IncomingMessage, response: ServerResponse, path: string): boolean {
	const token = tokenOf(request);
	if (!token || !/\/runsteps\/[^/]+\/log/.test(path)) return false;
	response.writeHead(200, {'content-type': 'text/plain'});
	response.end(`step started\nthe token is ${token}\nin lower case ${token.toLowerCase()}\nstep done\n`);
	return true;
}

const lowered = Object.values(USER_TOKENS).map((token) => token.toLowerCase());

function expectNoToken(text: string, what: string): void {
	expect(leaks(text), what).toEqual([]);
	expect(lowered.filter((token) => text.includes(token)), `${what} (in lower case)`).toEqual([]);
	expect(text, `${what}: the server's echo is shown, redacted`).toContain('[token]');
}

let drill: DrillSim;
let hostile: HostileServer;
let home: Home;
let config: string;
let panes: DrillPane[] = [];

beforeAll(async () => {
	await waitForBuild();
	drill = await DrillSim.start({seed: 61, historySize: 6, arrivalEverySec: 3_600, tokens: USER_TOKENS});
	hostile = await HostileServer.start(drill.sim, {rewrite: echoToken, answer: echoingLog});
	home = await makeHome();
	const werckerCommand = `cat '${await home.write('wercker.token', USER_TOKENS.wercker)}'`;
	config = await home.write('echo.yaml', userConfigYaml(drill.sim, {werckerCommand, origin: hostile.url}));
}, 60_000);

afterEach(() => {
	for (const pane of panes) pane.kill();
	panes = [];
});

afterAll(async () => {
	await hostile?.stop();
	await drill?.stop();
	await home?.remove();
});

describe('a server that echoes the token', () => {
	it('gets [token] in its place in the runs table, --json, watch and logs', async () => {
		const run = drill.sim.world.runs('build').find((candidate) => candidate.concluded);
		if (!run) throw new Error('no concluded run of build');
		const commands = [['runs'], ['runs', '--json'], ['watch', run.id, '--source', 'build'], ['logs', run.id, '--source', 'build']];
		const results = await Promise.all(commands.map((args) => runCitop(['--config', config, ...args], home, {env: tokenEnv(), timeoutMs: 20_000})));
		results.forEach((result, index) => {
			const what = `citop ${commands[index]?.join(' ')}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
			expect(result.code, what).toBe(0);
			expectNoToken(result.stdout + result.stderr, what);
		});
		expect(hostile.seen.some((request) => request.headers.authorization === `Bearer ${USER_TOKENS.northflank}`)).toBe(true);
	}, 60_000);

	it('gets [token] in its place in the live view: the list, a run and its log', async () => {
		const pane = new DrillPane(`cd '${home.dir}' && '${process.execPath}' '${CLI}' --config '${config}'`, {
			columns: 120,
			rows: 40,
			dir: home.dir,
			env: {...home.env, ...tokenEnv(), TERM: 'xterm-256color', LC_ALL: 'C.UTF-8'},
		});
		panes.push(pane);
		pane.go();
		await pane.waitFor((screen) => SOURCES.every((name) => (screen[0] ?? '').includes(`${name} ok`)), 'every source loaded', 30_000);
		expectNoToken(pane.screen().join('\n'), 'the run list');
		const run = drill.sim.world.runs('build').find((candidate) => candidate.concluded);
		if (!run) throw new Error('no concluded run of build');
		pane.send('/');
		await pane.waitFor((screen) => (screen[2] ?? '').includes('filter /_'), 'the filter open');
		pane.send(run.id, true);
		pane.send('Enter');
		await pane.waitFor((screen) => / 1\/1\s*$/.test(screen[2] ?? ''), `the list filtered to ${run.id}`);
		pane.send('Enter');
		await pane.waitFor((screen) => /esc back\s*$/.test(screen[1] ?? '') && !screen.join('\n').includes('loading the run'), 'the run open');
		expectNoToken(pane.screen().join('\n'), 'the run');
		pane.send('l');
		await pane.waitFor((screen) => screen.join('\n').includes('step done'), 'the log of the first step');
		expectNoToken(pane.screen().join('\n'), 'the log');
		expect(await pane.quit()).toBe(0);
		expect(leaks(pane.output())).toEqual([]);
		expect(lowered.filter((token) => pane.output().includes(token))).toEqual([]);
	}, 60_000);
});
