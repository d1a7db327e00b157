/**
 * A configuration problem the user must fix before citop can start: one line per problem,
 * each naming the file and the field. Exit code 2, like any usage error.
 */
export class ConfigError extends Error {
	readonly lines: readonly string[];
	readonly exitCode = 2;

	constructor(lines: readonly string[]) {
		super(lines.join('\n'));
		this.name = 'ConfigError';
		this.lines = lines;
	}
}

export function isConfigError(error: unknown): error is ConfigError {
	return error instanceof ConfigError;
}

/** How to get started, shown when there is no config or it names no source. */
export function gettingStartedLines(defaultPath: string): string[] {
	return [
		'To try citop without any account: citop demo',
		`To write a config for a local simulator: citop sim --config-out ${defaultPath}`,
		`Or write ${defaultPath} by hand: the README's "Configuration" section has an example.`,
	];
}
