import type { ResponseInput } from '../survey/responses';
import { ClientDatabase } from './db';
import { Outbox } from './outbox';
import { SyncEngine, type Locks } from './sync';
import { httpTransport } from './transport';

/**
 * A citizen's phone on the public link: the same outbox and sync engine as the kiosk, with
 * no credentials at all (the server throttles per address and holds floods for review).
 */
export class WebOutbox {
	queued = $state(0);
	readonly outbox = new Outbox(new ClientDatabase('sipas-web'));
	readonly engine = new SyncEngine({
		outbox: this.outbox,
		transport: httpTransport({ credentials: 'omit' }),
		locks: (navigator as Navigator & { locks?: Locks }).locks,
		lockName: 'sipas-web-outbox',
		onchange: () => void this.#count()
	});

	/** Starts draining (answers left from an earlier visit go first). */
	start(): () => void {
		void this.engine.restore();
		return this.engine.start(window);
	}

	/**
	 * Stores the answer (rejects if the phone's storage refused it), then gives the send up
	 * to 3 s so the thank-you screen can say whether it went or waits for a connection.
	 */
	async submit(response: ResponseInput): Promise<void> {
		// A plain copy: IndexedDB cannot clone a reactive proxy.
		await this.outbox.add($state.snapshot(response));
		await Promise.race([this.engine.drain(), new Promise((resolve) => setTimeout(resolve, 3000))]);
		await this.#count();
	}

	async #count(): Promise<void> {
		this.queued = (await this.outbox.counts()).queued;
	}
}
