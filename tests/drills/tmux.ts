import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {until} from './sim.js';

let servers = 0;

/**
 * One tmux server of a drill's own (its own -L socket) with one pane of a given size. The pane
 * waits for Enter before it runs the command, so that every byte the command writes is recorded
 * (pipe-pane) from its first one. Every wait polls against a deadline.
 */
export class DrillPane {
	readonly socket = `citop-drill-${process.pid}-${++servers}`;
	readonly recording: string;
	private readonly target = 'drill:0.0';

	constructor(
		command: string,
		options: {columns: number; rows: number; dir: string; env: NodeJS.ProcessEnv},
		private readonly env = options.env,
	) {
		this.recording = join(options.dir, `${this.socket}.bytes`);
		const script = `read go; ${command}; echo "EXITED $?"; exec sleep 600`;
		this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'drill', '-x', String(options.columns), '-y', String(options.rows), 'sh', '-c', script);
		this.tmux('pipe-pane', '-O', '-t', this.target, `cat > '${this.recording}'`);
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {env: this.env, encoding: 'utf8'});
	}

	/** Starts the command. */
	go(): void {
		this.send('Enter');
	}

	/** The screen as text, one string per row. */
	screen(): string[] {
		return this.tmux('capture-pane', '-p', '-t', this.target).replace(/\n$/, '').split('\n');
	}

	/** A tmux format for the pane: `#{pane_title}`, `#{alternate_on}`, `#{window_bell_flag}`. */
	show(format: string): string {
		return this.tmux('display-message', '-p', '-t', this.target, format).replace(/\n$/, '');
	}

	/** Keys by tmux name ("Enter", "Escape"), or literal text with `literal`. */
	send(keys: string, literal = false): void {
		this.tmux('send-keys', '-t', this.target, ...(literal ? ['-l'] : []), keys);
	}

	/** Every byte the command wrote so far. */
	bytes(): string {
		try {
			return readFileSync(this.recording, 'utf8');
		} catch {
			return '';
		}
	}

	/** What the command wrote: the recording less the shell's echo of Enter before and its EXITED line after. */
	output(): string {
		return this.bytes().replace(/^\r\n/, '').replace(/EXITED \d+\r\n$/, '');
	}

	async waitFor(check: (screen: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<string[]> {
		await until(() => check(this.screen()), () => `${what}; the screen:\n${this.screen().join('\n')}`, timeoutMs, 50);
		return this.screen();
	}

	/** The processes the pane's shell started and still has: its command, e.g. node. */
	children(): {pid: number; name: string}[] {
		// ps exits with 1 when it finds none.
		return spawnSync('ps', ['--ppid', this.show('#{pane_pid}'), '-o', 'pid=,comm='], {encoding: 'utf8'})
			.stdout.split('\n')
			.map((line) => /^\s*(\d+)\s+(\S+)/.exec(line))
			.filter((match) => match !== null)
			.map((match) => ({pid: Number(match[1]), name: match[2]!}));
	}

	/** Presses q and waits for the command to end; its exit code. */
	async quit(): Promise<number> {
		this.send('q');
		const screen = await this.waitFor((lines) => lines.some((line) => /^EXITED \d+/.test(line)), 'citop to exit');
		return Number(/^EXITED (\d+)/.exec(screen.find((line) => line.startsWith('EXITED')) ?? '')?.[1]);
	}

	/** Ends the server and removes its socket file, which tmux leaves behind when killed. */
	kill(): void {
		try {
			const socketPath = this.show('#{socket_path}');
			this.tmux('kill-server');
			if (socketPath.includes(this.socket)) rmSync(socketPath, {force: true});
		} catch {
			// Already gone.
		}
	}
}

/**
 * How many cells tmux gives each character, as it draws them in a pane: each is written between
 * an A and a Z over a row of digits, and the first digit left after the Z tells where it ended.
 * A character tmux draws in no cell joins the cell before it.
 */
export async function tmuxWidths(chars: readonly string[], options: {dir: string; env: NodeJS.ProcessEnv}): Promise<Map<string, number>> {
	const file = join(options.dir, `widths-${process.pid}-${++servers}.txt`);
	writeFileSync(file, chars.map((char) => `0123456789\rA${char}Z\n`).join(''));
	const pane = new DrillPane(`cat '${file}'`, {columns: 40, rows: chars.length + 3, dir: options.dir, env: options.env});
	try {
		pane.go();
		const screen = await pane.waitFor((lines) => lines.some((line) => line.startsWith('EXITED')), 'the characters written');
		const rows = screen.filter((line) => line.startsWith('A'));
		if (rows.length !== chars.length) throw new Error(`expected ${chars.length} rows of characters, got:\n${screen.join('\n')}`);
		return new Map(chars.map((char, index) => [char, Number(rows[index]![rows[index]!.lastIndexOf('Z') + 1]) - 2]));
	} finally {
		pane.kill();
	}
}
