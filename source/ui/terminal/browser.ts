import {spawn} from 'node:child_process';
import {basename} from 'node:path';

/** What became of an address: opened by a program, or why not (the caller shows and copies it then). */
export type OpenOutcome = {opened: string} | {notOpened: string};

interface Command {
	command: string;
	args: string[];
}

/**
 * The program that opens `url` here: $BROWSER (its first entry, `%s` standing for the address),
 * else the desktop's opener; or why none is tried. Over SSH a browser would open on the far
 * machine, where nobody sees it.
 */
export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Command | {none: string} {
	if (env['SSH_CONNECTION'] || env['SSH_TTY']) return {none: 'over SSH'};
	const words = (env['BROWSER'] ?? '').split(':')[0]?.trim().split(/\s+/).filter(Boolean) ?? [];
	const [command, ...rest] = words;
	if (command) {
		const args = rest.map((word) => word.replaceAll('%s', url));
		return {command, args: rest.some((word) => word.includes('%s')) ? args : [...args, url]};
	}
	if (platform === 'darwin') return {command: 'open', args: [url]};
	if (platform === 'linux' || platform.endsWith('bsd')) return {command: 'xdg-open', args: [url]};
	return {none: 'no way to open a browser here (set $BROWSER)'};
}

// An opener that is still running after this long has handed the address on (a browser run in the foreground).
const SETTLE_MS = 1_500;

/** Starts the opener detached, its output nowhere near the screen; resolves once it has gone, failed, or settled. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<OpenOutcome> {
	const found = browserCommand(url, env, platform);
	if ('none' in found) return Promise.resolve({notOpened: found.none});
	const {command, args} = found;
	const name = basename(command);
	return new Promise((resolve) => {
		let child: ReturnType<typeof spawn>;
		try {
			child = spawn(command, args, {detached: true, stdio: 'ignore', env});
		} catch (error) {
			resolve({notOpened: `${name} could not start (${(error as Error).message})`});
			return;
		}
		const timer = setTimeout(() => resolve({opened: name}), SETTLE_MS);
		timer.unref();
		const done = (outcome: OpenOutcome) => {
			clearTimeout(timer);
			resolve(outcome);
		};
		child.on('error', (error: NodeJS.ErrnoException) => done({notOpened: error.code === 'ENOENT' ? `${name} not found` : `${name} could not start (${error.code ?? error.message})`}));
		child.on('exit', (code, signal) => done(code === 0 ? {opened: name} : {notOpened: `${name} failed (${signal ?? `exit ${code}`})`}));
		child.unref();
	});
}
