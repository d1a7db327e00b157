import type {ProviderErrorFields} from '../model/errors.js';
import {isProviderError} from '../model/errors.js';
import {sanitizeLine, sanitizeLogLines} from '../model/sanitize.js';
import {redactSecrets} from '../model/secrets.js';

// Our own lines can be long (a list of sources); still one line.
const MAX_LINE = 2_000;
const BEARER = /(bearer\s+)[^\s"',]+/gi;

/**
 * Everything citop says on stderr goes through here, so no token it knows of can reach the
 * user's terminal or a CI log, not even in a --debug dump.
 */
export class Reporter {
	constructor(
		private readonly stderr: NodeJS.WritableStream,
		readonly debugEnabled: boolean,
	) {}

	redact(text: string): string {
		return redactSecrets(text.replace(BEARER, '$1***'));
	}

	/** One line, prefixed "citop: "; whatever an error message quoted from a server cannot drive the terminal. */
	error(line: string): void {
		this.stderr.write(`citop: ${sanitizeLine(this.redact(line), MAX_LINE)}\n`);
	}

	warn(line: string): void {
		this.stderr.write(`citop: warning: ${sanitizeLine(this.redact(line), MAX_LINE)}\n`);
	}

	/** Detail only --debug shows: an error's fields and stack, redacted. */
	debug(label: string, detail: unknown): void {
		if (!this.debugEnabled) return;
		const text = detail instanceof Error ? describeError(detail) : JSON.stringify(detail, null, 2);
		const lines = sanitizeLogLines(this.redact(text ?? String(detail)));
		this.stderr.write(`citop: debug: ${sanitizeLine(label)}\n${lines.join('\n')}\n`);
	}
}

function describeError(error: Error): string {
	const fields = isProviderError(error) ? `${JSON.stringify(error.toJSON(), null, 2)}\n` : '';
	const cause = error.cause instanceof Error ? `\ncaused by: ${describeError(error.cause)}` : '';
	return `${fields}${error.stack ?? `${error.name}: ${error.message}`}${cause}`;
}

/** "acme/api: auth: the token was refused (401) (request id 7f3a…)". */
export function formatProviderError(error: ProviderErrorFields, source?: string): string {
	const name = source ?? error.source;
	// Provider errors name their source and request id already: say each once.
	const own = error.source ? `${sanitizeLine(error.source)}: ` : null;
	const full = sanitizeLine(error.message);
	const message = own && full.startsWith(own) ? full.slice(own.length) : full;
	const provider = error.providerMessage ? sanitizeLine(error.providerMessage) : '';
	const text = provider && !message.includes(provider) ? `${message.replace(/\.$/, '')}: ${provider}` : message;
	const id = error.requestId ? sanitizeLine(error.requestId) : '';
	const request = id && !message.includes(id) ? ` (request id ${id})` : '';
	return `${name ? `${sanitizeLine(name)}: ` : ''}${error.kind}: ${text}${request}`;
}
