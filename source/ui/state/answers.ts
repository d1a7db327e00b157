import type {KeyContext} from './keys.js';
import type {Overlay} from './ui-state.js';

/** The dialogs that ask y/N: the screen's own key handler answers them, so no key waits for a dialog to listen. */
export type Question = Extract<Overlay, {kind: 'abort' | 'rerun'}>;

export function isQuestion(overlay: Overlay | null): overlay is Question {
	return overlay?.kind === 'abort' || overlay?.kind === 'rerun';
}

/**
 * A rerun is asked once its run has been read, a moment after `R`: a key pressed this soon after
 * the question came up was meant for the screen under it (`y` copies there), not as an answer.
 */
export const ANSWER_AFTER_MS = 300;

/** `y` says yes; any other key (n, Esc, Enter) says no. */
export function answerKey(context: KeyContext, question: Question, name: string): void {
	const {dispatch, actions} = context;
	if (question.kind === 'rerun' && context.now() - question.askedAt < ANSWER_AFTER_MS) return;
	const yes = name === 'y' || name === 'Y';
	dispatch({type: 'overlay', overlay: null});
	if (question.kind === 'rerun') {
		if (yes) void actions.trigger(question.source, question.request);
		else actions.say(`${question.label}: not rerun`);
		return;
	}
	const run = context.snapshot.runs.find((item) => item.key === question.runKey) ?? (context.tree?.run.key === question.runKey ? context.tree.run : null);
	if (yes && run) actions.abort(run);
	else actions.say(`${question.label} keeps running`);
}
