import type {ReactNode} from 'react';
import {useCallback, useMemo, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {Key} from 'ink';
import type {Run} from '../../model/run.js';
import type {TriggerRequest} from '../../providers/types.js';
import type {SourceState} from '../../store/types.js';
import {keyNames} from '../logic/keys.js';
import {showLine} from '../logic/line-edit.js';
import type {TriggerEnv, TriggerForm} from '../logic/trigger-flow.js';
import {chosenIndex, currentStep, formChoices, knownWorkflows, startForm, triggerKey} from '../logic/trigger-flow.js';
import type {TriggerDraft, TriggerStep} from '../logic/trigger-form.js';
import {buildRequest, sourceRunChoices, summarize, textLabel, workflowChoices} from '../logic/trigger-form.js';
import {composeLine} from '../logic/compose.js';
import {fitToWidth} from '../logic/text.js';
import {scrollTop} from '../logic/window.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';

export interface TriggerDialogProps {
	/** The sources that can start runs. */
	sources: readonly SourceState[];
	/** Preselected source (a source tab), or null to ask. */
	source: string | null;
	runs: readonly Run[];
	height: number;
	/** Sends the request; resolves with the new run, or with an error line. */
	onSubmit(source: string, request: TriggerRequest): Promise<{run: Run} | {error: string}>;
	onDone(run: Run): void;
	onCancel(): void;
}

function question(step: TriggerStep, draft: TriggerDraft, inputsLabel: string, known: boolean): string {
	switch (step.kind) {
		case 'workflows':
			return known ? 'Workflows to run (enter toggles)' : 'Workflows to run, comma-separated (empty: all that run on this event)';
		case 'headType':
			return 'Run on';
		case 'configType':
			return 'Read the CI config from';
		case 'text':
			return textLabel(step.field, draft);
		case 'shared':
			return 'Shared run?';
		case 'inputs':
			return `${inputsLabel[0]?.toUpperCase() ?? ''}${inputsLabel.slice(1)}: KEY=VALUE, one per line${draft.workflows.length > 1 ? ' (WORKFLOW.KEY=VALUE: for one of the workflows)' : ''}; an empty line goes on`;
		case 'sourceRun':
			return 'Chain after a run? It takes that run’s output, artifacts included (a deploy after its build)';
		case 'refs':
			return 'Branches to deploy: REF=BRANCH, one per line (empty: each ref as the flow sets it); an empty line goes on';
		case 'confirm':
			return 'Start this run? enter starts, ← changes, esc cancels';
	}
}

/** The trigger form: the source's fields in order, a confirm screen, then the request. Esc cancels at any step. */
export function TriggerDialog(props: TriggerDialogProps) {
	const {columns} = useSize();
	const {paint, symbols} = useTheme();
	const env = useMemo<TriggerEnv>(
		() => ({
			sources: props.sources.map((item) => item.name),
			fieldsOf: (name) => props.sources.find((item) => item.name === name)?.capabilities.triggerFields ?? [],
			workflowsOf: (name) => workflowChoices(props.runs, name),
			sourceRuns: () => sourceRunChoices(props.runs),
		}),
		[props.sources, props.runs],
	);
	const [form, setForm] = useState<TriggerForm>(() => startForm(props.source, env.sources));
	// The form as the last key left it: the next key starts from it even before React renders it.
	const latest = useRef({form, env, props});
	latest.current = {form, env, props};
	const commit = useCallback((next: TriggerForm) => {
		latest.current = {...latest.current, form: next};
		setForm(next);
	}, []);

	const onKeys = useCallback(
		(input: string, key: Key) => {
			const {env: known, props: current} = latest.current;
			let next = latest.current.form;
			for (const name of keyNames(input, key)) {
				const result = triggerKey(next, name, known);
				next = result.form;
				if (result.outcome === 'cancel') return current.onCancel();
				if (result.outcome !== 'send' || next.source === null) continue;
				const {source, draft} = next;
				void current.onSubmit(source, buildRequest(known.fieldsOf(source), draft)).then((answer) => {
					if ('run' in answer) latest.current.props.onDone(answer.run);
					else commit({...latest.current.form, sending: false, error: answer.error});
				});
			}
			commit(next);
		},
		[commit],
	);
	useInput(onKeys);

	const state = props.sources.find((item) => item.name === form.source) ?? null;
	const step = currentStep(form, env);
	const choices = formChoices(form, env, symbols.arrow);
	const answers = state ? summarize(state.capabilities.triggerFields, form.draft, state.capabilities.inputsLabel) : [];
	const head = composeLine(
		[{text: form.source === null ? 'Start a run: which source?' : `Start a run on ${form.source}`, bold: true}],
		[{text: 'esc cancel', tone: 'muted'}],
		columns,
		paint,
		' ',
		symbols.ellipsis,
	);
	const room = Math.max(1, props.height - 4 - (step.kind === 'confirm' ? answers.length : 0));
	const fitLine = (text: string) => fitToWidth(text, columns, 'left', symbols.ellipsis);
	let body: ReactNode;
	if (choices !== null) {
		const at = chosenIndex(form, choices);
		const top = scrollTop(0, at, choices.length, room);
		body = choices.slice(top, top + room).map((item, index) => (
			<Text key={item.value} wrap="truncate">
				{top + index === at ? `${symbols.closed} ${paint.inverse(item.label)}` : `  ${item.label}`}
			</Text>
		));
	} else if (step.kind === 'confirm') {
		body = (
			<>
				{answers.map((line, index) => (
					<Text key={index} wrap="truncate">
						{`  ${line}`}
					</Text>
				))}
				<Text>{form.sending ? 'starting the run' : ''}</Text>
			</>
		);
	} else {
		const pairs = step.kind === 'inputs' ? form.draft.inputs.map((input) => [input.key, input.value]) : step.kind === 'refs' ? form.draft.refs.map((item) => [item.ref, item.branch]) : [];
		const entered = pairs.map(([key, value]) => `${key}=${value}`).join('  ');
		body = (
			<>
				{entered === '' ? null : <Text wrap="truncate">{`  ${entered}`}</Text>}
				<Text wrap="truncate-start">{`${symbols.closed} ${showLine(form.line, paint.inverse)}`}</Text>
			</>
		);
	}
	const known = knownWorkflows(form, env).length > 0;
	return (
		<Box flexDirection="column" height={props.height} overflow="hidden">
			<Text>{paint.tone(symbols.rule.repeat(columns), 'muted')}</Text>
			<Text wrap="truncate">{head}</Text>
			<Text wrap="truncate">{form.source === null ? '' : question(step, form.draft, state?.capabilities.inputsLabel ?? 'inputs', known)}</Text>
			<Box flexDirection="column">{body}</Box>
			{form.error === null ? null : <Text wrap="truncate">{paint.tone(fitLine(`${symbols.error} ${form.error}`), 'error')}</Text>}
		</Box>
	);
}
