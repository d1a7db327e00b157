import {execFile} from 'node:child_process';
import type {TerminalOut} from '../hooks/actions.js';
import {openInBrowser} from './browser.js';

const ASK_TIMEOUT_MS = 1000;

/**
 * tmux's `set-clipboard`, as `tmux show -gv set-clipboard` prints it; null outside tmux or when
 * tmux does not answer. Asked at each copy: the user may have just turned it on.
 */
export function tmuxClipboardSetting(env: NodeJS.ProcessEnv): Promise<string | null> {
	if (!env['TMUX']) return Promise.resolve(null);
	return new Promise((resolve) => {
		execFile('tmux', ['show', '-gv', 'set-clipboard'], {env, timeout: ASK_TIMEOUT_MS}, (error, stdout) => {
			resolve(error ? null : stdout.trim() || null);
		});
	});
}

const ENABLE = 'tmux set -g set-clipboard on';

/**
 * What `y` says. citop cannot know the clipboard was set, only what it sent; inside tmux only
 * `set-clipboard on` takes an application's OSC 52 (the default, `external`, drops it).
 */
export function copiedMessage(what: string, tmux: boolean, setting: string | null): string {
	const sent = `sent ${what} to the terminal clipboard (OSC 52)`;
	if (!tmux) return sent;
	if (setting === 'on') return `${sent} through tmux`;
	if (setting === null) return `${sent}; if it does not arrive: ${ENABLE}`;
	return `${sent}; tmux may drop it: ${ENABLE}`;
}

/** The terminal citop writes to beyond Ink's frames, and the environment its tmux settings and browser come from. */
export function terminalOut(write: (data: string) => void, env: NodeJS.ProcessEnv = process.env): TerminalOut {
	return {write, tmux: Boolean(env['TMUX']), clipboardSetting: () => tmuxClipboardSetting(env), openUrl: (url) => openInBrowser(url, env)};
}
