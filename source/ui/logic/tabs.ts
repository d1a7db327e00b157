import {displayWidth} from '../../output/text.js';
import type {Part} from './compose.js';

/** " +2 ": how many tabs a narrow strip leaves out on that side. */
function cutMark(count: number): Part {
	return {text: ` +${count} `, tone: 'muted', priority: 1};
}

/** A tab's words: the source's name and why it waits, if it does ("all" for every source). */
function tabLabel(name: string | null, waits: ReadonlyMap<string, string>): string {
	const wait = name === null ? undefined : waits.get(name);
	return wait ? `${name} (${wait})` : (name ?? 'all');
}

/** The width of the selected tab, which the tab line keeps whole. */
export function selectedTabWidth(tab: string | null, waits: ReadonlyMap<string, string> = new Map()): number {
	return displayWidth(`[${tabLabel(tab, waits)}]`);
}

/**
 * The source tabs ("all", then each source) that fit `room` columns: always the selected one, then
 * as many of those before it as fit (from "all" on), then those after it; a run of tabs left out
 * on either side shows as "+N" there, so no source goes missing unseen.
 */
export function tabParts(sources: readonly string[], tab: string | null, room: number, waits: ReadonlyMap<string, string> = new Map()): Part[] {
	const names = [null, ...sources];
	const active = Math.max(0, names.indexOf(tab));
	const tabs: Part[] = names.map((name, index) => {
		const label = tabLabel(name, waits);
		return index === active ? {text: `[${label}]`, bold: true, priority: 2} : {text: ` ${label} `, priority: 1};
	});
	const strip = (first: number, last: number): Part[] => [
		...(first > 0 ? [cutMark(first)] : []),
		...tabs.slice(first, last + 1),
		...(last < tabs.length - 1 ? [cutMark(tabs.length - 1 - last)] : []),
	];
	const fits = (first: number, last: number) => strip(first, last).reduce((sum, part) => sum + displayWidth(part.text), 0) <= room;
	let first = 0;
	while (first < active && !fits(first, active)) first++;
	let last = active;
	while (last < tabs.length - 1 && fits(first, last + 1)) last++;
	return strip(first, last);
}
