import {chmodSync, mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';

/** Writes the file whole or not at all (a reader never sees half of it), for the user's eyes only. */
export function writeAtomically(path: string, dir: string, text: string): void {
	mkdirSync(dir, {recursive: true, mode: 0o700});
	// mkdir keeps the mode of a directory that exists: the runs are the user's alone.
	chmodSync(dir, 0o700);
	// Unique enough: the write refuses a name that exists (wx), and node:crypto would cost the start its load.
	const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
	try {
		writeFileSync(temp, text, {mode: 0o600, flag: 'wx'});
		renameSync(temp, path);
	} catch (error) {
		rmSync(temp, {force: true});
		throw error;
	}
}
