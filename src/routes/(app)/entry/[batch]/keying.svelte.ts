import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { flushSync } from 'svelte';
import { applyAction } from '$app/forms';
import { formatDay } from '$lib/i18n';
import { locale, t } from '$lib/i18n/page';
import type { AnswerValue } from '$lib/survey/responses';
import { EntrySheet } from './sheet.svelte';
import type { PageData } from './$types';

/** What the entry screen is given by its page (the entry and verify pages alike). */
export type EntryData = Omit<PageData, 'locale' | 'user' | 'unitName'>;
/** Why the form cannot be kept, shown beside the serial; `href` opens the form in the way. */
export interface Problem {
	text: string;
	href?: string;
}
export type Submit = Parameters<SubmitFunction>[0];
type Settle = Exclude<Awaited<ReturnType<SubmitFunction>>, void>;

/**
 * Keying one paper form by keyboard, whatever becomes of it: the sheet being keyed, what each
 * key does, the checks before it is kept, and the message beside the serial. The modes (a
 * new form, a change, a second keying) say what a checked form turns into.
 *
 * The sheet is one HTML form posted through `$lib/client/forms`: a mode keeps the form on this
 * computer (and cancels the post), or lets it post to the page's action and settles the result.
 */
export abstract class Keying {
	readonly sheet: EntrySheet;
	problem = $state<Problem>();
	notice = $state('');
	/** The form element, for Enter on the last field to submit it. */
	form: HTMLFormElement | undefined;
	/** A mode that keeps nothing (a form voided meanwhile) refuses every save. */
	get closed(): boolean {
		return false;
	}

	constructor(readonly data: EntryData) {
		this.sheet = new EntrySheet(data.instrument, data.day);
	}

	get batch() {
		return this.data.batch;
	}

	/** What stands in the way of the serial, if anything. */
	protected abstract serialProblem(serial: string): Problem | undefined;

	/** What a checked form becomes: kept here (cancel the post) or sent to the page's action. */
	protected abstract send(serial: string, input: Submit): void | Promise<void>;

	/** The server took the form: by default, where the action leads (a redirect). */
	protected accepted(result: ActionResult): Promise<void> | void {
		return applyAction(result);
	}

	/** An empty form is a slip of the hand, except when keying again (blank on both is a match). */
	protected allowsEmpty = false;

	/** Starts what the mode needs once on screen; returns what stops it. */
	mount(): (() => void) | void {
		this.focus(0);
	}

	/**
	 * Moves the cursor at once, within the key's own event: the next key a fast clerk types
	 * must land in the new field, never in the one just left.
	 */
	focus(index: number): void {
		const { sheet } = this;
		sheet.at = Math.max(0, Math.min(index, sheet.fields.length - 1));
		flushSync();
		const element = document.getElementById(`f-${sheet.at}`);
		element?.focus();
		if (element instanceof HTMLInputElement) element.select();
	}

	/** Checks the serial; says why it cannot be used beside the field. */
	serialOk(): boolean {
		const serial = this.sheet.serial.trim();
		this.problem = serial ? this.serialProblem(serial) : { text: t('entry.serialRequired') };
		return !this.problem;
	}

	private dayOk(): boolean {
		const { day } = this.sheet;
		const { periodStart, periodEnd } = this.batch;
		if (day >= periodStart && day <= periodEnd) return true;
		this.problem = {
			text: t('entry.dayOutside', { from: formatDay(periodStart), to: formatDay(periodEnd) })
		};
		return false;
	}

	/** The form's submission (`before` of `$lib/client/forms`): the checks, then the mode. */
	async submit(input: Submit): Promise<void> {
		this.notice = '';
		if (this.closed) return input.cancel();
		if (!this.serialOk()) {
			input.cancel();
			return this.focus(0);
		}
		if (!this.allowsEmpty && Object.keys(this.sheet.keyed()).length === 0) {
			this.problem = { text: t('entry.empty') };
			input.cancel();
			return this.focus(1);
		}
		if (!this.dayOk()) return input.cancel();
		input.formData.set('answers', JSON.stringify(this.sheet.keyed()));
		await this.send(this.sheet.serial.trim(), input);
	}

	/** The server's answer to a posted form (`after` of `$lib/client/forms`). */
	async settle({ result }: Parameters<Settle>[0]): Promise<void> {
		if (result.type === 'failure')
			this.problem = { text: String(result.data?.error ?? t('entry.needsNetwork')) };
		else if (result.type === 'error')
			this.problem = {
				text: 'status' in result && result.status ? result.error.message : t('entry.needsNetwork')
			};
		else await this.accepted(result);
	}

	/** A key in field `index`: answers, moves the cursor, or saves on Enter at the end. */
	onkey(index: number, event: KeyboardEvent): void {
		if (event.ctrlKey || event.metaKey || event.altKey) return;
		const { sheet } = this;
		const field = sheet.fields[index]!;
		const target = event.currentTarget as HTMLElement;
		let move: string | undefined;
		if (field.kind === 'item' && target.tagName !== 'INPUT') {
			const labels = field.item.options?.map((o) => o.text[locale()]) ?? [];
			move = sheet.key(index, event.key, labels)?.move;
		} else if (event.key === 'Enter') move = index === 0 ? 'next' : 'save';
		else if (event.key === 'ArrowDown') move = 'next';
		else if (event.key === 'ArrowUp') move = 'back';
		else if (event.key === 'Backspace' && index > 0 && !(target as HTMLInputElement).value)
			move = 'back';
		if (!move) return;
		event.preventDefault();
		if (index === 0 && move === 'next' && !this.serialOk()) return;
		if (index === 0) this.problem = undefined;
		if (move === 'save') this.form?.requestSubmit();
		else if (move !== 'stay') this.focus(index + (move === 'next' ? 1 : -1));
	}

	/** A click on a box: answers (or clears) the item and moves on; multi-choice toggles. */
	pick(index: number, code: string, value: AnswerValue): void {
		const { sheet } = this;
		const current = sheet.answers[code];
		const field = sheet.fields[index]!;
		if (field.kind === 'item' && field.item.scale === 'multi') {
			const list = Array.isArray(current) ? current : [];
			const next = list.includes(value as string)
				? list.filter((v) => v !== value)
				: [...list, value as string];
			sheet.answers[code] = next.length ? next : null;
			return;
		}
		sheet.answers[code] = current === value ? null : value;
		this.focus(index + 1);
	}
}
