import type {ReactNode} from 'react';
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {Run} from '../../model/run.js';
import type {TriggerRequest} from '../../providers/types.js';
import type {SourceState} from '../../store/types.js';
import type {HeadType, TriggerDraft, TriggerStep} from '../logic/trigger-form.js';
import {
	EMPTY_DRAFT,
	buildRequest,
	addLine,
	summarize,
	textLabel,
	triggerSteps,
	workflowChoices,
	writeText,
} from '../logic/trigger-form.js';
import {composeLine} from '../logic/compose.js';
import {fitToWidth} from '../logic/text.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import type {Choice} from './choice.js';
import {ChoiceList} from './choice.js';
import {LineInput} from './line-input.js';

const DONE = '\u0000done';
const OTHER = '\u0000other';

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

const HEAD_TYPES: Array<Choice<HeadType>> = [
	{label: 'the default branch', value: 'default'},
	{label: 'a branch', value: 'branch'},
	{label: 'a tag', value: 'tag'},
	{label: 'a commit', value: 'commit'},
];

const SHARED: Array<Choice<boolean>> = [
	{label: 'no', value: false},
	{label: 'yes', value: true},
];

function question(step: TriggerStep, draft: TriggerDraft, inputsLabel: string, known: boolean): string {
	switch (step.kind) {
		case 'workflows':
			return known ? 'Workflows to run (enter toggles)' : 'Workflows to run, comma-separated (empty: all that run on this event)';
		case 'headType':
			return 'Run on';
		case 'text':
			return textLabel(step.field, draft.headType);
		case 'shared':
			return 'Shared run?';
		case 'inputs':
			return `${inputsLabel[0]?.toUpperCase() ?? ''}${inputsLabel.slice(1)}: KEY=VALUE, one per line; an empty line goes on`;
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
	const [source, setSource] = useState<string | null>(props.source ?? (props.sources.length === 1 ? (props.sources[0]?.name ?? null) : null));
	const [draft, setDraft] = useState<TriggerDraft>(EMPTY_DRAFT);
	const [stepIndex, setStepIndex] = useState(0);
	const [typed, setTyped] = useState('');
	const [error, setError] = useState<string | null>(null);
	const [sending, setSending] = useState(false);
	// A workflow missing from the recent runs can still be typed in.
	const [typingWorkflows, setTypingWorkflows] = useState(false);
	const state = props.sources.find((item) => item.name === source) ?? null;
	const fields = state?.capabilities.triggerFields ?? [];
	const steps = triggerSteps(fields, draft);
	const step = steps[Math.min(stepIndex, steps.length - 1)] ?? {kind: 'confirm'};
	const known = source === null ? [] : workflowChoices(props.runs, source);
	const choices = typingWorkflows ? [] : known;

	const advance = (next: TriggerDraft) => {
		setDraft(next);
		setTyped('');
		setError(null);
		setStepIndex((index) => index + 1);
	};
	const send = () => {
		if (source === null || sending) return;
		setSending(true);
		setError(null);
		void props.onSubmit(source, buildRequest(fields, draft)).then((result) => {
			setSending(false);
			if ('run' in result) props.onDone(result.run);
			else setError(result.error);
		});
	};

	useInput((input, key) => {
		if (key.escape) props.onCancel();
		else if (step.kind === 'confirm' && source !== null && (key.return || input === 'y')) send();
		// Back from the confirmation (after a refusal too) to change an answer; the answers stay.
		else if (step.kind === 'confirm' && key.leftArrow && !sending) {
			setError(null);
			setStepIndex(Math.max(0, steps.length - 2));
		}
	});

	const onText = (value: string) => {
		if (step.kind === 'text') advance(writeText(draft, step.field, value));
		else if (step.kind === 'workflows') {
			const typedNames = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
			advance({...draft, workflows: [...new Set([...draft.workflows, ...typedNames])]});
		} else if (step.kind === 'inputs' || step.kind === 'refs') {
			if (value.trim() === '') return advance(draft);
			const next = addLine(draft, step.kind, value);
			if ('error' in next) return setError(next.error);
			setDraft(next);
			setTyped('');
			setError(null);
		}
	};

	const answers = state ? summarize(fields, draft, state.capabilities.inputsLabel) : [];
	const head = composeLine(
		[{text: source === null ? 'Start a run: which source?' : `Start a run on ${source}`, bold: true}],
		[{text: 'esc cancel', tone: 'muted'}],
		columns,
		paint,
		' ',
		symbols.ellipsis,
	);
	const room = Math.max(1, props.height - 4 - (step.kind === 'confirm' ? answers.length : 0));
	let body: ReactNode;
	if (source === null) {
		const items = props.sources.map((item) => ({label: item.name, value: item.name}));
		body = <ChoiceList items={items} limit={room} onSelect={(item) => setSource(item.value)} />;
	} else if (step.kind === 'workflows' && choices.length > 0) {
		const items: Array<Choice<string>> = [
			...choices.map((name) => ({label: `[${draft.workflows.includes(name) ? 'x' : ' '}] ${name}`, value: name})),
			{label: 'other: type names…', value: OTHER},
			{label: `continue ${symbols.arrow}`, value: DONE},
		];
		const toggle = (item: Choice<string>) => {
			if (item.value === DONE) return advance(draft);
			if (item.value === OTHER) return setTypingWorkflows(true);
			const workflows = draft.workflows.includes(item.value)
				? draft.workflows.filter((name) => name !== item.value)
				: [...draft.workflows, item.value];
			setDraft({...draft, workflows});
		};
		body = <ChoiceList items={items} limit={room} onSelect={toggle} />;
	} else if (step.kind === 'headType') {
		body = <ChoiceList items={HEAD_TYPES} limit={room} onSelect={(item) => advance({...draft, headType: item.value, head: ''})} />;
	} else if (step.kind === 'shared') {
		body = <ChoiceList items={SHARED} limit={room} onSelect={(item) => advance({...draft, shared: item.value})} />;
	} else if (step.kind === 'confirm') {
		body = (
			<Box flexDirection="column">
				{answers.map((line, index) => (
					<Text key={index} wrap="truncate">
						{`  ${line}`}
					</Text>
				))}
				<Text>{sending ? 'starting the run' : ''}</Text>
			</Box>
		);
	} else {
		const pairs = step.kind === 'inputs' ? draft.inputs.map((input) => [input.key, input.value]) : step.kind === 'refs' ? draft.refs.map((item) => [item.ref, item.branch]) : [];
		const entered = pairs.map(([key, value]) => `${key}=${value}`).join('  ');
		body = (
			<Box flexDirection="column">
				{entered === '' ? null : <Text wrap="truncate">{`  ${entered}`}</Text>}
				<Box>
					<Text>{`${symbols.closed} `}</Text>
					<LineInput value={typed} onChange={setTyped} onSubmit={onText} />
				</Box>
			</Box>
		);
	}
	return (
		<Box flexDirection="column" height={props.height} overflow="hidden">
			<Text>{paint.tone(symbols.rule.repeat(columns), 'muted')}</Text>
			<Text wrap="truncate">{head}</Text>
			<Text wrap="truncate">{source === null ? '' : question(step, draft, state?.capabilities.inputsLabel ?? 'inputs', choices.length > 0)}</Text>
			{/* A fresh input per step: no cursor or selection carries over from the step before. */}
			<Box key={`${source ?? ''}:${stepIndex}:${typingWorkflows}`} flexDirection="column">
				{body}
			</Box>
			{error === null ? null : <Text wrap="truncate">{paint.tone(fitToWidth(`${symbols.error} ${error}`, columns, 'left', symbols.ellipsis), 'error')}</Text>}
		</Box>
	);
}
