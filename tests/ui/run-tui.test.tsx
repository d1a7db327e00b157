import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {runTui} from '../../source/ui/index.js';
import {FakeStore, makeRun} from './fake-store.js';
import {FakeKeyboard} from '../fixtures/keyboard.js';
import {makeSource} from '../fixtures/sources.js';

class FakeTty extends EventEmitter {
	readonly isTTY = true;
	columns = 100;
	rows = 30;
	readonly written: string[] = [];
	write(data: string): boolean {
		this.written.push(String(data));
		return true;
	}
	get output(): string {
		return this.written.join('');
	}
}

function setup() {
	const clock = new ManualClock();
	const store = new FakeStore(clock, {sources: [makeSource('deploy', {lastSuccessAt: clock.now()})], runs: [makeRun('deploy', '5751', 2, clock.now())]});
	const stdout = new FakeTty();
	const stdin = new FakeKeyboard();
	const start = (more: Partial<Parameters<typeof runTui>[0]> = {}) =>
		runTui({
			store,
			color: false,
			notify: {bell: true, osc9: false},
			clock,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
			...more,
		});
	return {store, stdout, stdin, start};
}

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setImmediate(resolve));
	}
}

const LEAVE = '\u001b[?1049l';

afterEach(() => {
	vi.restoreAllMocks();
});

describe('runTui', () => {
	it('draws on the alternate screen and, on q, restores the terminal and resolves 0', async () => {
		const {stdout, stdin, start} = setup();
		const done = start();
		await until(() => stdout.output.includes('#5751') && stdin.rawMode, 'the first frame');
		expect(stdout.written[0]).toContain('\u001b[?1049h');
		// Rows go to absolute places; no newline ever scrolls the screen.
		expect(stdout.output).toContain('\u001b[1;1H');
		expect(stdout.output).not.toContain('\n');
		stdin.type('q');
		expect(await done).toBe(0);
		expect(stdout.output.endsWith(LEAVE)).toBe(true);
		expect(stdout.output).toContain('\u001b[?25h');
		expect(stdin.rawMode).toBe(false);
		expect(stdout.listenerCount('resize')).toBe(0);
	});

	it('quits on Ctrl+C with 0, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT with 143, 129, 130 and 131, restoring the terminal each time', async () => {
		const signals = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'] as const;
		const handlers = () => signals.reduce((sum, name) => sum + process.listenerCount(name), 0);
		// The test before may still be handing its signal handlers back (they go a turn after it ends).
		await new Promise((resolve) => setImmediate(resolve));
		const before = handlers();
		for (const [way, code] of [['ctrl-c', 0], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130], ['SIGQUIT', 131]] as const) {
			const {stdout, stdin, start} = setup();
			const done = start();
			await until(() => stdout.output.includes('#5751') && stdin.rawMode, 'the first frame');
			if (way === 'ctrl-c') stdin.type('\u0003');
			else process.emit(way);
			expect(await done).toBe(code);
			expect(stdout.output.endsWith(LEAVE)).toBe(true);
			expect(stdin.rawMode).toBe(false);
			await until(() => handlers() === before, `the signal handlers to go after ${way}`);
		}
	});

	it('leaves the screen first, then says what went wrong in one line, and resolves 1', async () => {
		const {stdout, stdin, start, store} = setup();
		const errors: string[] = [];
		vi.spyOn(process.stderr, 'write').mockImplementation((data) => {
			// Said after the screen is left, or it would vanish with the alternate screen.
			if (stdout.output.endsWith(LEAVE)) errors.push(String(data));
			return true;
		});
		const done = start();
		await until(() => stdout.output.includes('#5751') && stdin.rawMode, 'the first frame');
		vi.spyOn(store, 'getSnapshot').mockImplementation(() => {
			throw new Error('snapshot broke\u001b[31m');
		});
		store.push({});
		expect(await done).toBe(1);
		expect(stdout.output.endsWith(LEAVE)).toBe(true);
		expect(stdin.rawMode).toBe(false);
		expect(errors.filter((line) => line.startsWith('citop:'))).toEqual(['citop: snapshot broke\n']);
	});

	it('restores the terminal on an unhandled rejection from anywhere in the process', async () => {
		const {stdout, stdin, start} = setup();
		vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		const done = start();
		await until(() => stdout.output.includes('#5751') && stdin.rawMode, 'the first frame');
		process.emit('unhandledRejection', new Error('lost promise'), Promise.resolve());
		expect(await done).toBe(1);
		expect(stdout.output.endsWith(LEAVE)).toBe(true);
	});
});
