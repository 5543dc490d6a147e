import { goto } from '$app/navigation';
import { t } from '$lib/i18n/page';
import { FirstKeying } from './firstKeying.svelte';
import type { Submit } from './keying.svelte';

/**
 * A change to a keyed form (`?edit=ID`), on the same desk as new forms. Where the form is
 * decides how: still on this computer (or refused by the server), it is revised in IndexedDB;
 * once the server has it, the change needs a reason and goes to the page's `edit` action,
 * which keeps the old answers in the audit log. A void form cannot be changed.
 */
export class Correction extends FirstKeying {
	where = $state<'local' | 'server' | 'void'>();
	reason = $state('');

	override get closed(): boolean {
		return this.where === 'void';
	}

	protected override async opened(): Promise<void> {
		const { data, sheet } = this;
		const form = data.editing?.form;
		const local = data.editId ? await this.desk!.entry(data.editId) : undefined;
		if (form?.status === 'void') this.where = 'void';
		else if (local && local.state !== 'sent') this.where = 'local';
		else if (form) this.where = 'server';
		const source = local?.state !== 'sent' ? local?.response : undefined;
		if (source)
			sheet.load({
				serial: source.serial ?? '',
				day: source.submittedAt.slice(0, 10),
				answers: source.answers,
				comment: source.comment ?? ''
			});
		else if (form)
			sheet.load({
				serial: form.serial ?? '',
				day: form.day,
				answers: form.answers,
				comment: form.comment ?? ''
			});
	}

	protected override async send(serial: string, input: Submit): Promise<void> {
		const { batch } = this;
		// An id that names no form: what is keyed is a new form.
		if (!this.where) return super.send(serial, input);
		if (this.where === 'local') {
			input.cancel();
			const revised = this.sheet.response(this.data.editId!, batch, this.data.instrument);
			if (await this.desk!.revise(revised)) {
				await goto(`/entry/${batch.id}?revised=${encodeURIComponent(serial)}`, {
					replaceState: true
				});
				return;
			}
			// Sent meanwhile: from now on it is changed on the server, with a reason.
			this.where = 'server';
		}
		if (!this.reason.trim()) {
			input.cancel();
			this.problem = { text: t('batch.error.reason') };
			document.getElementById('reason')?.focus();
		}
	}
}
