import type { ResponseInput } from '../survey/responses';
import type { ItemResult } from '../survey/sync';
import type { ClientDatabase, OutboxEntry } from './db';

/** How long a receipt of an acknowledged response is kept on the device. */
export const RECEIPT_DAYS = 30;

export interface OutboxCounts {
	queued: number;
	quarantined: number;
	sent: number;
}

/** What the server said about one response of a batch (its id is the map's key). */
export type ItemOutcome = Pick<ItemResult, 'status' | 'issues'>;

/**
 * The durable queue between a finished questionnaire and the server. A response is in
 * IndexedDB before anyone is thanked for it, and it leaves the queue only when the server
 * has answered for it.
 */
export class Outbox {
	constructor(
		readonly db: ClientDatabase,
		private readonly now = () => Date.now()
	) {}

	/**
	 * Commits a finished response in one transaction and resolves only once IndexedDB has
	 * it; a failure rejects, and the caller must show it. Kiosks number their responses here
	 * (`sequence`): numbering at commit rather than at start means an abandoned questionnaire
	 * leaves no gap, so every gap the server reports is an answer that went missing.
	 */
	async add(response: ResponseInput, options: { sequence?: boolean } = {}): Promise<OutboxEntry> {
		return this.db.transaction('rw', this.db.outbox, this.db.meta, async () => {
			const stored = { ...response };
			if (options.sequence) {
				const last = ((await this.db.meta.get('sequence'))?.value as number | undefined) ?? 0;
				stored.deviceSeq = last + 1;
				await this.db.meta.put({ key: 'sequence', value: last + 1 });
			}
			const entry: OutboxEntry = {
				id: stored.id,
				state: 'queued',
				queuedAt: this.now(),
				response: stored,
				attempts: 0
			};
			// `add`, not `put`: the same id twice is a bug to surface, not a row to overwrite.
			await this.db.outbox.add(entry);
			return entry;
		});
	}

	/** The oldest queued responses, at most `limit`. */
	next(limit: number): Promise<OutboxEntry[]> {
		return this.#inState('queued').limit(limit).toArray();
	}

	/** Counts one more failed attempt on entries whose request failed as a whole. */
	async attempt(ids: readonly string[]): Promise<void> {
		await this.db.outbox
			.where('id')
			.anyOf(ids as string[])
			.modify((entry) => {
				entry.attempts++;
			});
	}

	/**
	 * Applies the server's per-item answers in one transaction: `created` and `duplicate`
	 * become receipts, `conflict` and `invalid` go to quarantine with the reasons.
	 */
	async settle(results: ReadonlyMap<string, ItemOutcome>): Promise<void> {
		const settledAt = this.now();
		await this.db.transaction('rw', this.db.outbox, async () => {
			const entries = await this.db.outbox.bulkGet([...results.keys()]);
			const changed = entries
				.filter((entry): entry is OutboxEntry => entry?.state === 'queued')
				.map((entry) => {
					const result = results.get(entry.id)!;
					const accepted = result.status === 'created' || result.status === 'duplicate';
					return {
						...entry,
						state: accepted ? ('sent' as const) : ('quarantined' as const),
						settledAt,
						outcome: result.status,
						...(result.issues ? { issues: result.issues } : {})
					};
				});
			await this.db.outbox.bulkPut(changed);
		});
	}

	/**
	 * Replaces the response of an entry the server has not accepted yet (queued, or refused and
	 * fixed), and queues it again. Call it under `SyncEngine.hold` so no send is in flight.
	 * Returns false when the entry is already on the server: change it there instead.
	 */
	async revise(response: ResponseInput): Promise<boolean> {
		return this.db.transaction('rw', this.db.outbox, async () => {
			const entry = await this.db.outbox.get(response.id);
			if (!entry || entry.state === 'sent') return false;
			const { issues: _issues, outcome: _outcome, settledAt: _settled, ...rest } = entry;
			await this.db.outbox.put({ ...rest, state: 'queued', response: { ...response } });
			return true;
		});
	}

	/** Every entry, oldest first (a clerk's own outbox is small: receipts last 30 days). */
	all(): Promise<OutboxEntry[]> {
		return this.db.outbox.orderBy('id').toArray();
	}

	async counts(): Promise<OutboxCounts> {
		const count = (state: OutboxEntry['state']) => this.#inState(state).count();
		const [queued, quarantined, sent] = await Promise.all([
			count('queued'),
			count('quarantined'),
			count('sent')
		]);
		return { queued, quarantined, sent };
	}

	/** Forgets receipts older than RECEIPT_DAYS. Queued and quarantined entries are never pruned. */
	async prune(): Promise<number> {
		const before = this.now() - RECEIPT_DAYS * 86_400_000;
		return this.db.outbox
			.where('settledAt')
			.below(before)
			.and((entry) => entry.state === 'sent')
			.delete();
	}

	/** Everything not yet safely on the server, for the rescue file. */
	async unsettled(): Promise<OutboxEntry[]> {
		const [queued, quarantined] = await Promise.all([
			this.#inState('queued').toArray(),
			this.#inState('quarantined').toArray()
		]);
		return [...queued, ...quarantined];
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.db.meta.get(key))?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		await this.db.meta.put({ key, value });
	}

	/** Entries in one state, oldest first (the compound index does the work). */
	#inState(state: OutboxEntry['state']) {
		return this.db.outbox.where('[state+queuedAt]').between([state, -Infinity], [state, Infinity]);
	}
}
