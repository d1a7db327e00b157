import type {Dispatch} from 'react';
import {useCallback, useEffect, useMemo} from 'react';
import type {Clock} from '../../model/clock.js';
import type {Run} from '../../model/run.js';
import {sanitizeLine} from '../../model/sanitize.js';
import type {TriggerRequest} from '../../providers/types.js';
import type {Store} from '../../store/types.js';
import type {UiAction} from '../state/ui-state.js';
import type {OpenOutcome} from '../terminal/browser.js';
import {copiedMessage} from '../terminal/clipboard.js';
import {BELL, osc52, osc9} from '../terminal/sequences.js';

/** Where writes that bypass Ink go (bell, notifications, clipboard): straight to the terminal. */
export interface TerminalOut {
	write(data: string): void;
	/** Inside tmux, OSC 52 must be wrapped to pass through. */
	tmux: boolean;
	/** tmux's `set-clipboard` now; null outside tmux or when unknown. Never rejects. */
	clipboardSetting(): Promise<string | null>;
	/** Hands an address to the browser, detached; or says why it did not. Never rejects. */
	openUrl(url: string): Promise<OpenOutcome>;
}

export interface Notify {
	bell: boolean;
	osc9: boolean;
}

/** One line for any failure: the message, and the provider's request id when there is one. */
export function describeFailure(error: unknown): string {
	if (error !== null && typeof error === 'object') {
		const {message, requestId} = error as {message?: unknown; requestId?: unknown};
		const text = typeof message === 'string' && message !== '' ? message : 'failed';
		const quoted = typeof requestId === 'string' && requestId !== '' && !text.includes(requestId);
		return sanitizeLine(quoted ? `${text} (request ${requestId})` : text);
	}
	return sanitizeLine(String(error)) || 'failed';
}

export function runName(run: Run): string {
	return `${run.source} ${run.label}`;
}

/**
 * The store's actions as the keys use them: every outcome, good or bad, becomes one footer
 * line, and no promise rejection or thrown error gets out of the app.
 */
export function useRunActions(store: Store, dispatch: Dispatch<UiAction>, clock: Clock, terminal: TerminalOut) {
	const say = useCallback(
		(text: string, error = false) => dispatch({type: 'message', text: sanitizeLine(text), error, at: clock.now()}),
		[dispatch, clock],
	);
	return useMemo(() => {
		/** Sends `text` to the terminal's clipboard (OSC 52); the footer says `lead`, then what was sent. */
		const copy = (text: string, what: string, lead = '') => {
			try {
				terminal.write(osc52(text, terminal.tmux));
			} catch (error) {
				say(`could not copy: ${describeFailure(error)}`, true);
				return;
			}
			void terminal.clipboardSetting().then((setting) => say(`${lead}${copiedMessage(what, terminal.tmux, setting)}`));
		};
		const attempt = (what: string, work: () => void, done: string) => {
			try {
				work();
				say(done);
			} catch (error) {
				say(`could not ${what}: ${describeFailure(error)}`, true);
			}
		};
		return {
			say,
			abort(run: Run) {
				say(`aborting ${runName(run)}`);
				store.abort(run.key).then(
					() => say(`abort requested for ${runName(run)}`),
					(error: unknown) => say(`could not abort ${runName(run)}: ${describeFailure(error)}`, true),
				);
			},
			watch(run: Run, watched: boolean) {
				if (watched) attempt('stop watching', () => store.unwatch(run.key), `stopped watching ${runName(run)}`);
				else attempt('watch', () => store.watch(run.key), `watching ${runName(run)}: the bell rings when it ends`);
			},
			copy,
			/** A run's page in the browser; where none opens it, the address is shown and copied. */
			openPage(url: string) {
				say(`opening ${url}`);
				void terminal.openUrl(url).then((outcome) => {
					if ('opened' in outcome) say(`opened ${url} (${outcome.opened})`);
					else copy(url, url, `${outcome.notOpened}: `);
				});
			},
			refresh(source: string | null) {
				attempt('refresh', () => store.refresh(source ?? undefined), source === null ? 'refreshing every source' : `refreshing ${source}`);
			},
			pause() {
				// The store's own state, not the last frame's: two quick presses must toggle twice.
				if (store.getSnapshot().paused) attempt('resume', () => store.resume(), 'polling resumed');
				else attempt('pause', () => store.pause(), 'polling paused (p resumes)');
			},
			/** Reads how the run was started; a confirmation follows, or why it cannot be started again. */
			rerun(run: Run) {
				say(`reading what ${runName(run)} was started with`);
				store.rerunPlan(run.key).then(
					(plan) => {
						if ('refusal' in plan) say(`cannot rerun ${runName(run)}: ${plan.refusal}`, true);
						else {
							const overlay = {kind: 'rerun', source: run.source, label: `${plan.run.label} on ${run.source}`, summary: plan.summary, notes: plan.notes, request: plan.request, askedAt: clock.now()} as const;
							dispatch({type: 'offer', overlay});
						}
					},
					(error: unknown) => say(`could not read ${runName(run)}: ${describeFailure(error)}`, true),
				);
			},
			async trigger(source: string, request: TriggerRequest): Promise<{run: Run} | {error: string}> {
				try {
					const run = await store.trigger(source, request);
					say(`started ${runName(run)}`);
					dispatch({type: 'select', runKey: run.key});
					return {run};
				} catch (error) {
					const text = describeFailure(error);
					say(`could not start a run on ${source}: ${text}`, true);
					return {error: text};
				}
			},
		};
	}, [store, say, terminal, dispatch]);
}

/** A watched run ended: ring the bell and send a desktop notification, each unless turned off. */
export function useWatchedNotifications(store: Store, notify: Notify, terminal: TerminalOut, say: (text: string) => void) {
	const {bell, osc9: desktop} = notify;
	useEffect(
		() =>
			store.onWatchedConcluded((run) => {
				const text = `${runName(run)} ${run.status}`;
				if (bell) terminal.write(BELL);
				if (desktop) terminal.write(osc9(`citop: ${text}`, terminal.tmux));
				say(`watched run ended: ${text}`);
			}),
		[store, bell, desktop, terminal, say],
	);
}
