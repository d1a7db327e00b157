import {InvalidArgumentError} from 'commander';
import {STATUS_FILTER_WORDS} from '../model/status.js';
import type {Status, StatusFilter} from '../model/status.js';
import {MAX_COPIES} from '../sim/limits.js';

/** Flag value parsers: each rejects with the fix in a few words, which commander puts after the flag. */

export function parseCount(value: string): number {
	const number = Number(value);
	if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number above 0, e.g. 20');
	return number;
}

export function parseSeconds(value: string): number {
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number of seconds above 0, e.g. 5');
	return number;
}

export function parsePort(value: string): number {
	const number = Number(value);
	if (!/^\d+$/.test(value.trim()) || number > 65_535) throw new InvalidArgumentError('expected a port number from 0 (any free port) to 65535');
	return number;
}

export function parseCopies(value: string): number {
	const number = Number(value);
	if (!/^\d+$/.test(value.trim()) || number < 1 || number > MAX_COPIES) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_COPIES}`);
	return number;
}

export function parseSeed(value: string): number {
	const number = Number(value);
	if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) throw new InvalidArgumentError('expected a whole number, e.g. 42');
	return number;
}

export function parseStatus(value: string): StatusFilter | Status {
	const status = STATUS_FILTER_WORDS.find((candidate) => candidate === value.trim().toLowerCase());
	if (!status) throw new InvalidArgumentError(`expected one of ${STATUS_FILTER_WORDS.join(', ')}`);
	return status;
}

/** For flags that may be given more than once. */
export function collect(value: string, previous: readonly string[] = []): string[] {
	return [...previous, value];
}

export interface CommanderFailure {
	message: string;
	code: string;
	/** The sub-command being parsed, null for citop itself. */
	command: string | null;
	commands: readonly string[];
	/** The first word after "citop", when it named no command. */
	word?: string;
}

/** Commander's errors as one line that names the flag and points to the help. */
export function rephraseCommanderError(failure: CommanderFailure): string {
	const text = failure.message
		.replace(/^error:\s*/i, '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join(' ')
		.replace(/\.\s*$/, '');
	const help = `see "citop${failure.command ? ` ${failure.command}` : ''} --help"`;
	if (failure.code === 'commander.excessArguments' && failure.command === null) {
		return `unknown command${failure.word ? ` "${failure.word}"` : ''} (the commands are ${failure.commands.join(', ')}); ${help}`;
	}
	return `${text}; ${help}`;
}
