import {describe, expect, it} from 'vitest';
import {ambiguousLine, lookUpRun, unknownLine} from '../../source/commands/find-run.js';
import type {Run} from '../../source/model/run.js';
import {testRun} from '../fixtures/runs.js';

const sourcecraft = [testRun({id: '2332'}), testRun({id: '2331'}), testRun({id: '1284'})];
const wercker = [
	testRun({id: '64f1a2b3c4d5e6f708009020', label: '8009020', source: 'deploy', provider: 'wercker'}),
	testRun({id: '64f1a2b3c4d5e6f708009021', label: '#12', source: 'deploy', provider: 'wercker'}),
];
const northflank = [
	testRun({id: 'e7c30a11-5d2c-4b1e-9f00-0123456789ab', label: 'e7c30a11', source: 'shop', provider: 'northflank'}),
	testRun({id: '0b1d2e3f-1111-4222-8333-444455556666', label: 'Release 2361 of the shop', source: 'shop', provider: 'northflank'}),
	testRun({id: '0b1d9999-1111-4222-8333-444455556666', label: 'Release 2360', source: 'shop', provider: 'northflank'}),
];
const all = [...sourcecraft, ...wercker, ...northflank];

const found = (runs: readonly Run[], typed: string) => {
	const lookup = lookUpRun(runs, typed);
	return lookup.kind === 'found' ? lookup.run.id : lookup.kind;
};

describe('lookUpRun: what the RUN column shows names the run', () => {
	it('takes the label with or without its #, and the real id', () => {
		expect(found(sourcecraft, '#2332')).toBe('2332');
		expect(found(sourcecraft, '2332')).toBe('2332');
		expect(found(wercker, '#12')).toBe('64f1a2b3c4d5e6f708009021');
		expect(found(wercker, '12')).toBe('64f1a2b3c4d5e6f708009021');
		expect(found(wercker, '8009020')).toBe('64f1a2b3c4d5e6f708009020');
		expect(found(wercker, '64f1a2b3c4d5e6f708009020')).toBe('64f1a2b3c4d5e6f708009020');
	});

	it('takes a Northflank short id, a release name in any case, and a name the column cut short', () => {
		expect(found(northflank, 'e7c30a11')).toBe('e7c30a11-5d2c-4b1e-9f00-0123456789ab');
		expect(found(northflank, 'release 2360')).toBe('0b1d9999-1111-4222-8333-444455556666');
		expect(found(northflank, 'Release 2361 of…')).toBe('0b1d2e3f-1111-4222-8333-444455556666');
		expect(found(northflank, '0b1d2e3f')).toBe('0b1d2e3f-1111-4222-8333-444455556666');
	});

	it('finds a run among every source when only one has it', () => {
		expect(lookUpRun(all, '8009020')).toMatchObject({kind: 'found', run: {source: 'deploy'}});
		expect(lookUpRun(all, 'Release 2360')).toMatchObject({kind: 'found', run: {source: 'shop'}});
	});

	it('says ambiguous when several runs match alike, and an exact match wins over a looser one', () => {
		const twice = [...sourcecraft, testRun({id: '2332', source: 'acme/web'})];
		expect(lookUpRun(twice, '#2332')).toMatchObject({kind: 'ambiguous', runs: [{source: 'acme/api'}, {source: 'acme/web'}]});
		expect(lookUpRun(northflank, '0b1d')).toMatchObject({kind: 'ambiguous'});
		// "e7c30a11" is the label of one run, not the start of another's id.
		expect(found([...northflank, testRun({id: 'e7c30a11ff', source: 'shop'})], 'e7c30a11')).toBe('e7c30a11-5d2c-4b1e-9f00-0123456789ab');
	});

	it('never takes a number for the start of another: #12 is not #1284', () => {
		expect(found(sourcecraft, '#12')).toBe('unknown');
		expect(found(sourcecraft, '233')).toBe('unknown');
		expect(found(northflank, 'e7c')).toBe('unknown');
		expect(found(all, '  ')).toBe('unknown');
	});

	it('matches an id with controls in it by the form a terminal shows', () => {
		const odd = testRun({id: 'run\u0007-\u001b[31m7', label: '#5', source: 'deploy'});
		expect(lookUpRun([odd], 'run-7')).toMatchObject({kind: 'found', run: {id: 'run\u0007-\u001b[31m7'}});
	});
});

describe('what a failed lookup says', () => {
	it('names every candidate with its source and id, and the way out', () => {
		const twice = [testRun({id: '12', source: 'acme/api'}), testRun({id: '12', source: 'acme/web'})];
		expect(ambiguousLine('#12', twice)).toBe('"#12" could be 2 runs: acme/api #12 (id 12), acme/web #12 (id 12); pick the source with --source NAME');
		expect(ambiguousLine('0b1d', northflank.slice(1))).toBe(
			'"0b1d" could be 2 runs: shop Release 2361 of the shop (id 0b1d2e3f-1111-4222-8333-444455556666), shop Release 2360 (id 0b1d9999-1111-4222-8333-444455556666); give the id',
		);
	});

	it('names the run and where it was looked for, not the config', () => {
		expect(unknownLine('8009021', ['deploy'])).toBe('no run "8009021" in source deploy; the RUN column of citop runs --source deploy shows what to type');
		expect(unknownLine('#9', ['a', 'b'])).toBe('no run "#9" in any of the 2 sources; the RUN column of citop runs shows what to type');
	});

	it('shows no control character a server put in an id', () => {
		const line = ambiguousLine('x', [testRun({id: 'a\u001b]0;pwned\u0007', source: 's'}), testRun({id: 'b', source: 's'})]);
		expect(line).not.toMatch(/[\u0000-\u001f]/);
	});
});
