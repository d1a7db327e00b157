import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {Dispatch} from 'react';
import {Box, useInput} from 'ink';
import type {Key} from 'ink';
import type {Clock} from '../../model/clock.js';
import type {Store, StoreSnapshot} from '../../store/types.js';
import {summarizeLists} from '../../model/summary.js';
import {detailStaleSince} from '../../store/staleness.js';
import {staleSources} from '../logic/bars.js';
import {helpBody} from '../logic/help.js';
import {keyNames} from '../logic/keys.js';
import {lineMatcher} from '../logic/log-search.js';
import {logWindow} from '../logic/log-window.js';
import type {Notify, TerminalOut} from '../hooks/actions.js';
import {describeFailure, useRunActions, useWatchedNotifications} from '../hooks/actions.js';
import {treeModel, useListModel, useTreeModel} from '../hooks/models.js';
import {listModel, listViewRows, listViewTabs} from '../logic/list-model.js';
import {useSize} from '../hooks/size.js';
import {useTheme} from '../hooks/theme.js';
import {useTick} from '../hooks/tick.js';
import {handleKey} from '../state/keys.js';
import type {Overlay, UiAction} from '../state/ui-state.js';
import {INITIAL_STATE, modeOf, uiReducer, visibleMessage} from '../state/ui-state.js';
import {ABORT_HEIGHT, AbortDialog} from './abort-dialog.js';
import {DETAIL_HEAD, DetailView} from './detail-view.js';
import {Footer} from './footer.js';
import {bodyHeight, isTooSmall, listArea} from '../logic/screen-lines.js';
import {Header} from './header.js';
import {HELP_HEAD, HelpView} from './help-view.js';
import {LOG_HEAD, LogView, logLines} from './log-view.js';
import {RerunDialog, rerunHeight} from './rerun-dialog.js';
import {RunList} from './run-list.js';
import {SummaryLine} from './summary-line.js';
import {Tabs} from './tabs.js';
import {TooSmall} from './too-small.js';
import {TriggerDialog} from './trigger-dialog.js';

const TRIGGER_MAX = 12;

export interface ScreenProps {
	store: Store;
	snapshot: StoreSnapshot;
	clock: Clock;
	notify: Notify;
	terminal: TerminalOut;
	/** Warnings about the setup, kept in the footer. */
	warnings?: readonly string[];
	onQuit(): void;
}

/** The rows a dialog takes under the view. */
function dialogHeight(overlay: Overlay | null, body: number): number {
	switch (overlay?.kind) {
		case 'abort':
			return ABORT_HEIGHT;
		case 'rerun':
			return rerunHeight(overlay.notes);
		case 'trigger':
			return Math.max(1, Math.min(TRIGGER_MAX, body - 3));
		default:
			return 0;
	}
}

/** Runs a store call from an effect; a throw becomes a footer line instead of a crash. */
function safely(dispatch: Dispatch<UiAction>, clock: Clock, work: () => void): void {
	try {
		work();
	} catch (error) {
		dispatch({type: 'message', text: describeFailure(error), error: true, at: clock.now()});
	}
}

/** The whole screen: header, the current view (with a dialog under it), footer; and every key. */
export function Screen({store, snapshot, clock, notify, terminal, warnings = [], onQuit}: ScreenProps) {
	const size = useSize();
	const {now} = useTick();
	const [state, dispatch] = useReducer(uiReducer, INITIAL_STATE);
	const actions = useRunActions(store, dispatch, clock, terminal);
	useWatchedNotifications(store, notify, terminal, actions.say);
	const list = useListModel(snapshot, state, size.columns);
	const tree = useTreeModel(snapshot, state);
	const lines = useMemo(() => (state.view === 'log' ? logLines(snapshot.log) : []), [state.view, snapshot.log]);
	const stale = useMemo(() => staleSources(snapshot.sources), [snapshot.sources]);
	// Worked out when the runs or the tab change, not on every tick: the clock-bound figures are read from it.
	const {bySource} = list;
	const summary = useMemo(() => summarizeLists(state.tab === null ? bySource.values() : [bySource.get(state.tab) ?? []]), [bySource, state.tab]);

	const height = size.rows - 1;
	const body = bodyHeight(size.rows);
	const overlay = state.overlay;
	const dialog = dialogHeight(overlay, body);
	const {summary: summaryHeight, runs: listRows} = listArea(body, dialog);
	const treeRows = Math.max(1, body - DETAIL_HEAD - dialog);
	const logRows = Math.max(1, body - LOG_HEAD);
	// Lines are counted from the log's start, so the place kept in the state holds while its oldest lines go.
	const first = snapshot.log?.dropped ?? 0;
	const log = useMemo(
		() => ({
			count: lines.length,
			first,
			endTop: first + (state.view === 'log' ? logWindow(lines, null, logRows, size.columns).endTop : 0),
			matches: lineMatcher(lines, first),
		}),
		[lines, first, logRows, size.columns, state.view],
	);
	const {symbols, ascii} = useTheme();
	const helping = overlay?.kind === 'help';
	const helpText = useMemo(() => (helping ? helpBody(state.view, size.columns, symbols, ascii) : []), [helping, state.view, size.columns, symbols, ascii]);
	const helpRows = Math.max(1, body - HELP_HEAD);
	const help = {endTop: Math.max(0, helpText.length - helpRows), page: helpRows};

	useEffect(() => {
		if (state.openKey === null) return;
		const key = state.openKey;
		safely(dispatch, clock, () => store.openRun(key));
		return () => safely(dispatch, clock, () => store.openRun(null));
	}, [store, clock, state.openKey]);
	useEffect(() => {
		if (state.openKey === null || state.logNode === null) return;
		const [key, node] = [state.openKey, state.logNode];
		safely(dispatch, clock, () => store.openLog(key, node));
		return () => safely(dispatch, clock, () => store.closeLog());
	}, [store, clock, state.openKey, state.logNode]);
	const gone = state.view !== 'list' && tree === null;
	useEffect(() => {
		if (!gone) return;
		dispatch({type: 'back'});
		dispatch({type: 'message', text: 'that run is no longer listed', error: false, at: clock.now()});
	}, [gone, clock]);
	useEffect(() => {
		const index = state.pendingSelect === null ? undefined : list.indexOf(state.pendingSelect);
		if (state.pendingSelect !== null && index !== undefined) dispatch({type: 'listCursor', cursor: {key: state.pendingSelect, index}});
	}, [state.pendingSelect, list.indexOf]);
	// Once moved, the cursor holds on to the run it shows, so a poll that puts new runs on top moves
	// the row, not the selection (a new index, a page change, all keep to the run). Untouched, it stays on top.
	const shown = list.selected?.key ?? null;
	useEffect(() => {
		if (state.listMoved && state.pendingSelect === null && shown !== null && shown !== state.list.key) dispatch({type: 'listCursor', cursor: {key: shown, index: list.cursor}});
	}, [shown, list.cursor, state.list.key, state.pendingSelect, state.listMoved]);

	const pages = {list: listRows, detail: treeRows, log: logRows};
	const tooSmall = isTooSmall(size);
	const clockNow = useCallback(() => clock.now(), [clock]);
	const latest = useRef({state, snapshot, list, tree, log, help, actions, now: clockNow, onQuit, columns: size.columns, pages, tooSmall});
	latest.current = {state, snapshot, list, tree, log, help, actions, now: clockNow, onQuit, columns: size.columns, pages, tooSmall};
	const onKeys = useCallback(
		(input: string, key: Key) => {
			if (key.ctrl && input === 'c') return latest.current.onQuit();
			// A burst of keys ("jjj", "k⏎") is handled here in one go: each key sees the state the keys
			// before it left, worked out with the same reducer React will run.
			const render = latest.current;
			// Nothing shows what a key would act on: only quitting is safe.
			if (render.tooSmall) {
				if (keyNames(input, key).includes('q')) render.onQuit();
				return;
			}
			// The trigger form takes the keys itself. This handler stays subscribed meanwhile, so no key
			// is lost in the moment between the form closing and a handler subscribing again.
			const asked = render.state.overlay;
			if (asked?.kind === 'trigger') return;
			let projected = render.state;
			let list = render.list;
			let tree = render.tree;
			for (const name of keyNames(input, key)) {
				const cover = projected.overlay;
				// Keys after one that opened a dialog were typed blind: they are dropped.
				if (cover !== null && cover.kind !== 'help' && cover !== asked) break;
				handleKey(
					{
						...render,
						state: projected,
						list,
						tree,
						page: render.pages[projected.view],
						dispatch: (action) => {
							projected = uiReducer(projected, action);
							dispatch(action);
						},
					},
					name,
				);
				list = listModel(render.snapshot, projected, render.columns, list);
				tree = treeModel(render.snapshot, projected, tree);
			}
			// Keys of the next read may come before React renders this state: they start from it too.
			latest.current = {...render, state: projected, list, tree};
		},
		[dispatch],
	);
	useInput(onKeys);

	if (tooSmall) return <TooSmall />;
	const message = visibleMessage(state.message, now);
	let main;
	if (helping) main = <HelpView view={state.view} lines={helpText} top={state.helpTop} height={body} />;
	else if (state.view === 'log' && tree) {
		const node = tree.rows.find((row) => row.id === state.logNode)?.node;
		const title = `${tree.run.source} ${tree.run.label} ${node ? `› ${node.title}` : ''}`;
		main = <LogView title={title} log={snapshot.log} lines={lines} top={state.logTop} height={logRows} search={state.search} />;
	} else if (state.view !== 'list' && tree) {
		const logs = snapshot.sources.find((source) => source.name === tree.run.source)?.capabilities.logs ?? false;
		main = (
			<DetailView
				run={tree.run}
				rows={tree.rows}
				cursor={tree.cursor}
				height={treeRows}
				highlights={snapshot.highlights}
				logs={logs}
				loading={tree.loading}
				history={bySource.get(tree.run.source)}
				// The tree is fetched apart from the list: once it has come, its own fetches say whether it is stale.
				staleSince={snapshot.detail?.run ? detailStaleSince(snapshot.detail) : (stale.get(tree.run.source) ?? null)}
			/>
		);
	} else {
		main = (
			<>
				{summaryHeight > 0 ? <SummaryLine summary={summary} showSource={state.tab === null} /> : null}
				<Tabs {...listViewTabs(snapshot, state, list, now)} />
				<RunList {...listViewRows(snapshot, list, listRows, stale)} />
			</>
		);
	}
	return (
		<Box flexDirection="column" width={size.columns} height={height}>
			<Header sources={snapshot.sources} />
			<Box flexDirection="column" height={body} overflowY="hidden">
				{main}
				{overlay?.kind === 'abort' ? <AbortDialog label={overlay.label} /> : null}
				{overlay?.kind === 'rerun' ? <RerunDialog label={overlay.label} summary={overlay.summary} notes={overlay.notes} /> : null}
				{overlay?.kind === 'trigger' ? (
					<TriggerDialog
						sources={snapshot.sources.filter((source) => source.capabilities.trigger)}
						source={overlay.source}
						runs={snapshot.runs}
						height={dialog}
						onSubmit={actions.trigger}
						onDone={() => dispatch({type: 'overlay', overlay: null})}
						onCancel={() => {
							dispatch({type: 'overlay', overlay: null});
							actions.say('trigger canceled');
						}}
					/>
				) : null}
			</Box>
			<Footer snapshot={snapshot} tab={state.view === 'list' ? state.tab : (tree?.run.source ?? state.tab)} message={message} mode={modeOf(state)} warnings={warnings} />
		</Box>
	);
}
