import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * A real terminal for the figures that need the shipped binary: a tmux pane on a server of its
 * own (its own -L socket), whose command waits for a go so the byte count and the clock can be
 * set up first. Every wait polls with a deadline.
 */

let panes = 0;

/** The environment citop gets in a terminal: no CI variables (Ink reads any of them as "not a terminal"). */
export function terminalEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_') || name === 'TMUX' || name === 'NODE_OPTIONS') continue;
		env[name] = value;
	}
	return {...env, LANG: env['LANG'] ?? 'C.UTF-8', TERM: 'xterm-256color'};
}

/** The checkout the bench belongs to (the folder with citop's package.json). */
export function repoRoot(): string {
	let folder = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const file = join(folder, 'package.json');
		if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as {name?: string}).name === 'citop') return folder;
		const up = dirname(folder);
		if (up === folder) throw new Error('cannot find citop\'s package.json above the bench');
		folder = up;
	}
}

export class BenchPane {
	readonly socket = `citop-bench-${process.pid}-${++panes}`;
	private readonly target = 'bench:0.0';

	/** `command` runs (through sh) once go() is called. */
	constructor(command: string, columns = 120, rows = 40) {
		this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'bench', '-x', String(columns), '-y', String(rows), `read go; exec ${command}`);
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {env: terminalEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	}

	/** Appends everything the program writes to the pane to `file` from now on. */
	record(file: string): void {
		this.tmux('pipe-pane', '-o', '-t', this.target, `cat >> '${file}'`);
	}

	/** Starts the command. */
	go(): void {
		this.tmux('send-keys', '-t', this.target, 'Enter');
	}

	/** Whether the pane's shell is reading the go (it sleeps in read, state S, with no child). */
	hasReader(): boolean {
		try {
			const stat = readFileSync(`/proc/${this.pid()}/stat`, 'utf8');
			return stat.slice(stat.lastIndexOf(')') + 2).startsWith('S');
		} catch {
			return false;
		}
	}

	/** The pane's process: the command itself once started (sh execs it). */
	pid(): number {
		return Number(this.tmux('display-message', '-p', '-t', this.target, '#{pane_pid}').trim());
	}

	screen(): string[] {
		return this.tmux('capture-pane', '-p', '-t', this.target).replace(/\n$/, '').split('\n');
	}

	async waitFor(check: (screen: string[]) => boolean, what: string, timeoutMs = 20_000, everyMs = 20): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!check(this.screen())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the pane:\n${this.screen().join('\n')}`);
			await new Promise((resolve) => setTimeout(resolve, everyMs));
		}
	}

	/** Closes the pane as a user would: its program's terminal hangs up. */
	close(): void {
		this.tmux('kill-pane', '-t', this.target);
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Gone already.
		}
		// tmux leaves its socket file behind; a bench run makes dozens.
		rmSync(join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), {force: true});
	}
}

const TICKS_PER_SECOND = 100;

/** CPU seconds of a process and of the children it has waited for (utime+stime+cutime+cstime). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces), from field 3 on.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
	return ticks / TICKS_PER_SECOND;
}

export function fileBytes(file: string): number {
	return existsSync(file) ? statSync(file).size : 0;
}

/** Installs what the terminal figures need when it is missing (Debian/Ubuntu), or says what is missing. */
export function ensureTools(tools: Record<string, string>): void {
	const missing = Object.entries(tools).filter(([command]) => {
		try {
			execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
			return false;
		} catch {
			return true;
		}
	});
	if (missing.length === 0) return;
	const packages = [...new Set(missing.map(([, name]) => name))];
	try {
		execFileSync('apt-get', ['install', '-y', ...packages], {stdio: 'ignore'});
	} catch {
		throw new Error(`needs ${missing.map(([command]) => command).join(', ')} (apt-get install -y ${packages.join(' ')})`);
	}
}

/** Builds dist/ when the binary is not there yet. */
export function ensureBuilt(root: string): string {
	const cli = join(root, 'dist', 'cli.js');
	if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'ignore'});
	if (!existsSync(cli)) throw new Error('npm run build made no dist/cli.js');
	return cli;
}
