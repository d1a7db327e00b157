import {existsSync} from 'node:fs';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {osc52} from '../../source/ui/terminal/sequences.js';
import {WERCKER_CAPABILITIES, makeSource} from '../fixtures/sources.js';
import {FakeStore, makeRun} from './fake-store.js';
import {renderApp, selectedRow, unmountApps} from './helpers.js';

afterEach(async () => {
	await unmountApps();
	await rm(opened, {force: true});
});

let dir: string;
let browser: string;
let opened: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'citop-browser-'));
	opened = join(dir, 'opened.txt');
	// A browser that writes down what it was asked to open, one argument a line.
	browser = join(dir, 'browser.sh');
	await writeFile(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`);
	await chmod(browser, 0o755);
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

const PAGE = 'https://ci.example.com/deploy/runs/{number}?id={id}';

function setup(webUrl: string | null = PAGE) {
	const clock = new ManualClock();
	const now = clock.now();
	const store = new FakeStore(clock, {
		sources: [makeSource('deploy', {capabilities: {...WERCKER_CAPABILITIES, webUrl}, lastSuccessAt: now})],
		runs: [makeRun('deploy', '5751', 3, now, {status: 'running', url: 'https://app.wercker.com/api/v3/runs/5751'}), makeRun('deploy', 'a b/c', 60, now, {label: '0c1d2e3'})],
	});
	return {clock, store};
}

describe('o: the run’s page', () => {
	it('opens the address from the source’s webUrl with $BROWSER, a real program, and nothing on the screen', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 160, env: {BROWSER: browser, PATH: process.env['PATH']}});
		await app.press('o', 'opened https://ci.example.com/deploy/runs/5751?id=5751 (browser.sh)');
		expect(await readFile(opened, 'utf8')).toBe('https://ci.example.com/deploy/runs/5751?id=5751\n');
		// Never the provider's API address, and nothing for the clipboard.
		expect(app.writes).toEqual([]);
	});

	it('over SSH: shows the address and sends it to the clipboard (OSC 52) instead of starting a browser far away', async () => {
		const {clock, store} = setup();
		const app = await renderApp(store, clock, {columns: 160, env: {BROWSER: browser, SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22', PATH: process.env['PATH']}});
		await app.press('o', 'over SSH: sent https://ci.example.com/deploy/runs/5751?id=5751 to the terminal clipboard (OSC 52)');
		expect(app.writes).toEqual([osc52('https://ci.example.com/deploy/runs/5751?id=5751', false)]);
		expect(existsSync(opened)).toBe(false);
	});

	it('shows and copies the address when the browser cannot be started; encodes what it puts in the address', async () => {
		const {clock, store} = setup('https://ci.example.com/deploy/runs/{id}');
		const app = await renderApp(store, clock, {columns: 160, env: {BROWSER: join(dir, 'no-such-browser'), PATH: process.env['PATH']}});
		await app.press('j', (frame) => selectedRow(frame).includes('0c1d2e3'));
		await app.press('o', 'no-such-browser not found: sent https://ci.example.com/deploy/runs/a%20b%2Fc to the terminal clipboard (OSC 52)');
		expect(app.writes).toEqual([osc52('https://ci.example.com/deploy/runs/a%20b%2Fc', false)]);
	});

	it('says how to set a webUrl when the source has none, and what a run lacks for its template', async () => {
		const bare = setup(null);
		const app = await renderApp(bare.store, bare.clock, {columns: 160, env: {BROWSER: browser}});
		await app.press('o', 'deploy has no webUrl; set one on its source in the config, e.g. webUrl: https://ci.example.com/{org}/{repo}/runs/{number}');
		await app.unmount();
		const numbered = setup();
		const second = await renderApp(numbered.store, numbered.clock, {env: {BROWSER: browser}});
		await second.press('j', (frame) => selectedRow(frame).includes('0c1d2e3'));
		await second.press('o', 'deploy 0c1d2e3 has no number for {number} in the webUrl');
		expect(existsSync(opened)).toBe(false);
		expect(second.writes).toEqual([]);
	});
});
