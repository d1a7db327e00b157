import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
const place = mkdtempSync(join(tmpdir(), 'citop-package-'));
const bin = join(place, 'node_modules', '.bin', 'citop');

beforeAll(() => {
	if (!existsSync(join(root, 'dist', 'cli.js'))) execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'ignore'});
	// The package as a user gets it: packed from the built tree, installed with its runtime dependencies only.
	execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', place], {cwd: root, stdio: 'ignore'});
	const tarball = readdirSync(place).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack made no tarball');
	execFileSync('npm', ['install', '--prefix', place, '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', join(place, tarball)], {
		cwd: place,
		stdio: 'ignore',
	});
}, 180_000);

afterAll(() => {
	rmSync(place, {recursive: true, force: true});
});

describe('the installed package', () => {
	it('ships the built program, the README and the licence, and no sources or tests', () => {
		const files = readdirSync(join(place, 'node_modules', 'citop'), {recursive: true}).map(String);
		expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'README.md', 'LICENSE', 'package.json']));
		expect(files.filter((file) => /^(source|tests)\b/.test(file) || file.endsWith('.map'))).toEqual([]);
	});

	it('runs as citop: prints its version, and refuses the live view without a terminal in one line, exit 2', () => {
		expect(execFileSync(bin, ['--version'], {encoding: 'utf8'}).trim()).toBe(version);
		const demo = spawnSync(bin, ['demo'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000});
		expect(demo.status).toBe(2);
		expect(demo.stderr.trim().split('\n')).toHaveLength(1);
		expect(demo.stderr).toMatch(/^citop: .*terminal/);
	});
});
