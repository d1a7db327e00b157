import {describe, expect, it} from 'vitest';
import {EMPTY_LINE, editLine, showLine} from '../../source/ui/logic/line-edit.js';
import type {TriggerEnv} from '../../source/ui/logic/trigger-flow.js';
import {currentStep, startForm, triggerKey} from '../../source/ui/logic/trigger-flow.js';
import {SOURCECRAFT_CAPABILITIES, WERCKER_CAPABILITIES} from '../fixtures/sources.js';

const type = (keys: readonly string[], from = EMPTY_LINE) => keys.reduce(editLine, from);

describe('line editing', () => {
	it('applies each key to the line the key before it left: typing, moving, erasing', () => {
		expect(type([...'release/2.4-hotfix'])).toEqual({text: 'release/2.4-hotfix', cursor: 18});
		expect(type(Array.from({length: 12}, () => 'backspace'), type([...'release/2.4-hotfix']))).toEqual({text: 'releas', cursor: 6});
		expect(type(['a', 'c', 'left', 'b', 'end', 'space', 'd']).text).toBe('abc d');
		expect(type(['a', 'b', 'home', 'backspace', 'ctrl-e', 'c']).text).toBe('abc');
		expect(type(['a', 'b', 'left', 'ctrl-u'])).toEqual({text: 'b', cursor: 0});
	});

	it('never takes a control character, and counts wide characters as one', () => {
		expect(type(['a', '\u001b', '\u0007', 'tab', 'b']).text).toBe('ab');
		expect(type(['日', '本', 'left', 'backspace'])).toEqual({text: '本', cursor: 0});
	});

	it('shows the caret on its character, or after the text', () => {
		const mark = (text: string) => `[${text}]`;
		expect(showLine({text: 'main', cursor: 4}, mark)).toBe('main[ ]');
		expect(showLine({text: 'main', cursor: 1}, mark)).toBe('m[a]in');
	});
});

describe('trigger form keys', () => {
	const env: TriggerEnv = {sources: ['deploy'], fieldsOf: () => WERCKER_CAPABILITIES.triggerFields, workflowsOf: () => [], sourceRuns: () => []};

	it('walks the fields with a burst that crosses them, and sends on Enter at the confirmation', () => {
		let form = startForm(null, env.sources);
		const outcomes: unknown[] = [];
		for (const key of [...'main', 'enter', 'enter', ...'hot', 'enter', ...'A=1', 'enter', 'enter', 'enter', 'enter']) {
			const result = triggerKey(form, key, env);
			form = result.form;
			outcomes.push(result.outcome);
		}
		expect(form.draft).toMatchObject({branch: 'main', commit: '', message: 'hot', inputs: [{key: 'A', value: '1'}]});
		expect(currentStep(form, env).kind).toBe('confirm');
		expect(outcomes.filter(Boolean)).toEqual(['send']);
		expect(triggerKey(form, 'enter', env).outcome).toBeNull();
		expect(triggerKey(form, 'esc', env).outcome).toBe('cancel');
	});

	it('keeps the highlight in a list of workflows that a poll shortened', () => {
		let workflows = ['build', 'deploy', 'lint', 'test'];
		const sourcecraft: TriggerEnv = {sources: ['acme/api'], fieldsOf: () => SOURCECRAFT_CAPABILITIES.triggerFields, workflowsOf: () => workflows, sourceRuns: () => []};
		let form = startForm('acme/api', sourcecraft.sources);
		for (const key of ['j', 'j', 'j', 'j', 'j']) form = triggerKey(form, key, sourcecraft).form;
		workflows = ['build'];
		// "build", "other", "continue": the highlight stays on the last, and Enter takes it.
		form = triggerKey(form, 'enter', sourcecraft).form;
		expect(currentStep(form, sourcecraft).kind).toBe('headType');
	});
});
