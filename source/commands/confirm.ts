import {createInterface} from 'node:readline/promises';
import type {CommandContext} from './context.js';
import {CliError} from './exit.js';

/** A command that asks first (abort, rerun) asks on a terminal only; without one it needs --yes. */
export function requireAnswerOrYes(ctx: CommandContext, command: string, yes: boolean): void {
	const canAsk = ctx.stdin.isTTY === true && ctx.stderr.isTTY === true;
	if (!yes && !canAsk) throw new CliError(`${command} asks for confirmation on a terminal; without one, pass --yes`);
}

/** Asks on stderr; only "y" or "yes" agrees. */
export async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
	const prompt = createInterface({input: ctx.stdin, output: ctx.stderr});
	ctx.onInterrupt(() => prompt.close());
	try {
		const answer = await prompt.question(question);
		return /^y(es)?$/i.test(answer.trim());
	} finally {
		prompt.close();
	}
}
