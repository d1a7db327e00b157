import {describe, expect, it} from 'vitest';
import type {ManualClock} from '../../source/model/clock.js';
import type {SimulatorHandle} from '../../source/sim/index.js';
import {MINUTE, SECOND, call, startTestSim} from './helpers.js';

const ESCAPE = /[\u001b\u0007\u009b]/;
const NF_FLOW = '/v1/projects/shop/pipelines/main/release-flows/release';

/** Every answer a client could read about a few odd runs, while they run and after they end. */
async function collect(sim: SimulatorHandle, clock: ManualClock) {
	const ids = {
		sourcecraft: Array.from({length: 9}, () => sim.world.addRun('acme/api', {odd: true, durationSec: 300}).id),
		wercker: Array.from({length: 9}, () => sim.world.addRun('build', {odd: true, durationSec: 300}).id),
		northflank: Array.from({length: 9}, () => sim.world.addRun('shop-release', {odd: true, durationSec: 300}).id),
	};
	const texts: Record<string, string[]> = {sourcecraft: [], wercker: [], northflank: [], logs: []};
	for (const phase of ['running', 'concluded']) {
		clock.advance(phase === 'running' ? 30 * SECOND : 10 * MINUTE);
		for (const id of ids.sourcecraft) {
			texts['sourcecraft']!.push((await call(sim, 'sourcecraft', `/repos/acme/api/cicd/runs/${id}`)).text);
			texts['logs']!.push((await call(sim, 'sourcecraft', `/repos/acme/api/cicd/logs/${id}/build/compile/tsc?page=1`)).text);
		}
		texts['sourcecraft']!.push((await call(sim, 'sourcecraft', '/repos/acme/api/cicd/runs?page_size=9')).text);
		for (const id of ids.wercker) {
			texts['wercker']!.push((await call(sim, 'wercker', `/api/v3/runs/${id}`)).text, (await call(sim, 'wercker', `/api/v3/runs/${id}/steps`)).text);
			const steps = (await call(sim, 'wercker', `/api/v3/runs/${id}/steps`)).body;
			const first = Array.isArray(steps) ? steps[0] : steps;
			texts['logs']!.push((await call(sim, 'wercker', `/api/v3/runsteps/${first.id}/log`)).text);
		}
		for (const id of ids.northflank) texts['northflank']!.push((await call(sim, 'northflank', `${NF_FLOW}/runs/${id}`)).text);
	}
	return texts;
}

function anyBody(texts: string[], test: (body: any, text: string) => boolean): boolean {
	return texts.some((text) => test(JSON.parse(text), text));
}

const SPACE_DATE = /"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z"/;
const GO_DATE = /"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{9} \+0000 UTC"/;

describe('oddities', () => {
	it('serves every documented oddity when on', async () => {
		const {sim, clock} = await startTestSim({oddities: true});
		const texts = await collect(sim, clock);
		const sc = texts['sourcecraft']!;
		expect(anyBody(sc, (run) => run.status === 'paused')).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.dates === null && w.status === null))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.tasks?.includes(null)))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.tasks?.some((t: any) => t?.cubes.includes(null))))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.progress !== null && typeof w.progress === 'object' && Object.keys(w.progress).length === 0))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.progress === null))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.tasks?.some((t: any) => t && t.relations === null)))).toBe(true);
		expect(anyBody(sc, (run) => run.workflows?.some((w: any) => w.description?.length === 10_000))).toBe(true);
		expect(sc.some((text) => SPACE_DATE.test(text))).toBe(true);
		expect(sc.some((text) => GO_DATE.test(text))).toBe(true);
		expect(anyBody(sc, (run) => run.error_messages?.some((message: string) => ESCAPE.test(message)))).toBe(true);

		const wk = texts['wercker']!;
		expect(anyBody(wk, (run) => run.status === 'finished' && run.result === 'weird')).toBe(true);
		expect(anyBody(wk, (run) => run.id && !Array.isArray(run) && run.progress === null)).toBe(true);
		expect(anyBody(wk, (body) => !Array.isArray(body) && body.step !== undefined)).toBe(true);
		expect(wk.some((text) => GO_DATE.test(text))).toBe(true);
		expect(anyBody(wk, (run) => run.message?.length === 10_000)).toBe(true);
		expect(anyBody(wk, (run) => ESCAPE.test(run.message ?? '') && ESCAPE.test(run.user?.name ?? ''))).toBe(true);
		expect(anyBody(wk, (steps) => Array.isArray(steps) && steps.some((step: any) => ESCAPE.test(step.step)))).toBe(true);

		const nf = texts['northflank']!;
		expect(anyBody(nf, (run) => run.data.status === 'hibernating')).toBe(true);
		expect(anyBody(nf, (run) => (run.data.spec.response.startTime ?? 0) > 1e12)).toBe(true);
		expect(anyBody(nf, (run) => run.data.description?.length === 10_000 && run.data.name?.length === 10_000)).toBe(true);
		expect(anyBody(nf, (run) => ESCAPE.test(run.data.name ?? ''))).toBe(true);
		expect(anyBody(nf, (run) => ESCAPE.test(run.data.description ?? ''))).toBe(true);

		const logs = texts['logs']!.join('\n');
		for (const sequence of ['\u001b]0;pwned\u0007', '\u001b[2J\u001b[H', '\u001b[5A', '\u0007', '\u009b31m']) expect(logs).toContain(sequence);
	});

	it('serves none of them when off, on the same runs', async () => {
		const {sim, clock} = await startTestSim();
		const texts = await collect(sim, clock);
		const all = Object.values(texts).flat();
		for (const text of all) {
			expect(text).not.toMatch(ESCAPE);
			expect(text).not.toMatch(GO_DATE);
			expect(text).not.toMatch(/null\]|\[null|"status":null|"progress":(null|\{\})|"relations":null|"dates":null|paused|weird|hibernating/);
			expect(text.length).toBeLessThan(60_000);
		}
		// Northflank always writes space-separated dates (its documented format); the others never do unless odd.
		for (const text of [...texts['sourcecraft']!, ...texts['wercker']!]) expect(text).not.toMatch(SPACE_DATE);
		for (const text of texts['northflank']!) {
			const run = JSON.parse(text).data;
			expect(run.spec.response.startTime).toBeLessThan(1e12);
		}
	});

	it('can be switched per provider at run time; the same runs are odd for a seed', async () => {
		const {sim} = await startTestSim();
		const odd = sim.world.runs('acme/web').filter((run) => run.odd);
		expect(odd.length).toBeGreaterThan(5);
		const {sim: again} = await startTestSim();
		expect(again.world.runs('acme/web').filter((run) => run.odd).map((run) => run.id)).toEqual(odd.map((run) => run.id));

		const page = async () => (await call(sim, 'sourcecraft', '/repos/acme/web/cicd/runs?page_size=50')).text;
		const plain = await page();
		sim.setOddities('wercker', true);
		expect(await page()).toBe(plain);
		sim.setOddities('sourcecraft', true);
		expect(await page()).not.toBe(plain);
		sim.setOddities('all', false);
		expect(await page()).toBe(plain);
	});
});
