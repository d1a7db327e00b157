/** Splits a run key (runKey(source, id)) back into the source's name and the provider's run id. */
export function parseRunKey(key: string): {source: string; id: string} {
	const cut = key.indexOf('\u001f');
	return cut < 0 ? {source: '', id: key} : {source: key.slice(0, cut), id: key.slice(cut + 1)};
}
