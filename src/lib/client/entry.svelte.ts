import type { ResponseInput } from '../survey/responses';
import { ClientDatabase, type OutboxEntry } from './db';
import { Outbox } from './outbox';
import { SyncEngine, type Locks, type SyncState } from './sync';
import { httpTransport } from './transport';

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
		this.outbox = new Outbox(new ClientDatabase(`sipas-entry-${userId}`));
		this.engine = new SyncEngine({
			outbox: this.outbox,
			transport: httpTransport({ credentials: 'same-origin' }),
			locks,
			lockName: `sipas-entry-${userId}`,
			onchange: (state) => {
				this.sync = state;
				void this.refresh();
			}
		});
	}

	/** Reads the outbox and starts sending whatever waits. */
	start(): () => void {
		void this.engine.restore();
		void this.refresh();
		return this.engine.start(window);
	}

	/** Stores a keyed form (resolves once IndexedDB has it), then sends in the background. */
	async save(response: ResponseInput): Promise<void> {
		await this.outbox.add(response);
		await this.refresh();
		void this.engine.drain();
	}

	/**
	 * Changes a form that has not reached the server (or that it refused), with no send in
	 * flight meanwhile. False when it is already on the server.
	 */
	async revise(response: ResponseInput): Promise<boolean> {
		const done = await this.engine.hold(() => this.outbox.revise(response));
		await this.refresh();
		return done;
	}

	/**
	 * Reads the outbox again. Reads overlap (a save and a sync finishing together), and an
	 * older read must not land after a newer one: only the latest started is kept.
	 */
	async refresh(): Promise<void> {
		const read = ++this.#reads;
		const entries = await this.outbox.all();
		if (read === this.#reads) this.entries = entries;
	}

	#reads = 0;
}
