import { liveQuery } from 'dexie';
import type { ResponseInput } from '../survey/responses';
import type { OutboxEntry } from './db';
import type { Outbox } from './outbox';
import { outboxClient } from './outboxClient';
import type { Locks, SyncEngine, SyncState } from './sync';

/**
 * A clerk's desk: paper forms keyed in go to the same durable outbox and `/api/sync` as the
 * kiosk's answers, sent with the clerk's session. One IndexedDB per person, so a colleague
 * signing in on the same computer never sends (or sees) someone else's unsent forms.
 */
export class EntryDesk {
	/** Every form keyed on this computer by this person (receipts kept 30 days). */
	entries = $state.raw<OutboxEntry[]>([]);
	sync = $state.raw<SyncState | undefined>();
	readonly outbox: Outbox;
	readonly engine: SyncEngine;

	constructor(userId: string, locks = (navigator as Navigator & { locks?: Locks }).locks) {
		({ outbox: this.outbox, engine: this.engine } = outboxClient({
			database: `sipas-entry-${userId}`,
			lockName: `sipas-entry-${userId}`,
			credentials: 'same-origin',
			locks,
			onchange: (state) => (this.sync = state)
		}));
	}

	/**
	 * Watches the outbox and starts sending whatever waits. `entries` follows every change to
	 * the outbox (a save, a revision, a reply settled by the engine, another tab's work):
	 * Dexie's liveQuery re-reads it and always delivers the newest read last.
	 */
	start(): () => void {
		void this.engine.restore();
		const watch = liveQuery(() => this.outbox.all()).subscribe({
			next: (entries) => (this.entries = entries),
			error: (error: unknown) => console.error('entry desk: cannot read the outbox', error)
		});
		const stop = this.engine.start(window);
		return () => {
			watch.unsubscribe();
			stop();
		};
	}

	/** One form of this desk's outbox, read now. */
	entry(id: string): Promise<OutboxEntry | undefined> {
		return this.outbox.db.outbox.get(id);
	}

	/** Stores a keyed form (resolves once IndexedDB has it), then sends in the background. */
	async save(response: ResponseInput): Promise<void> {
		await this.outbox.add(response);
		void this.engine.drain();
	}

	/**
	 * Changes a form that has not reached the server (or that it refused), with no send in
	 * flight meanwhile. False when it is already on the server.
	 */
	async revise(response: ResponseInput): Promise<boolean> {
		return this.engine.hold(() => this.outbox.revise(response));
	}
}
