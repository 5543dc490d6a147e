import type { ResponseInput } from '../survey/responses';
import { outboxClient } from './outboxClient';

/**
 * A citizen's phone on the public link: the same outbox and sync engine as the kiosk, with
 * no credentials at all (the server throttles per address and holds floods for review).
 */
export class WebOutbox {
	queued = $state(0);
	readonly #client = outboxClient({
		database: 'sipas-web',
		lockName: 'sipas-web-outbox',
		credentials: 'omit',
		onchange: () => void this.#count()
	});
	readonly outbox = this.#client.outbox;
	readonly engine = this.#client.engine;

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
