import type {Capabilities, GitRevision, TriggerField, TriggerRequest} from '../providers/types.js';
import {CliError} from './exit.js';

/** The trigger flags, as commander hands them over. */
export interface TriggerFlags {
	workflow: readonly string[];
	branch?: string;
	tag?: string;
	commit?: string;
	configRevision?: string;
	shared?: boolean;
	input: readonly string[];
	ref?: readonly string[];
	/** Wercker: the run to chain after, as the RUN column shows it. */
	sourceRun?: string;
	message?: string;
	name?: string;
	description?: string;
}

const FLAGS: Record<TriggerField, string> = {
	workflows: '--workflow',
	head: '--branch/--tag/--commit',
	configRevision: '--config-revision',
	shared: '--shared',
	branch: '--branch',
	commit: '--commit',
	message: '--message',
	inputs: '--input',
	refs: '--ref',
	sourceRun: '--source-run',
	name: '--name',
	description: '--description',
};

/** "KEY=VALUE" → {key, value}, the key empty without "="; the value may itself hold "=". */
function pairOf(text: string): {key: string; value: string} {
	const cut = text.indexOf('=');
	return {key: cut < 0 ? '' : text.slice(0, cut).trim(), value: text.slice(cut + 1)};
}

export function parseInput(text: string): {key: string; value: string} {
	const pair = pairOf(text);
	if (pair.key === '') throw new CliError(`--input expects KEY=VALUE, got "${text.slice(0, 40)}"`);
	return pair;
}

/** "NAME=BRANCH" → the branch to deploy for the release flow's ref NAME. */
export function parseRef(text: string): {ref: string; branch: string} {
	const {key, value} = pairOf(text);
	if (key === '' || value.trim() === '') throw new CliError(`--ref expects NAME=BRANCH (a ref of the release flow and the branch to deploy), got "${text.slice(0, 40)}"`);
	return {ref: key, branch: value.trim()};
}

/** `--config-revision`: a branch, or `tag:NAME`, `commit:SHA`, `branch:NAME` (git forbids ":" in a branch name). */
export function parseRevision(text: string): GitRevision {
	const match = /^(branch|tag|commit):(.*)$/.exec(text.trim());
	const kind = match?.[1] ?? 'branch';
	const name = (match ? (match[2] ?? '') : text).trim();
	if (name === '') throw new CliError(`--config-revision expects a branch, tag:NAME or commit:SHA, got "${text.slice(0, 40)}"`);
	return kind === 'tag' ? {tag: name} : kind === 'commit' ? {commit: name} : {branch: name};
}

/**
 * The request to send, built only from flags the provider reads: a flag it would ignore is
 * refused, so nobody believes a run started on a branch it never saw.
 */
export function buildTriggerRequest(flags: TriggerFlags, capabilities: Capabilities, provider: string): TriggerRequest {
	const fields = new Set(capabilities.triggerFields);
	const takes = capabilities.triggerFields.map((field) => FLAGS[field]).join(', ') || 'no options';
	const problems: string[] = [];
	const refuse = (flag: string) => problems.push(`${flag}: not used by ${provider} (it takes ${takes})`);
	const request: TriggerRequest = {};

	if (flags.workflow.length > 0) {
		if (fields.has('workflows')) request.workflows = [...flags.workflow];
		else refuse('--workflow');
	}
	const refs = (['branch', 'tag', 'commit'] as const).filter((ref) => flags[ref] !== undefined);
	if (fields.has('head')) {
		if (refs.length > 1) problems.push(`${refs.map((ref) => `--${ref}`).join(' and ')}: give only one; the run starts from one branch, tag or commit`);
		else for (const ref of refs) request[ref] = flags[ref];
	} else {
		for (const ref of refs) {
			if (ref === 'tag' || !fields.has(ref)) refuse(`--${ref}`);
			else request[ref] = flags[ref];
		}
		if (request.commit !== undefined && request.branch === undefined && fields.has('branch')) {
			problems.push(`--commit: ${provider} needs --branch with it (the branch the commit is on)`);
		}
	}
	if (flags.configRevision !== undefined) {
		if (fields.has('configRevision')) request.configRevision = parseRevision(flags.configRevision);
		else refuse(FLAGS.configRevision);
	}
	const simple = [
		['sourceRun', flags.sourceRun],
		['message', flags.message],
		['name', flags.name],
		['description', flags.description],
	] as const;
	for (const [field, value] of simple) {
		if (value === undefined) continue;
		if (fields.has(field)) request[field] = value;
		else refuse(FLAGS[field]);
	}
	if (flags.shared) {
		if (fields.has('shared')) request.shared = true;
		else refuse('--shared');
	}
	if (flags.input.length > 0) {
		if (fields.has('inputs')) request.inputs = flags.input.map(parseInput);
		else refuse('--input');
	}
	if (flags.ref && flags.ref.length > 0) {
		if (fields.has('refs')) request.refs = flags.ref.map(parseRef);
		else refuse('--ref');
	}
	if (problems.length > 0) throw new CliError(problems);
	return request;
}
