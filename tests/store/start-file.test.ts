import {appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {capabilitiesOf} from '../../source/providers/capabilities.js';
import type {StartEntry} from '../../source/store/start-file.js';
import {readStartEntry, saveStartEntry, stampOf} from '../../source/store/start-file.js';

const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

function setup(): {dir: string; config: string; entry: () => StartEntry} {
	const folder = mkdtempSync(join(tmpdir(), 'citop-start-'));
	folders.push(folder);
	const config = join(folder, 'config.yaml');
	writeFileSync(config, 'sources: []\n', {mode: 0o600});
	const spec = {name: 'deploy', provider: 'wercker', pipelineId: 'p', token: null} as const;
	const entry = (): StartEntry => ({config: stampOf(config)!, color: 'auto', sources: [{name: 'deploy', provider: 'wercker', capabilities: capabilitiesOf(spec), file: join(folder, 'w.json')}]});
	return {dir: join(folder, 'cache'), config, entry};
}

describe('what the next start draws first', () => {
	it('is kept for the config file as it is, in a file only the user can read', () => {
		const {dir, config, entry} = setup();
		saveStartEntry(dir, config, entry());
		expect(readStartEntry(dir, config)).toEqual(entry());
		expect(statSync(join(dir, 'start.json')).mode & 0o777).toBe(0o600);
	});

	it('no longer holds once the config file changes, or its permissions do', () => {
		const {dir, config, entry} = setup();
		saveStartEntry(dir, config, entry());
		chmodSync(config, 0o644);
		expect(readStartEntry(dir, config)).toBeNull();
		chmodSync(config, 0o600);
		appendFileSync(config, '# more\n');
		expect(readStartEntry(dir, config)).toBeNull();
		rmSync(config);
		expect(readStartEntry(dir, config)).toBeNull();
	});

	it('no longer holds once the file is rewritten to the same size with its old time put back (cp -p, a sync tool)', () => {
		const {dir, config, entry} = setup();
		const time = new Date('2026-01-02T03:04:05Z');
		utimesSync(config, time, time);
		saveStartEntry(dir, config, entry());
		const kept = statSync(config).ctimeMs;
		// The clock the file system stamps files with may tick coarsely: rewrite until it has moved on.
		while (statSync(config).ctimeMs === kept) {
			writeFileSync(config, 'sources: {}\n');
			utimesSync(config, time, time);
		}
		expect(readStartEntry(dir, config)).toBeNull();
	});

	it('is read as nothing from a corrupt or foreign file', () => {
		const {dir, config, entry} = setup();
		saveStartEntry(dir, config, entry());
		for (const text of ['{"version":1,', '{"version":2,"configs":{}}', `{"version":1,"configs":{"${config}":{"config":${JSON.stringify(stampOf(config))},"color":"auto","sources":[{"name":1}]}}}`]) {
			writeFileSync(join(dir, 'start.json'), text);
			expect(readStartEntry(dir, config)).toBeNull();
		}
	});

	it('keeps the newest few configs only', () => {
		const {dir, config, entry} = setup();
		saveStartEntry(dir, config, entry());
		for (let index = 0; index < 10; index++) saveStartEntry(dir, `${config}.${index}`, entry());
		expect(readStartEntry(dir, config)).toBeNull();
		expect(Object.keys((JSON.parse(readFileSync(join(dir, 'start.json'), 'utf8')) as {configs: object}).configs)).toHaveLength(8);
	});
});
