import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SimWrite} from '../../source/sim/index.js';
import type {Live} from '../drills/live.js';
import {startLive} from '../drills/live.js';
import {DrillSim} from '../drills/sim.js';
import {ANSWER_AFTER_MS} from '../../source/ui/state/answers.js';
import {selectedRow} from './helpers.js';

/**
 * `R` on the live view over the real store and the simulator: the confirmation names what would
 * start, `y` sends it (the simulator shows the request it answered), anything else sends nothing.
 */

let drill: DrillSim;
let live: Live;

beforeAll(async () => {
	// No run arrives on its own: the list holds still under the cursor.
	drill = await DrillSim.start({seed: 5, historySize: 12, arrivalEverySec: 1_000_000});
	live = await startLive(drill, {sources: ['deploy', 'shop-release'], columns: 160});
	await live.allFresh(20_000);
});

afterAll(async () => {
	await live?.stop();
	await drill?.stop();
});

/** The starts the simulator answered, read over HTTP. */
async function starts(): Promise<SimWrite[]> {
	const answer = (await (await fetch(`${drill.sim.url}/_sim/requests`)).json()) as {requests: SimWrite[]};
	return answer.requests.filter((write) => write.method === 'POST');
}

const footer = (text: string) => text.split('\n').slice(-2).join('\n');

/** Answers the question shown, as a person does: after reading it. */
async function reply(key: string): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ANSWER_AFTER_MS));
	live.press(key);
}

describe('R: rerun', () => {
	it('in the list: asks with the run’s branch and commit, and on y the simulator gets the same', async () => {
		await live.waitFor((text) => selectedRow(live.frame()).includes('deploy'), 'a deploy run under the cursor');
		const label = selectedRow(live.frame()).split(/\s+/).find((word) => /^[0-9a-f]{7}$/.test(word))!;
		const old = drill.sim.world.runs('deploy').find((run) => run.id.endsWith(label))!;
		const before = (await starts()).length;
		live.press('R');
		await live.waitFor((text) => text.includes(`Rerun ${label} on deploy: pipeline `), 'the confirmation');
		expect(live.text()).toContain(`on ${old.branch}@${old.commit?.slice(0, 7)}? y/N`);
		await reply('y');
		await live.waitFor((text) => footer(text).includes('started deploy'), 'the new run started');
		const sent = (await starts()).slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.body).toMatchObject({pipelineId: '5751377e7e1bd5f17f050bc4', branch: old.branch, commitHash: old.commit});
		expect(drill.sim.world.runs('deploy')[0]).toMatchObject({branch: old.branch, commit: old.commit});
	});

	it('takes no key pressed as the question comes up as its answer: a y meant to copy starts nothing', async () => {
		const before = (await starts()).length;
		live.press('R');
		await live.waitFor((text) => text.includes('y/N'), 'the confirmation');
		live.press('y');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(live.text()).toContain('y/N');
		await reply('n');
		await live.waitFor((text) => !text.includes('y/N') && footer(text).includes('not rerun'), 'the answer n');
		expect((await starts()).length).toBe(before);
	});

	it('n and Esc answer no: nothing is sent', async () => {
		const before = (await starts()).length;
		for (const key of ['n', '\u001b']) {
			live.press('R');
			await live.waitFor((text) => text.includes('y/N'), 'the confirmation');
			await reply(key);
			await live.waitFor((text) => !text.includes('y/N') && footer(text).includes('not rerun'), `the answer ${JSON.stringify(key)}`);
		}
		expect((await starts()).length).toBe(before);
	});

	it('in the run tree: a release flow again with its arguments and each ref’s branch and commit', async () => {
		live.press('\t');
		await live.waitFor((text) => text.includes('[deploy]'), 'the deploy tab');
		live.press('\t');
		await live.waitFor((text) => text.includes('[shop-release]') && selectedRow(live.frame()).includes('Release'), 'the shop-release tab');
		live.press('\r');
		await live.waitFor(() => live.store.getSnapshot().detail?.run != null, 'the run tree');
		const old = live.store.getSnapshot().detail!.run!;
		const answer = await fetch(`${drill.sim.baseUrls.northflank}/v1/projects/shop/pipelines/main/release-flows/release/runs/${old.id}`, {headers: {authorization: `Bearer ${drill.tokens.northflank}`}});
		const {data} = (await answer.json()) as {data: {arguments: unknown; refs: Record<string, {branch: string; sha: string}>}};
		const before = (await starts()).length;
		live.press('R');
		await live.waitFor((text) => text.includes(`Rerun ${old.label} on shop-release: arguments imageTag=`) && text.includes(`api=${data.refs['api']?.branch}@${data.refs['api']?.sha.slice(0, 7)}`), 'the confirmation');
		await reply('y');
		await live.waitFor((text) => footer(text).includes('started shop-release'), 'the new run started');
		const sent = (await starts()).slice(before);
		expect(sent.map((write) => write.body)).toEqual([{arguments: data.arguments, overrides: data.refs}]);
	});
});
