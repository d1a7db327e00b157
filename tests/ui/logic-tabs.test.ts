import {describe, expect, it} from 'vitest';
import {composeParts} from '../../source/ui/logic/compose.js';
import {painter} from '../../source/ui/logic/paint.js';
import {tabParts} from '../../source/ui/logic/tabs.js';

const SOURCES = ['acme/api', 'acme/web', 'acme/infra', 'build', 'deploy', 'shop', 'shop-release', 'shop-staging'];
const strip = (tab: string | null, room: number) => tabParts(SOURCES, tab, room).map((part) => part.text).join('');

describe('source tabs on a narrow line', () => {
	it('shows every tab when they fit', () => {
		expect(strip(null, 200)).toBe('[all] acme/api  acme/web  acme/infra  build  deploy  shop  shop-release  shop-staging ');
	});

	it('counts the tabs left out after the shown ones', () => {
		expect(strip(null, 41)).toBe('[all] acme/api  acme/web  acme/infra  +5 ');
		expect(strip(null, 40)).toBe('[all] acme/api  acme/web  +6 ');
	});

	it('keeps the selected tab in view with the tabs around it, never a gap in the middle', () => {
		const shown = strip('shop-staging', 40);
		expect(shown).toBe(' +6  shop  shop-release [shop-staging]');
		expect(strip('build', 40)).toBe(' +2  acme/web  acme/infra [build] +4 ');
		for (let room = 10; room <= 120; room++) {
			for (const tab of [null, ...SOURCES]) {
				const parts = tabParts(SOURCES, tab, room);
				const width = parts.reduce((sum, part) => sum + part.text.length, 0);
				expect(parts.some((part) => part.text === `[${tab ?? 'all'}]`)).toBe(true);
				// Every tab is either shown or counted.
				const counted = parts.reduce((sum, part) => sum + (/^ \+(\d+) $/.exec(part.text) ? Number(part.text.trim().slice(1)) : 1), 0);
				expect(counted).toBe(SOURCES.length + 1);
				// Down to the selected tab between two marks, the widest here.
				if (room >= 22) expect(width).toBeLessThanOrEqual(room);
			}
		}
	});
});

describe('a status line that loses parts', () => {
	it('says how many it left out, and keeps room for saying so', () => {
		const parts = ['citop', 'acme/api ok', 'acme/web ok', 'build ok', 'deploy ok'].map((text, index) => ({text, priority: 9 - index}));
		const more = (count: number) => ({text: `+${count}`});
		expect(composeParts(parts, 80, painter(false), ' · ', '…', more).text).toBe('citop · acme/api ok · acme/web ok · build ok · deploy ok');
		expect(composeParts(parts, 40, painter(false), ' · ', '…', more).text).toBe('citop · acme/api ok · acme/web ok · +2');
		expect(composeParts(parts, 12, painter(false), ' · ', '…', more).text).toBe('citop · +4');
		expect(composeParts(parts, 40, painter(false), ' · ').text).toBe('citop · acme/api ok · acme/web ok');
	});
});
