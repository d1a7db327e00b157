import {Random} from './random.js';
import type {Outcome} from './timeline.js';
import {elapsedShare} from './timeline.js';
import {ESCAPE_LINES, longText} from './oddities.js';

/**
 * Logs are generated from a seed, never stored: a step's log at a moment is the
 * lines its pace has reached by then, with the line being written shown half-done.
 */

export type LogKind = 'checkout' | 'setup' | 'install' | 'build' | 'lint' | 'test' | 'docker' | 'deploy' | 'terraform' | 'notify';

export interface LogPlan {
	seed: number;
	kind: LogKind;
	/** Body lines the step writes over its planned life. */
	lines: number;
	/** The step's planned run, which sets the writing pace. */
	start: number;
	plannedEnd: number;
	/** When it really stops (earlier when cut), and how. */
	stopAt: number;
	outcome: Outcome;
	/** Mix terminal escape sequences and an overlong line into the text. */
	odd: boolean;
}

export interface LogState {
	/** Complete lines so far. */
	lines: string[];
	/** The line being written, without its newline ('' when none). */
	partial: string;
	/** The step has stopped: no more text will come. */
	done: boolean;
}

const FILES = ['src/app.ts', 'src/routes/runs.ts', 'src/store/cache.ts', 'src/ui/list.tsx', 'src/util/dates.ts', 'src/auth/token.ts'];
const PACKAGES = ['react', 'zod', 'got', 'yaml', 'commander', 'vitest', 'typescript', 'esbuild', 'pg', 'redis'];

function bodyLine(kind: LogKind, index: number, random: Random): string {
	const ms = random.int(3, 900);
	switch (kind) {
		case 'checkout':
			return index === 0 ? `Cloning into '/workspace/src'...` : `Receiving objects: ${Math.min(100, index * 17)}% (${index * 311}/${random.int(2000, 4000)})`;
		case 'setup':
			return `Pulling image node:20-bookworm layer ${random.hex(12)}: ${random.pick(['Waiting', 'Downloading', 'Pull complete'])}`;
		case 'install':
			return `added ${random.pick(PACKAGES)}@${random.int(1, 9)}.${random.int(0, 20)}.${random.int(0, 9)} in ${ms}ms`;
		case 'build':
			return `compiled ${random.pick(FILES)} (${random.int(1, 90)} kB) in ${ms}ms`;
		case 'lint':
			return `checked ${random.pick(FILES)}: ${random.chance(0.8) ? 'ok' : `${random.int(1, 3)} warning(s)`}`;
		case 'test':
			return ` ✓ ${random.pick(FILES).replace(/\.tsx?$/, '.test.ts')} (${random.int(2, 40)} tests) ${ms}ms`;
		case 'docker':
			return `#${index + 1} [${random.int(1, 9)}/9] RUN npm ci --omit=dev  ${(ms / 100).toFixed(1)}s`;
		case 'deploy':
			return `deployment "api" rollout: ${random.int(1, 3)} of 3 updated replicas are available...`;
		case 'terraform':
			return `module.${random.pick(['vpc', 'db', 'cache', 'dns'])}.aws_${random.pick(['instance', 'route', 'subnet'])}.main: Refreshing state... [id=${random.hex(10)}]`;
		case 'notify':
			return `posted status to #deploys (${ms}ms)`;
	}
}

function finalLine(kind: LogKind, outcome: Outcome): string {
	switch (outcome) {
		case 'success':
			return kind === 'test' ? 'Test Files  all passed' : 'done, exit code 0';
		case 'failed':
			return kind === 'test' ? 'FAIL  src/store/cache.test.ts > evicts stale entries: expected 3 to be 2' : 'error: command exited with code 1';
		case 'timeout':
			return 'error: step timed out and was killed';
		case 'canceled':
			return 'received SIGTERM: run canceled, stopping';
		case 'skipped':
			return '';
	}
}

/** Every body line the step would write over its planned life. */
function bodyLines(plan: LogPlan): string[] {
	const random = new Random(plan.seed);
	const lines: string[] = [];
	for (let index = 0; index < plan.lines; index++) lines.push(bodyLine(plan.kind, index, random));
	if (plan.odd && lines.length > 2) {
		// Escape sequences and an overlong line land early, so a short look at the log meets them.
		lines.splice(1, 0, ...ESCAPE_LINES, longText('log line ', 10_000));
	}
	return lines;
}

/** The log as it stands at `now`. */
export function logAt(plan: LogPlan, now: number): LogState {
	if (plan.outcome === 'skipped' || now < plan.start) {
		return {lines: [], partial: '', done: now >= plan.stopAt};
	}
	const body = bodyLines(plan);
	const at = Math.min(now, plan.stopAt);
	const position = elapsedShare(plan.start, plan.plannedEnd, at) * body.length;
	const written = Math.min(body.length, Math.floor(position));
	const lines = body.slice(0, written);
	if (now >= plan.stopAt) {
		const last = finalLine(plan.kind, plan.outcome);
		if (last) lines.push(last);
		return {lines, partial: '', done: true};
	}
	const next = body[written];
	// The line being written shows its first half during the first half of its time.
	const partial = next !== undefined && position - written < 0.5 ? next.slice(0, Math.ceil(next.length / 2)) : '';
	return {lines, partial, done: false};
}

/** Lines joined as the providers send them: each complete line ends with a newline. */
export function logText(state: LogState, from = 0, to = state.lines.length): string {
	return state.lines
		.slice(from, to)
		.map((line) => `${line}\n`)
		.join('');
}
