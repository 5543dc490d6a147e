import type { ActionResult } from '@sveltejs/kit';
import { t } from '$lib/i18n/page';
import { Keying, type EntryData, type Problem } from './keying.svelte';

/**
 * The second keying of a batch's double-entry sample, by another clerk: only the serials still
 * to key again, never showing the first keying. It needs the first keying, so each form goes
 * straight to the verify page's action; the serial moves on to the next one pending.
 */
export class SecondKeying extends Keying {
	pending = $state<string[]>([]);
	protected override allowsEmpty = true;

	constructor(data: EntryData, pending: string[]) {
		super(data);
		this.pending = pending;
		this.sheet.serial = pending[0] ?? '';
	}

	protected serialProblem(serial: string): Problem | undefined {
		return this.pending.includes(serial)
			? undefined
			: { text: t('verify.error.notSampled', { serial }) };
	}

	protected send(): void {}

	protected override accepted(result: ActionResult): void {
		if (result.type !== 'success') return;
		const serial = String(result.data?.verified);
		this.notice = t('verify.saved', { serial });
		this.pending = this.pending.filter((s) => s !== serial);
		this.sheet.next(serial);
		this.sheet.serial = this.pending[0] ?? '';
		this.focus(0);
	}
}
