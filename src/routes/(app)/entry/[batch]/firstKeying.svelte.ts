import { dev } from '$app/environment';
import { EntryDesk } from '$lib/client/entry.svelte';
import { registerServiceWorker } from '$lib/client/pwa';
import { uuidv7 } from '$lib/client/uuid';
import { formatDateTime } from '$lib/i18n';
import { locale, t } from '$lib/i18n/page';
import { STAFF_CACHE } from '$lib/offline';
import { Keying, type Problem, type Submit } from './keying.svelte';

/**
 * A new form, keyed on this computer's desk: forms go to the clerk's IndexedDB outbox and are sent in
 * the background, so a clerk keeps going on a flaky network (the screen itself is kept for an
 * offline reload). A serial may be keyed once per unit and questionnaire: here or on the server.
 */
export class FirstKeying extends Keying {
	desk = $state<EntryDesk>();
	/** The forms of this batch keyed on this computer, newest last. */
	readonly mine = $derived(
		this.desk?.entries.filter((e) => e.response.batchId === this.batch.id) ?? []
	);

	override mount() {
		registerServiceWorker({ dev, onwaiting: () => undefined });
		// Keep this screen for a reload without network (see $lib/offline).
		void caches
			?.open(STAFF_CACHE)
			.then((cache) => cache.add(location.pathname))
			.catch(() => undefined);
		this.desk = new EntryDesk(this.data.userId);
		const stop = this.desk.start();
		void this.opened().then(() => this.focus(0));
		return stop;
	}

	override async submit(input: Submit): Promise<void> {
		// Not before the desk is open: the form would have nowhere to go.
		if (!this.desk) return input.cancel();
		return super.submit(input);
	}

	/** Loads what the form starts from (nothing for a new one). */
	protected async opened(): Promise<void> {}

	protected serialProblem(serial: string): Problem | undefined {
		const first = this.taken(serial);
		return (
			first && {
				text: t('entry.serialTaken', {
					serial,
					at: formatDateTime(locale(), first.at),
					by: first.by
				}),
				href: first.href
			}
		);
	}

	/** The first keying of a serial for this unit and questionnaire, here or on the server. */
	private taken(serial: string): { at: string | number; by: string; href?: string } | undefined {
		const { data, batch } = this;
		const own = data.editId;
		const stored = data.taken.find((s) => s.serial === serial && s.id !== own);
		if (stored)
			return {
				at: stored.enteredAt,
				by: stored.enteredBy ?? '—',
				href: stored.batchId ? `/entry/${stored.batchId}?edit=${stored.id}` : undefined
			};
		const local = this.desk?.entries.find(
			(e) =>
				e.state !== 'quarantined' &&
				e.id !== own &&
				e.response.serial === serial &&
				e.response.unit === batch.unitCode &&
				e.response.instrument === batch.instrumentCode
		);
		return (
			local && {
				at: local.queuedAt,
				by: t('entry.me'),
				href: `/entry/${local.response.batchId}?edit=${local.id}`
			}
		);
	}

	protected send(serial: string, input: Submit): void | Promise<void> {
		input.cancel();
		void this.keep(serial);
	}

	/**
	 * A new form: the screen is empty for the next paper at once (a fast clerk's keys must not
	 * land in the form being stored), and says "saved" once IndexedDB has it. Should the
	 * browser refuse to store it, the form comes back on screen with the message.
	 */
	private async keep(serial: string): Promise<void> {
		const { sheet } = this;
		const response = sheet.response(uuidv7(), this.batch, this.data.instrument);
		const values = { serial, day: sheet.day, answers: sheet.keyed(), comment: sheet.comment };
		sheet.next(serial);
		this.focus(0);
		try {
			await this.desk!.save(response);
			this.notice = t('entry.saved', { serial });
		} catch {
			sheet.load(values);
			this.problem = { text: t('entry.storageFailed') };
		}
	}
}
