import type {z} from 'zod';
import {editDistance} from '../model/distance.js';
import {sanitizeLine} from '../model/sanitize.js';
import type {ProviderName} from '../model/run.js';
import {KNOWN_KEYS, fieldHint} from './schema.js';

type Path = readonly PropertyKey[];

/** ['sources', 1, 'stage'] → sources[1].stage */
export function formatPath(path: Path): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out === '' ? String(part) : `.${String(part)}`;
	}
	return out;
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	object: 'a mapping (key: value lines)',
	array: 'a list (lines starting with "- ")',
};

// Values of these fields may be secrets: an error names their type, never their content.
const SECRET_FIELDS = new Set(['token', 'tokenCommand', 'tokenEnv']);

function describe(value: unknown, secret: boolean): string {
	if (value === null) return 'nothing (null)';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	if (secret) return typeof value === 'string' ? 'text' : `a ${typeof value}`;
	if (typeof value === 'string') return `"${sanitizeLine(value, 40)}"`;
	return `${typeof value === 'number' ? 'the number' : ''} ${sanitizeLine(String(value), 40)}`.trim();
}

function lastKey(path: Path): string {
	const last = path[path.length - 1];
	return typeof last === 'string' ? last : '';
}

function knownKeysAt(path: Path): readonly string[] {
	if (path.length === 0) return KNOWN_KEYS.top;
	if (path[0] === 'sources') return KNOWN_KEYS.source;
	if (path[0] === 'poll') return KNOWN_KEYS.poll;
	if (path[0] === 'notify') return KNOWN_KEYS.notify;
	return [];
}

/** The known key a typo most likely meant, if one is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function withHint(text: string, key: string, provider: ProviderName | undefined): string {
	const hint = fieldHint(key, provider);
	return hint ? `${text} (${hint})` : text;
}

function describeIssue(issue: z.core.$ZodIssue, provider: ProviderName | undefined): string {
	const key = lastKey(issue.path);
	const secret = SECRET_FIELDS.has(key);
	switch (issue.code) {
		case 'invalid_type': {
			const expected = EXPECTED[issue.expected] ?? issue.expected;
			if (!('input' in issue) || issue.input === undefined) return withHint('required', key, provider);
			const got = describe(issue.input, secret);
			const quote = issue.expected === 'string' && typeof issue.input === 'number' ? `; put it in quotes to keep every digit` : '';
			return withHint(`expected ${expected}, got ${got}${quote}`, key, provider);
		}
		case 'invalid_value': {
			const options = issue.values.map(String).join(', ');
			if (!('input' in issue) || issue.input === undefined) return `required: one of ${options}`;
			return `expected one of ${options}, got ${describe(issue.input, secret)}`;
		}
		case 'too_small':
			if (issue.origin === 'string') return withHint('must not be empty', key, provider);
			return withHint(`must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`, key, provider);
		case 'too_big':
			return withHint(`must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`, key, provider);
		case 'invalid_format':
		case 'custom':
			return issue.message;
		default:
			return issue.message;
	}
}

/** The provider of the source an issue is about, so hints can speak its language. */
function providerAt(input: unknown, path: Path): ProviderName | undefined {
	if (path[0] !== 'sources' || typeof path[1] !== 'number' || typeof input !== 'object' || input === null) return undefined;
	const sources = (input as {sources?: unknown}).sources;
	if (!Array.isArray(sources)) return undefined;
	const provider = (sources[path[1]] as {provider?: unknown} | undefined)?.provider;
	return provider === 'sourcecraft' || provider === 'wercker' || provider === 'northflank' ? provider : undefined;
}

/** One line per problem: "config.yaml: sources[1].stage: required for northflank (…)". */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
	const lines: string[] = [];
	for (const issue of issues) {
		const provider = providerAt(input, issue.path);
		if (issue.code === 'unrecognized_keys') {
			const known = knownKeysAt(issue.path);
			for (const key of issue.keys) {
				const guess = closestKey(key, known);
				const where = formatPath([...issue.path, key]);
				const suggestion = guess ? `did you mean ${guess}?` : `expected one of ${known.join(', ')}`;
				lines.push(`${file}: ${sanitizeLine(where, 80)}: unknown key (${suggestion})`);
			}
			continue;
		}
		const where = formatPath(issue.path);
		const text = describeIssue(issue, provider);
		lines.push(where === '' ? `${file}: ${text}` : `${file}: ${where}: ${text}`);
	}
	return lines;
}
