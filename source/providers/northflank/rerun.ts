import type {Run} from '../../model/run.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {isRecord} from '../lenient.js';
import {namesText, revisionText} from '../rerun.js';
import type {RerunPlan, TriggerRequest} from '../types.js';
import {refSchema, type NfRun} from './schema.js';

const given = (value: string | null | undefined): string | null => (value === null || value === undefined || value.trim() === '' ? null : value);

type RefOverride = NonNullable<TriggerRequest['refs']>[number];

/** What each git trigger's ref deployed (branch and commit), as overrides that deploy it again. */
function refOverrides(raw: NfRun, notes: string[]): RefOverride[] {
	const table = isRecord(raw.refs) ? raw.refs : {};
	const overrides: RefOverride[] = [];
	for (const trigger of raw.triggers ?? []) {
		const ref = trigger.ref;
		if (ref === null || overrides.some((item) => item.ref === ref)) continue;
		const entry = Object.hasOwn(table, ref) ? refSchema.parse(table[ref]) : null;
		const branch = given(entry?.branch);
		const sha = given(entry?.sha);
		if (branch === null) notes.push(`the run does not say what ref ${sanitizeLine(ref, 40)} deployed: the flow chooses`);
		else overrides.push({ref, branch, ...(sha !== null ? {sha} : {})});
	}
	return overrides;
}

/**
 * The same arguments, and each ref of the flow on the branch and commit it deployed, from the
 * run's detail answer. Its name and description stay the server's to choose: a rerun is a new run.
 */
export function northflankRerunPlan(run: Run, raw: NfRun): RerunPlan {
	const args = isRecord(raw.arguments) ? Object.entries(raw.arguments) : null;
	const inputs: {key: string; value: string}[] = [];
	for (const [key, value] of args ?? []) {
		if (typeof value !== 'string') return {run, refusal: `its argument ${sanitizeLine(key, 40)} is not text, and citop sends arguments as text`};
		inputs.push({key, value});
	}
	const notes: string[] = [];
	if (args === null) notes.push('the run does not say its arguments: none are sent');
	const refs = refOverrides(raw, notes);
	const request: TriggerRequest = {};
	if (inputs.length > 0) request.inputs = inputs;
	if (refs.length > 0) request.refs = refs;
	const parts = [inputs.length > 0 ? `arguments ${namesText(inputs.map((input) => `${input.key}=${input.value}`))}` : 'no arguments'];
	if (refs.length > 0) parts.push(`${refs.length === 1 ? 'ref' : 'refs'} ${namesText(refs.map((item) => `${item.ref}=${revisionText(item.branch, item.sha ?? null)}`))}`);
	return {run, request, summary: parts.join(', '), notes};
}
