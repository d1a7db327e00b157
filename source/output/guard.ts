/**
 * Gives the terminal back when citop cannot. Killed (`kill -9`) or aborted by V8 (out of memory),
 * citop runs no more code, and the terminal stays as citop set it: on the alternate screen, the
 * cursor hidden. A small shell waits on a pipe from citop, which closes however citop ends; unless
 * citop stopped the shell first (it restored the terminal itself), the shell writes `restore`.
 * Echo and line editing need no help: the user's shell restores them after a job a signal ended.
 * An idle process, no CPU; nothing on Windows or when `stream` is not a terminal.
 * Returns the function that stops the guard, once citop has restored the terminal.
 */
export function guardTerminal(stream: NodeJS.WriteStream, restore: string): () => void {
	const fd = (stream as {fd?: unknown}).fd;
	if (process.platform === 'win32' || !stream.isTTY || typeof fd !== 'number') return () => {};
	try {
		// Required here, not imported on top: the live view's start frame goes out before child_process loads.
		const {spawn} = require('node:child_process') as typeof import('node:child_process');
		const guard = spawn('/bin/sh', ['-c', `read _ || printf '%s' "$1"`, 'citop-terminal-guard', restore], {stdio: ['pipe', fd, 'ignore']});
		guard.on('error', () => {});
		guard.stdin?.on('error', () => {});
		// The guard must not keep citop running, nor outlive a citop that ended well.
		guard.unref();
		(guard.stdin as unknown as {unref?: () => void} | null)?.unref?.();
		return () => {
			guard.kill('SIGKILL');
		};
	} catch {
		return () => {};
	}
}
