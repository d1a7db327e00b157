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

// The live view says a provider's error in the same words: the formatter lives beside the error.
export {formatProviderError} from '../model/errors.js';
