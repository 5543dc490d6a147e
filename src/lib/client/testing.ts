import type { ResponseInput } from '../survey/responses';
import { ClientDatabase } from './db';
import { Outbox } from './outbox';
import { SyncEngine, type Locks, type SyncOptions } from './sync';
import type { Reply, Transport } from './transport';
import { uuidv7 } from './uuid';

let databases = 0;

/** A fresh outbox in its own fake-indexeddb database. */
export function testOutbox(now = () => Date.now()): Outbox {
	return new Outbox(new ClientDatabase(`test-${++databases}`), now);
}

export function kioskResponse(over: Partial<ResponseInput> = {}): ResponseInput {
	return {
		id: uuidv7(),
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'kiosk',
		submittedAt: new Date().toISOString(),
		answers: { A1: 5 },
		...over
	};
}

/**
 * A server stand-in that records every batch and answers from a script: each call takes the
 * next scripted reply (or, past the script, accepts everything). It keeps the ids it has
 * stored, so a resend comes back `duplicate` as the real server says.
 */
export class ScriptedServer implements Transport {
	readonly batches: ResponseInput[][] = [];
	readonly stored = new Set<string>();
	script: (Reply | 'accept' | ((batch: ResponseInput[]) => Reply))[] = [];
	/** Holds each call until released, to test overlapping drains. */
	gate: Promise<void> | undefined;

	async send(responses: ResponseInput[]): Promise<Reply> {
		this.batches.push(responses);
		await this.gate;
		const next = this.script.shift() ?? 'accept';
		if (typeof next === 'function') return next(responses);
		if (next !== 'accept') return next;
		return {
			kind: 'ok',
			results: responses.map((r) => {
				const seen = this.stored.has(r.id);
				this.stored.add(r.id);
				return { status: seen ? 'duplicate' : 'created' };
			})
		};
	}
}

/** Web Locks as a browser grants them (waiting, or `ifAvailable`), shared by the engines of one "browser". */
export class TestLocks implements Locks {
	#held = new Map<string, Promise<unknown>>();
	async request<T>(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => Promise<T>
	): Promise<T> {
		if (options.ifAvailable && this.#held.has(name)) return callback(null);
		while (this.#held.has(name)) await this.#held.get(name)!.catch(() => undefined);
		const run = callback({ name });
		this.#held.set(name, run);
		try {
			return await run;
		} finally {
			this.#held.delete(name);
		}
	}
}

/** Timers the test fires by hand: what was scheduled, and for how long. */
export function manualTimers() {
	const pending: { run: () => void; ms: number }[] = [];
	return {
		pending,
		setTimer: (run: () => void, ms: number) => {
			const timer = { run, ms };
			pending.push(timer);
			return () => pending.splice(pending.indexOf(timer) >>> 0, 1);
		},
		fire() {
			pending.shift()?.run();
		}
	};
}

/** A sync engine over `outbox` and a scripted server, its timers fired by hand. */
export function engine(outbox: Outbox, server: ScriptedServer, options: Partial<SyncOptions> = {}) {
	const timers = manualTimers();
	const sync = new SyncEngine({
		outbox,
		transport: server,
		random: () => 0.5,
		setTimer: timers.setTimer,
		...options
	});
	return { sync, timers };
}

/** Queues `n` kiosk answers; their ids, oldest first. */
export async function queue(outbox: Outbox, n: number) {
	const ids = [];
	for (let i = 0; i < n; i++) ids.push((await outbox.add(kioskResponse())).id);
	return ids;
}
