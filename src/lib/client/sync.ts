import type { DeviceHealth } from '../survey/kiosk';
import { MAX_BATCH } from '../survey/sync';
import type { ItemOutcome, Outbox } from './outbox';
import type { Transport } from './transport';

/** Backoff after failures: 1 s, doubling, at most 5 minutes, ±20 % jitter. */
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_MAX_MS = 300_000;

export function backoffDelay(failures: number, random: () => number = Math.random): number {
	const base = Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
	return Math.round(base * (0.8 + 0.4 * random()));
}

/** The subset of the Web Locks API the engine needs (injected in tests). */
export interface Locks {
	request<T>(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => Promise<T>
	): Promise<T>;
}

export interface SyncState {
	/** The server refused the device token: nothing is sent until the kiosk is enrolled again. */
	disabled: boolean;
	lastSyncAt: string | null;
	lastError: string | null;
	/** Consecutive failed attempts (0 after a success). */
	failures: number;
	/** When the next automatic attempt is due (ms since epoch), if one is scheduled. */
	retryAt: number | null;
	/**
	 * How far the server's clock is ahead of this device's (ms), from the last reply: a kiosk
	 * whose clock is off says so on its health screen (see `$lib/survey/admission`).
	 */
	clockOffsetMs: number | null;
}

export type DrainResult = 'drained' | 'busy' | 'failed' | 'disabled';

export interface SyncOptions {
	outbox: Outbox;
	transport: Transport;
	/** One drainer across tabs; without it, one per tab. */
	locks?: Locks;
	lockName?: string;
	/**
	 * What the kiosk reports with each request (kiosks only), as it will be once the server
	 * accepts the `inFlight` responses of that request (only an accepted request is stored).
	 */
	health?: (inFlight: number) => Promise<DeviceHealth>;
	/** Send the health even with nothing queued, at most this often (ms). */
	heartbeatMs?: number;
	batchSize?: number;
	random?: () => number;
	now?: () => number;
	setTimer?: (run: () => void, ms: number) => () => void;
	onchange?: (state: SyncState) => void;
}

const defaultTimer = (run: () => void, ms: number) => {
	const handle = setTimeout(run, ms);
	return () => clearTimeout(handle);
};

/**
 * Drains the outbox to the server. It runs from the page (never only from a service
 * worker's Background Sync, which some browsers lack and Workbox gives up on after days):
 * on start, when the browser comes online, when the page becomes visible, after each new
 * response, and on a backoff timer after failures. One drain at a time across tabs.
 *
 * Per item: `created`/`duplicate` → receipt; `conflict`/`invalid` → quarantine, and the
 * items behind it carry on. Whole-request failures leave everything queued and retry.
 */
export class SyncEngine {
	readonly state: SyncState = {
		disabled: false,
		lastSyncAt: null,
		lastError: null,
		failures: 0,
		clockOffsetMs: null,
		retryAt: null
	};
	#options: SyncOptions;
	#batchSize: number;
	#running: Promise<DrainResult> | undefined;
	#again = false;
	#cancelTimer: (() => void) | undefined;
	#lastHeartbeat = 0;
	#holds = 0;

	constructor(options: SyncOptions) {
		this.#options = options;
		this.#batchSize = options.batchSize ?? MAX_BATCH;
	}

	/** Restores the last sync time and error from IndexedDB (so a reload still shows them). */
	async restore(): Promise<void> {
		const saved = await this.#options.outbox.getMeta<Partial<SyncState>>('sync');
		this.state.lastSyncAt = saved?.lastSyncAt ?? null;
		this.state.lastError = saved?.lastError ?? null;
		this.#emit();
	}

	/**
	 * Drains now. Concurrent calls in one tab share one run, and a call during a run makes
	 * the run go round once more, so nothing added meanwhile waits for the next trigger.
	 */
	drain(): Promise<DrainResult> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = (async () => {
			let result: DrainResult;
			do {
				this.#again = false;
				result = await this.#locked();
			} while (this.#again && result === 'drained');
			return result;
		})().finally(() => {
			this.#running = undefined;
		});
		return this.#running;
	}

	/** Listens to the browser's triggers; returns a function that stops everything. */
	start(
		target: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
			document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
		}
	): () => void {
		const online = () => {
			// The network is back: forget the backoff and try at once.
			this.state.failures = 0;
			void this.drain();
		};
		const visible = () => {
			if (target.document?.visibilityState !== 'hidden') void this.drain();
		};
		target.addEventListener('online', online);
		target.document?.addEventListener('visibilitychange', visible);
		const heartbeat = this.#options.heartbeatMs
			? setInterval(() => void this.drain(), this.#options.heartbeatMs)
			: undefined;
		void this.drain();
		return () => {
			target.removeEventListener('online', online);
			target.document?.removeEventListener('visibilitychange', visible);
			if (heartbeat) clearInterval(heartbeat);
			this.#cancelTimer?.();
		};
	}

	/**
	 * Runs `fn` while nothing is being sent, here or (with locks) in another tab, then drains:
	 * for changing a queued entry that a run might otherwise send half-way through the change.
	 */
	async hold<T>(fn: () => Promise<T>): Promise<T> {
		this.#holds++;
		try {
			await this.#running;
			const { locks, lockName = 'sipas-outbox' } = this.#options;
			return locks ? await locks.request(lockName, {}, fn) : await fn();
		} finally {
			this.#holds--;
			void this.drain();
		}
	}

	/** Enrolled again: sending may resume. */
	enable(): void {
		this.state.disabled = false;
		this.state.failures = 0;
		this.#emit();
	}

	async #locked(): Promise<DrainResult> {
		if (this.#holds > 0) return 'busy';
		const { locks, lockName = 'sipas-outbox' } = this.#options;
		if (!locks) return this.#run();
		const result = await locks.request(lockName, { ifAvailable: true }, async (lock) =>
			lock ? this.#run() : ('busy' as const)
		);
		// Another tab is draining; look again shortly in case it finished before our entry landed.
		if (result === 'busy') this.#schedule(BACKOFF_FIRST_MS);
		return result;
	}

	async #run(): Promise<DrainResult> {
		if (this.state.disabled) return 'disabled';
		const { outbox, transport } = this.#options;
		// IndexedDB work per batch is what limits a long drain on a tablet, so a run writes
		// the sync record once at its end, and measures the health (three counts and a storage
		// estimate) for its first request and, if later batches went without it, once more
		// at the end.
		let delivered: string | null = null;
		let healthSent = false;
		let healthStale = false;
		try {
			await outbox.prune();
			for (;;) {
				const entries = await outbox.next(this.#batchSize);
				const now = this.#now();
				const heartbeatDue =
					!!this.#options.heartbeatMs && now - this.#lastHeartbeat >= this.#options.heartbeatMs;
				if (entries.length === 0 && !heartbeatDue && !healthStale) {
					return await this.#succeeded(delivered);
				}
				const withHealth = !!this.#options.health && (!healthSent || entries.length === 0);
				const health = withHealth ? await this.#options.health!(entries.length) : undefined;
				const reply = await transport.send(
					entries.map((e) => e.response),
					health
				);
				if (reply.kind === 'ok') {
					delivered = new Date(now).toISOString();
					if (reply.serverTime) this.state.clockOffsetMs = reply.serverTime - this.#now();
					if (withHealth) {
						this.#lastHeartbeat = now;
						healthSent = true;
						healthStale = false;
					} else if (this.#options.health) {
						healthStale = true;
					}
					const results = new Map<string, ItemOutcome>();
					entries.forEach((entry, i) => results.set(entry.id, reply.results[i]!));
					await outbox.settle(results);
					if (entries.length === 0) return await this.#succeeded(delivered);
					continue;
				}
				await outbox.attempt(entries.map((e) => e.id));
				if (reply.kind === 'tooLarge' && this.#batchSize > 1) {
					this.#batchSize = Math.max(1, Math.floor(this.#batchSize / 2));
					continue;
				}
				if (reply.kind === 'disabled') {
					this.state.disabled = true;
					await this.#record(delivered ?? this.state.lastSyncAt, reply.error);
					return 'disabled';
				}
				return await this.#failed(reply.error, delivered);
			}
		} catch (cause) {
			// IndexedDB trouble: keep trying like a network fault, and say so.
			return this.#failed(`storage: ${(cause as Error).message}`, delivered);
		}
	}

	async #succeeded(delivered: string | null): Promise<DrainResult> {
		this.state.failures = 0;
		this.state.retryAt = null;
		this.#cancelTimer?.();
		if (delivered) await this.#record(delivered, null);
		return 'drained';
	}

	async #failed(error: string, delivered: string | null): Promise<DrainResult> {
		this.state.failures++;
		await this.#record(delivered ?? this.state.lastSyncAt, error);
		this.#schedule(backoffDelay(this.state.failures, this.#options.random));
		return 'failed';
	}

	#schedule(ms: number): void {
		this.#cancelTimer?.();
		this.state.retryAt = this.#now() + ms;
		this.#cancelTimer = (this.#options.setTimer ?? defaultTimer)(() => {
			this.#cancelTimer = undefined;
			void this.drain();
		}, ms);
	}

	async #record(lastSyncAt: string | null, lastError: string | null): Promise<void> {
		this.state.lastSyncAt = lastSyncAt;
		this.state.lastError = lastError;
		await this.#options.outbox.setMeta('sync', { lastSyncAt, lastError });
		this.#emit();
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}

	#emit(): void {
		this.#options.onchange?.({ ...this.state });
	}
}
