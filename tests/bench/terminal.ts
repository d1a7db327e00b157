import {EventEmitter} from 'node:events';
import {FakeKeyboard} from '../fixtures/keyboard.js';
import {VirtualTerminal} from './vt.js';

/**
 * A terminal for runTui without a real one: stdin that Ink reads keys from, stdout that keeps
 * every byte written (with the time it was written) and replays it into a VirtualTerminal, so a
 * test sees both the raw bytes and the screen a person would see.
 */

export interface Written {
	/** performance.now() when the chunk was written. */
	at: number;
	data: string;
}

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly chunks: Written[] = [];
	/** Called after every write (the bench times frames with it). */
	onWrite: ((chunk: Written) => void) | null = null;

	constructor(
		public columns: number,
		public rows: number,
		private readonly vt: VirtualTerminal,
	) {
		super();
	}

	write(data: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		const chunk = {at: performance.now(), data: text};
		this.chunks.push(chunk);
		this.vt.write(text);
		this.onWrite?.(chunk);
		const done = typeof encoding === 'function' ? encoding : callback;
		if (typeof done === 'function') (done as () => void)();
		return true;
	}
}

export class FakeTerminal {
	readonly vt: VirtualTerminal;
	readonly stdin = new FakeKeyboard();
	readonly stdout: FakeStdout;

	constructor(
		readonly columns = 120,
		readonly rows = 40,
	) {
		this.vt = new VirtualTerminal(columns, rows);
		this.stdout = new FakeStdout(columns, rows, this.vt);
	}

	/** Every byte written so far. */
	get bytes(): string {
		return this.stdout.chunks.map((chunk) => chunk.data).join('');
	}

	/** Bytes written from chunk `from` on, as UTF-8 byte count. */
	byteCount(from = 0): number {
		let total = 0;
		for (const chunk of this.stdout.chunks.slice(from)) total += Buffer.byteLength(chunk.data, 'utf8');
		return total;
	}

	/** The screen as a person reads it now. */
	screen(): string {
		return this.vt.text();
	}

	type(data: string): void {
		this.stdin.type(data);
	}

	/** The streams as runTui takes them. */
	get streams(): {stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream} {
		return {stdin: this.stdin as unknown as NodeJS.ReadStream, stdout: this.stdout as unknown as NodeJS.WriteStream};
	}
}
