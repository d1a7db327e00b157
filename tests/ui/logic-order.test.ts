import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/model/clock.js';
import {
	RECENT_FAILURE_MS,
	SORTS,
	groupBySource,
	matchesText,
	nextSort,
	nextStatusFilter,
	orderHoldsUntil,
	queryWords,
	selectFromSources,
	selectRuns,
	sortRuns,
} from '../../source/ui/logic/order.js';
import {makeRun} from './fake-store.js';

const now = new ManualClock().now();
const ids = (runs: ReadonlyArray<{id: string}>) => runs.map((run) => run.id);

describe('sorting runs', () => {
	const runs = [
		makeRun('deploy', 'old-success', 300, now),
		makeRun('deploy', 'recent-failure', 20, now, {status: 'failed'}),
		makeRun('acme/api', 'old-failure', 200, now, {status: 'failed'}),
		makeRun('acme/api', 'queued', 1, now, {status: 'queued'}),
		makeRun('deploy', 'running', 5, now, {status: 'running'}),
		makeRun('acme/api', 'new-success', 2, now),
		makeRun('deploy', 'canceled', 3, now, {status: 'canceled'}),
	];

	it('puts what needs attention first: running, queued, recently failed, then the rest by time', () => {
		expect(ids(sortRuns(runs, 'attention', now))).toEqual([
			'running',
			'queued',
			'recent-failure',
			'new-success',
			'canceled',
			'old-failure',
			'old-success',
		]);
	});

	it('lets a failure drop back to its place by time once it is old', () => {
		const later = now + RECENT_FAILURE_MS;
		expect(ids(sortRuns(runs, 'attention', later)).indexOf('recent-failure')).toBeGreaterThan(2);
	});

	it('knows until when time alone leaves the order as it is, so a poll that changes nothing sorts nothing', () => {
		const until = orderHoldsUntil(runs, 'attention', now);
		expect(until).toBeGreaterThan(now);
		expect(ids(sortRuns(runs, 'attention', until))).toEqual(ids(sortRuns(runs, 'attention', now)));
		expect(ids(sortRuns(runs, 'attention', until + 1))).not.toEqual(ids(sortRuns(runs, 'attention', now)));
		expect(orderHoldsUntil(runs, 'newest', now)).toBe(Infinity);
		expect(orderHoldsUntil(runs, 'duration', now)).toBe(now);
	});

	it('sorts newest first, by status, by source and by duration', () => {
		expect(ids(sortRuns(runs, 'newest', now))).toEqual(['queued', 'new-success', 'canceled', 'running', 'recent-failure', 'old-failure', 'old-success']);
		expect(ids(sortRuns(runs, 'status', now)).slice(0, 4)).toEqual(['running', 'queued', 'recent-failure', 'old-failure']);
		expect(ids(sortRuns(runs, 'source', now)).slice(0, 3)).toEqual(['queued', 'new-success', 'old-failure']);
		expect(ids(sortRuns(runs, 'duration', now))[0]).toBe('running');
	});

	it('keeps equal runs in a stable order', () => {
		const twins = [makeRun('b', '2', 1, now), makeRun('a', '1', 1, now), makeRun('c', '3', 1, now)];
		expect(ids(sortRuns(twins, 'newest', now))).toEqual(ids(sortRuns([...twins].reverse(), 'newest', now)));
	});

	it('cycles sorts and status filters and comes back around', () => {
		expect(nextSort('attention')).toBe('newest');
		expect(nextSort('duration')).toBe('attention');
		expect(nextStatusFilter('any')).toBe('active');
		expect(nextStatusFilter('other')).toBe('any');
	});
});

describe('filtering runs', () => {
	const runs = [
		makeRun('deploy', '5751', 1, now, {title: 'Bump zod', branch: 'renovate/zod', user: 'carl'}),
		makeRun('acme/api', '1284', 2, now, {status: 'running', title: 'Fix login', user: 'ann'}),
		makeRun('acme/api', '1283', 3, now, {status: 'failed', branch: 'feat/x', label: 'nightly'}),
		makeRun('deploy', '77', 4, now, {status: 'skipped'}),
	];

	it('matches every word against title, branch, user, id and label, ignoring case', () => {
		expect(queryWords('  Fix   LOGIN ')).toEqual(['fix', 'login']);
		expect(matchesText(runs[1]!, ['fix', 'ann'])).toBe(true);
		expect(matchesText(runs[1]!, ['fix', 'carl'])).toBe(false);
		expect(ids(selectRuns(runs, {source: null, status: 'any', text: 'zod', sort: 'newest'}, now))).toEqual(['5751']);
		expect(ids(selectRuns(runs, {source: null, status: 'any', text: '128', sort: 'newest'}, now))).toEqual(['1284', '1283']);
		expect(ids(selectRuns(runs, {source: null, status: 'any', text: 'nightly', sort: 'newest'}, now))).toEqual(['1283']);
	});

	it('keeps one source and one status group', () => {
		const query = {source: 'acme/api', status: 'any', text: '', sort: 'newest'} as const;
		expect(ids(selectRuns(runs, query, now))).toEqual(['1284', '1283']);
		expect(ids(selectRuns(runs, {...query, status: 'active'}, now))).toEqual(['1284']);
		expect(ids(selectRuns(runs, {...query, status: 'failed'}, now))).toEqual(['1283']);
		expect(ids(selectRuns(runs, {...query, source: null, status: 'other'}, now))).toEqual(['77']);
	});

	it('sorts and filters 10,000 runs: running first, and one source’s only', () => {
		const many = Array.from({length: 10_000}, (_, index) =>
			makeRun(`source-${index % 7}`, String(index), index % 500, now, {status: index % 13 === 0 ? 'running' : 'success'}),
		);
		const shown = selectRuns(many, {source: null, status: 'any', text: '', sort: 'attention'}, now);
		expect(shown).toHaveLength(10_000);
		const firstDone = shown.findIndex((run) => run.status !== 'running');
		expect(firstDone).toBe(many.filter((run) => run.status === 'running').length);
		expect(shown.slice(firstDone).every((run) => run.status !== 'running')).toBe(true);
		expect(selectRuns(many, {source: 'source-3', status: 'any', text: '', sort: 'attention'}, now)).toHaveLength(many.filter((run) => run.source === 'source-3').length);
	});
});

describe('the list of many sources', () => {
	const many = Array.from({length: 600}, (_, index) =>
		makeRun(`source-${(index * 7) % 9}`, String(index), (index * 37) % 400, now, {status: (['running', 'failed', 'success', 'queued', 'canceled'] as const)[index % 5]}),
	);

	it('groups each source’s runs, keeping the array of a source whose runs did not change', () => {
		// As the store lists them (each source's runs together), and interleaved.
		const listed = [...many].sort((a, b) => a.source.localeCompare(b.source));
		for (const runs of [listed, many]) {
			const before = groupBySource(runs);
			expect(before.size).toBe(9);
			for (const [source, list] of before) expect(list).toEqual(runs.filter((run) => run.source === source));
			const changed = runs.map((run) => (run.id === '9' ? {...run, status: 'success' as const} : run));
			const after = groupBySource(changed, before);
			expect(after.get('source-0')).not.toBe(before.get('source-0'));
			expect(after.get('source-0')?.find((run) => run.id === '9')?.status).toBe('success');
			for (const source of ['source-1', 'source-5', 'source-8']) expect(after.get(source)).toBe(before.get(source));
		}
	});

	it('merges the sources’ own orders into the order of the whole list, in every sort and filter', () => {
		for (const sort of SORTS) {
			for (const query of [
				{source: null, status: 'any', text: '', sort},
				{source: null, status: 'active', text: '1', sort},
				{source: 'source-4', status: 'any', text: '', sort},
			] as const) {
				const shown = selectFromSources(groupBySource(many), query, now).runs;
				const whole = sortRuns(
					many.filter((run) => (query.source === null || run.source === query.source) && (query.status === 'any' || run.status === 'running' || run.status === 'queued') && matchesText(run, queryWords(query.text))),
					sort,
					now,
				);
				expect(ids(shown), `${sort} ${JSON.stringify(query)}`).toEqual(ids(whole));
			}
		}
	});

	it('orders again once time alone moves a run: a failure stops being recent', () => {
		const bySource = groupBySource(many);
		const query = {source: null, status: 'any', text: '', sort: 'attention'} as const;
		const first = selectFromSources(bySource, query, now);
		expect(first.holdsUntil).toBeLessThan(Infinity);
		const later = selectFromSources(bySource, query, first.holdsUntil + 1);
		expect(ids(later.runs)).toEqual(ids(sortRuns(many, 'attention', first.holdsUntil + 1)));
		expect(ids(later.runs)).not.toEqual(ids(first.runs));
	});
});

