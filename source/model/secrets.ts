/**
 * The tokens citop holds, so that no text a server sends back can show one: the sanitizer
 * replaces each (and its lower-case form) wherever server text is cleaned. Filled when the
 * config's tokens are resolved.
 */

// Shorter values would redact ordinary words; real tokens are far longer.
const MIN_SECRET_LENGTH = 4;
export const SECRET_MARK = '[token]';

const secrets = new Set<string>();
// Longest first, so a token that contains another is replaced whole.
let ordered: string[] = [];

export function addSecret(value: string | null | undefined): void {
	if (!value || value.length < MIN_SECRET_LENGTH) return;
	const before = secrets.size;
	secrets.add(value).add(value.toLowerCase());
	if (secrets.size !== before) ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** `text` with every known token replaced by [token]. */
export function redactSecrets(text: string): string {
	let out = text;
	for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(SECRET_MARK);
	return out;
}
