import {LineCounter, isAlias, isCollection, isPair, isScalar, parseDocument, visit} from 'yaml';
import type {Document, Node} from 'yaml';
import {ConfigError} from './errors.js';

// A real config repeats a token command or a URL with aliases a few times; a file whose aliases
// copy more values than this is built to exhaust memory ("billion laughs").
export const MAX_ALIAS_VALUES = 10_000;

/** How many values `node` stands for once every alias in it is expanded (memoized: aliases nest). */
function expandedSize(node: unknown, document: Document, sizes: Map<unknown, number>): number {
	const known = sizes.get(node);
	if (known !== undefined) return known;
	// A node that refers to itself counts as one while it is being measured.
	sizes.set(node, 1);
	let size = 1;
	if (isAlias(node)) size = expandedSize(node.resolve(document), document, sizes);
	else if (isPair(node)) size = expandedSize(node.key, document, sizes) + expandedSize(node.value, document, sizes);
	else if (isCollection(node)) size = node.items.reduce((sum: number, item) => sum + expandedSize(item, document, sizes), 1);
	else if (!isScalar(node)) size = 0;
	sizes.set(node, size);
	return size;
}

/**
 * The first alias that names no anchor, or makes the aliases copy too many values: its offset and
 * what is wrong. The alias's name is never said: `token: *abc` reads the token as an alias.
 */
function badAlias(document: Document): {offset: number; message: string} | null {
	const sizes = new Map<unknown, number>();
	let copied = 0;
	let found: {offset: number; message: string} | null = null;
	visit(document, {
		Alias: (_key, alias) => {
			const offset = alias.range?.[0] ?? 0;
			const target: Node | undefined = alias.resolve(document);
			if (!target) {
				found = {offset, message: 'an alias (*name) with no anchor (&name) before it; put the value in quotes if it starts with *'};
				return visit.BREAK;
			}
			copied += expandedSize(target, document, sizes);
			if (copied > MAX_ALIAS_VALUES) {
				found = {offset, message: `the aliases (*name) repeat more than ${MAX_ALIAS_VALUES} values`};
				return visit.BREAK;
			}
			return undefined;
		},
	});
	return found;
}

/** The YAML text as plain data; throws ConfigError with one line naming the line and column. */
export function readYaml(text: string, file: string): unknown {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {uniqueKeys: true, lineCounter});
	const at = (offset: number) => {
		const {line, col} = lineCounter.linePos(offset);
		return `${file}:${line}:${col}`;
	};
	const first = document.errors[0];
	if (first) {
		// yaml's message ends with its own "at line …" and a code excerpt; the position is already in front.
		// Nesting deep enough to exhaust the parser's stack is said in the user's words.
		const message = /call stack/i.test(first.message) ? 'nested too deeply (a config is a few levels deep)' : (first.message.split(/ at line \d+|\n/)[0] ?? first.message);
		throw new ConfigError([`${at(first.pos[0])}: YAML syntax error: ${message}`]);
	}
	const alias = badAlias(document);
	if (alias) throw new ConfigError([`${at(alias.offset)}: YAML error: ${alias.message}`]);
	try {
		return document.toJS({maxAliasCount: MAX_ALIAS_VALUES}) ?? {};
	} catch {
		// The checks above come first; yaml's own limit is the backstop, and its message may quote a value.
		throw new ConfigError([`${file}: YAML error: the aliases (*name) cannot be expanded`]);
	}
}
