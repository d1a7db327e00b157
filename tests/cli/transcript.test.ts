import {describe, expect, it} from 'vitest';
import {Transcript, movesOn} from '../../source/output/transcript.js';
import type {Status} from '../../source/model/status.js';
import type {TransitionEvent} from '../../source/store/types.js';
import {NOW, makeNode, makeRun} from './fixtures.js';

const tree = (status: Status, unit: Status) =>
	makeRun({id: '7', status, children: [makeNode({id: 'build', status: unit === 'queued' ? 'queued' : 'running', children: [makeNode({id: 'build/unit', title: 'unit', status: unit})]})]});

function event(fields: Partial<TransitionEvent>): TransitionEvent {
	return {at: NOW, runKey: makeRun({id: '7'}).key, source: 'acme/api', runLabel: '#7', nodeId: null, nodeTitle: null, kind: 'status', from: 'queued', to: 'running', ...fields};
}

describe('the transcript of a watched run', () => {
	it('prints a headline, then each transition once, nodes by their path', () => {
		const lines: string[] = [];
		const transcript = new Transcript(makeRun({id: '7'}).key, true, (line) => lines.push(line));
		transcript.update([], tree('queued', 'queued'), NOW);
		const started = event({nodeId: 'build/unit', nodeTitle: 'unit', from: 'queued', to: 'running'});
		const other = event({runKey: 'other'});
		transcript.update([started, other], tree('running', 'running'), NOW);
		transcript.update([started, other], tree('running', 'running'), NOW);
		expect(lines).toEqual([
			'2026-11-23T12:04:31Z acme/api #7 · fix the build · main 3f2a91c · push by ann · queued 2:04',
			'2026-11-23T12:04:31Z acme/api #7 build › unit: queued -> running',
			// The run's own change, seen in its tree.
			'2026-11-23T12:04:31Z acme/api #7: queued -> running',
		]);
	});

	it('never goes back when the tree lags behind the list', () => {
		const lines: string[] = [];
		const transcript = new Transcript(makeRun({id: '7'}).key, false, (line) => lines.push(line));
		transcript.update([], tree('running', 'running'), NOW);
		const done = event({from: 'running', to: 'success'});
		transcript.update([done], tree('running', 'running'), NOW);
		transcript.update([done], tree('success', 'success'), NOW);
		expect(lines.slice(1)).toEqual(['2026-11-23T12:04:31Z acme/api #7: running → success']);
	});

	it.each([
		[null, 'queued', true],
		['queued', 'running', true],
		['running', 'queued', false],
		['running', 'failed', true],
		['success', 'running', false],
		['success', 'failed', false],
		['running', 'running', false],
	] as const)('%s → %s moves on: %s', (shown, next, expected) => {
		expect(movesOn(shown, next)).toBe(expected);
	});
});
