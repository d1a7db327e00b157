import {describe, expect, it} from 'vitest';
import {runToJson, toSafeJson} from '../../source/output/json.js';
import {LiveRegion} from '../../source/output/live.js';
import {renderRunsTable} from '../../source/output/table.js';
import {prefersAscii, shouldUseColor} from '../../source/output/terminal.js';
import {formatAge, formatDuration} from '../../source/output/time.js';
import {formatConclusion, formatTransition, renderRunTree} from '../../source/output/watch.js';
import {NOW, makeNode, makeRun} from './fixtures.js';

const ESC = '\u001b';

describe('the runs table', () => {
	const runs = [
		makeRun({id: '1284'}),
		makeRun({id: '1283', status: 'failed', providerStatus: 'timeout', flags: {timeout: true}, progress: 1, finishedAt: NOW - 60_000, branch: 'feat/x', event: 'pr_update', user: 'carl'}),
		makeRun({id: '77', source: 'prod-release', provider: 'northflank', label: 'v2.3.1 release', status: 'queued', progress: null, startedAt: null, branch: null, commit: null, event: null, user: null}),
	];

	it('shows the columns of the list, a glyph beside every status word', () => {
		const lines = renderRunsTable(runs, {now: NOW, color: false, ascii: false});
		expect(lines[0]).toMatch(/^STATUS\s+SOURCE\s+RUN\s+REF\s+EVENT\s+USER\s+PROGRESS\s+STARTED\s+TIME\s+TITLE$/);
		expect(lines[1]).toMatch(/^▷ running\s+acme\/api\s+#1284\s+main 3f2a91c\s+push\s+ann\s+█{6}░{5}\s+52%\s+2m ago\s+2:04\s+fix the build$/);
		expect(lines[2]).toMatch(/^✗ timed out\s+acme\/api\s+#1283\s+feat\/x 3f2a91c\s+pr_update\s+carl\s+2m ago\s+1:04/);
		expect(lines[3]).toMatch(/^○ queued\s+prod-release\s+v2\.3\.1 release\s+2m ago\s+–\s+fix the build$/);
	});

	it('shows a progress bar only where the live list does: running runs; an unknown status as the provider said it', () => {
		const odd = makeRun({id: '8', status: 'unknown', providerStatus: 'paused', progress: 0.5});
		const done = makeRun({id: '7', status: 'success', progress: 1, finishedAt: NOW - 60_000});
		const lines = renderRunsTable([...runs, done, odd], {now: NOW, color: false, ascii: false});
		expect(lines.filter((line) => line.includes('█'))).toEqual([lines[1]]);
		expect(lines.join('\n')).not.toContain('100%');
		expect(lines[5]).toMatch(/^\? unknown .*\(paused\)/);
	});

	it('prints no spinner frame: a still glyph beside "running"', () => {
		const text = renderRunsTable(runs, {now: NOW, color: false, ascii: false}).join('\n');
		expect(text).not.toMatch(/[\u2800-\u28ff]/);
	});

	it('falls back to ASCII glyphs and bars', () => {
		const lines = renderRunsTable(runs, {now: NOW, color: false, ascii: true});
		expect(lines[1]).toMatch(/^\* running .* #{6}\.{5}\s+52%/);
		expect(lines[2]).toMatch(/^x timed out/);
		expect(lines.join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
	});

	it('colours only when asked', () => {
		expect(renderRunsTable(runs, {now: NOW, color: false, ascii: true}).join('\n')).not.toContain(ESC);
		const coloured = renderRunsTable(runs, {now: NOW, color: true, ascii: true});
		expect(coloured[1]).toContain(`${ESC}[33m* running`);
		expect(coloured[2]).toContain(`${ESC}[31mx timed out`);
	});

	it('fits a narrow terminal by shortening the title, then dropping it', () => {
		const wide = renderRunsTable(runs, {now: NOW, color: false, ascii: true, width: 130});
		for (const line of wide) expect(line.length).toBeLessThanOrEqual(130);
		const narrow = renderRunsTable(runs, {now: NOW, color: true, ascii: true, width: 60});
		for (const line of narrow) expect(line.replace(/\u001b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(60);
	});

	it('strips escape sequences a server put in its text', () => {
		const hostile = makeRun({id: '9', title: `${ESC}]0;pwned\u0007deploy ${ESC}[2Jnow`, user: `ev${ESC}[31mil`, branch: `ma${ESC}]52;c;ZXZpbA==\u0007in`});
		const text = renderRunsTable([hostile], {now: NOW, color: false, ascii: true}).join('\n');
		expect(text).not.toContain(ESC);
		expect(text).not.toContain('\u0007');
		expect(text).toContain('deploy now');
		expect(text).toContain('evil');
	});
});

describe('runs as JSON', () => {
	it('has the documented fields with ISO dates or null', () => {
		const json = runToJson(makeRun({id: '5', finishedAt: null, url: 'https://example/5'}));
		expect(json).toMatchObject({
			source: 'acme/api',
			provider: 'sourcecraft',
			id: '5',
			title: 'fix the build',
			status: 'running',
			providerStatus: 'processing',
			branch: 'main',
			commit: '3f2a91c0ffee',
			event: 'push',
			user: 'ann',
			createdAt: '2026-11-23T12:02:21.000Z',
			startedAt: '2026-11-23T12:02:27.000Z',
			finishedAt: null,
			progress: 0.52,
			url: 'https://example/5',
		});
	});
});

describe('times', () => {
	it.each([
		[0, '0:00'],
		[41_000, '0:41'],
		[372_000, '6:12'],
		[3_723_000, '1:02:03'],
	])('duration %d ms → %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});

	it.each([
		[2_000, 'now'],
		[12_000, '12s ago'],
		[125_000, '2m ago'],
		[3 * 3600_000, '3h ago'],
		[50 * 3600_000, '2d ago'],
	])('age %d ms → %s', (ms, text) => {
		expect(formatAge(NOW - ms, NOW)).toBe(text);
	});
});

describe('watch output', () => {
	it('one timestamped line per transition', () => {
		const base = {at: NOW, runKey: 'k', source: 'acme/api', runLabel: '#12', kind: 'status' as const};
		expect(formatTransition({...base, nodeId: null, nodeTitle: null, from: 'queued', to: 'running'}, false)).toBe('2026-11-23T12:04:31Z acme/api #12: queued → running');
		expect(formatTransition({...base, nodeId: 'build/test', nodeTitle: 'test', from: 'running', to: 'failed'}, true)).toBe(
			'2026-11-23T12:04:31Z acme/api #12 test: running -> failed',
		);
		expect(formatTransition({...base, kind: 'added', nodeId: 'deploy', nodeTitle: `de${ESC}[2Jploy`, from: null, to: 'queued'}, true)).toBe(
			'2026-11-23T12:04:31Z acme/api #12 deploy: queued',
		);
	});

	it('says how a run ended and what failed', () => {
		const run = makeRun({
			id: '12',
			status: 'failed',
			finishedAt: NOW,
			children: [
				makeNode({id: 'build', status: 'failed', children: [makeNode({id: 'test', status: 'failed', errors: ['exit code 1']}), makeNode({id: 'app.tgz', kind: 'artifact', status: 'failed'})]}),
				makeNode({id: 'deploy', status: 'unknown', children: [makeNode({id: 'helm', status: 'failed'})]}),
			],
		});
		expect(formatConclusion(run, NOW, true)).toEqual([
			'2026-11-23T12:04:31Z acme/api #12 finished: failed in 2:04',
			'  x build › test: exit code 1',
			'  x deploy › helm',
		]);
	});

	it('draws the tree within the terminal', () => {
		const children = [
			makeNode({id: 'build', status: 'running', startedAt: NOW - 118_000, progress: 0.64, children: [makeNode({id: 'compile', status: 'success', startedAt: NOW - 118_000, finishedAt: NOW - 77_000})]}),
			makeNode({id: 'deploy'}),
		];
		const lines = renderRunTree(makeRun({id: '1284', children}), {now: NOW, ascii: true, width: 100, height: 10});
		expect(lines[0]).toBe('* acme/api #1284 · fix the build · main 3f2a91c · push by ann · running 2:04');
		expect(lines[1]).toMatch(/^\* running\s+build\s+#{6}\.{4}\s+64%\s+1:58$/);
		expect(lines[2]).toMatch(/^\+ success\s+ {2}compile\s+0:41$/);
		expect(lines[3]).toMatch(/^\. queued\s+deploy$/);
		// The tree could not be fetched for the last minute: times stop at the last answer, and the headline says so.
		const stale = renderRunTree(makeRun({id: '1284', children}), {now: NOW, ascii: true, width: 100, height: 10, staleSince: NOW - 60_000});
		expect(stale[0]).toBe('* acme/api #1284 · fix the build · main 3f2a91c · push by ann · running 1:04 · STALE 1m');
		expect(stale[1]).toMatch(/^\* running\s+build\s+#{6}\.{4}\s+64%\s+0:58$/);
		expect(stale[2]).toMatch(/^\+ success\s+ {2}compile\s+0:41$/);
		const short = renderRunTree(makeRun({id: '1284', children}), {now: NOW, ascii: true, width: 40, height: 3});
		expect(short).toHaveLength(3);
		expect(short[2]).toBe('  … 2 more');
		for (const line of short) expect(line.length).toBeLessThanOrEqual(40);
	});

	it('keeps STALE in the headline of a narrow terminal, cutting the run\'s description instead', () => {
		const run = makeRun({id: '1284', children: [makeNode({id: 'build', status: 'running', startedAt: NOW - 118_000})]});
		const [headline = ''] = renderRunTree(run, {now: NOW, ascii: true, width: 50, height: 5, staleSince: NOW - 60_000});
		expect(headline).toMatch(/^\* acme\/api #1284 · fix the .*… · STALE 1m$/);
		expect(headline.length).toBeLessThanOrEqual(50);
	});

	it("names a Wercker run's pipeline in the tree's headline", () => {
		const run = makeRun({id: '9a1b2c3', source: 'shop', provider: 'wercker', label: '9a1b2c3', pipeline: 'initial-build', event: null});
		const [headline] = renderRunTree(run, {now: NOW, ascii: true, width: 100, height: 10});
		expect(headline).toBe('* shop 9a1b2c3 · pipeline initial-build · fix the build · main 3f2a91c · running 2:04');
	});

	it('says in the headline what the run was started with', () => {
		const run = makeRun({id: '77', label: 'release-77', branch: 'release/2.3', inputs: {imageTag: 'v2.3.1', region: 'eu'}});
		expect(renderRunTree(run, {now: NOW, ascii: true, width: 120, height: 5})[0]).toBe(
			'* acme/api release-77 · fix the build · release/2.3 3f2a91c · imageTag=v2.3.1 region=eu · push by ann · running 2:04',
		);
	});
});

describe('colour and glyph choice', () => {
	const tty = {noColorFlag: false, config: 'auto' as const, env: {}, isTTY: true};
	it.each([
		['a terminal', tty, true],
		['a pipe', {...tty, isTTY: false}, false],
		['--no-color', {...tty, noColorFlag: true}, false],
		['NO_COLOR', {...tty, env: {NO_COLOR: '1'}}, false],
		['an empty NO_COLOR', {...tty, env: {NO_COLOR: ''}}, true],
		['config never', {...tty, config: 'never' as const}, false],
		['config always into a pipe', {...tty, config: 'always' as const, isTTY: false}, true],
		['config always over NO_COLOR', {...tty, config: 'always' as const, env: {NO_COLOR: '1'}}, true],
		['--no-color over config always', {...tty, config: 'always' as const, noColorFlag: true}, false],
		['FORCE_COLOR=0', {...tty, env: {FORCE_COLOR: '0'}}, false],
		['TERM=dumb', {...tty, env: {TERM: 'dumb'}}, false],
	])('%s', (_name, choice, expected) => {
		expect(shouldUseColor(choice)).toBe(expected);
	});

	it.each([
		[{LANG: 'en_US.UTF-8'}, false],
		[{LANG: 'C'}, true],
		[{LC_ALL: 'C', LANG: 'en_US.UTF-8'}, true],
		[{LC_CTYPE: 'de_DE.utf8'}, false],
		[{}, true],
	])('locale %j → ascii %s', (env, ascii) => {
		expect(prefersAscii(env)).toBe(ascii);
	});
});

describe('JSON that is safe to print', () => {
	it('escapes the controls JSON.stringify lets through, and reads back the same', () => {
		const value = {title: 'a\u009b31mb\u202ec\u007fd\u2028e\u2029f', plain: 'ünïcode ✓'};
		const text = toSafeJson(value);
		expect(text).not.toMatch(/[\u007f-\u009f\u202e\u2028\u2029]/);
		expect(text).toContain('ünïcode ✓');
		expect(JSON.parse(text)).toEqual(value);
	});
});

describe('the live region of watch on a terminal', () => {
	it('redraws in place, cuts lines to the width so none wraps, and gives the cursor back', () => {
		let written = '';
		const stream = {columns: 20, write: (text: string) => (written += text)} as unknown as NodeJS.WriteStream;
		const region = new LiveRegion(stream);
		region.render(['first frame', 'x'.repeat(50)]);
		expect(written).toBe(`${ESC}[?25l${ESC}[Jfirst frame${ESC}[K\n${'x'.repeat(18)}…${ESC}[K\n`);
		written = '';
		region.render(['second']);
		expect(written).toBe(`\r${ESC}[2A${ESC}[Jsecond${ESC}[K\n`);
		written = '';
		region.close();
		region.close();
		expect(written).toBe(`${ESC}[?25h`);
	});
});
