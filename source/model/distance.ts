/** How many characters to insert, delete or change to turn `a` into `b` (Levenshtein). */
export function editDistance(a: string, b: string): number {
	const previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0] ?? 0;
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j] ?? 0;
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
			diagonal = above;
		}
	}
	return previous[b.length] ?? 0;
}
