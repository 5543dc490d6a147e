import { keyOnItem, nextSerial } from '$lib/survey/entryKeys';
import type { Instrument, Item } from '$lib/survey/instruments';
import type { AnswerValue, ResponseInput } from '$lib/survey/responses';

/** A field of the paper form in its printed order: the serial, every item, the comment. */
export type Field =
	| { kind: 'serial' }
	| { kind: 'item'; item: Item; group: string; first: boolean }
	| { kind: 'comment' };

/** The first-keying answer of a form, for a second clerk's comparison or an edit. */
export interface SheetValues {
	serial: string;
	day: string;
	answers: Record<string, AnswerValue>;
	comment: string;
}

/**
 * One paper form on screen: what has been keyed and where the cursor is. Moving the cursor
 * is the page's business (it owns the elements); this decides what each key means.
 */
export class EntrySheet {
	readonly fields: Field[];
	serial = $state('');
	day = $state('');
	answers = $state<Record<string, AnswerValue>>({});
	comment = $state('');
	/** The field with the cursor. */
	at = $state(0);
	/** The last key refused on an item (shown beside it), cleared by the next key. */
	refused = $state<string | undefined>();

	constructor(instrument: Instrument, day: string) {
		this.day = day;
		const fields: Field[] = [{ kind: 'serial' }];
		for (const part of instrument.parts) {
			for (const group of part.groups) {
				group.items.forEach((item, i) =>
					fields.push({ kind: 'item', item, group: group.code, first: i === 0 })
				);
			}
		}
		if (instrument.comment) fields.push({ kind: 'comment' });
		this.fields = fields;
	}

	/** The answers keyed so far, blanks left out. */
	keyed(): Record<string, AnswerValue> {
		return Object.fromEntries(
			Object.entries($state.snapshot(this.answers)).filter(([, v]) => v !== null && v !== undefined)
		);
	}

	/**
	 * A key on an item field: sets the answer and says where the cursor goes. Undefined for
	 * keys the browser keeps (Tab, typing in text fields).
	 */
	key(index: number, key: string, labels: readonly string[]) {
		const field = this.fields[index];
		if (field?.kind !== 'item') return undefined;
		const outcome = keyOnItem(field.item, key, this.answers[field.item.code], labels);
		this.refused = outcome?.refused ? field.item.code : undefined;
		if (outcome && 'value' in outcome) this.answers[field.item.code] = outcome.value!;
		return outcome;
	}

	/** The form as a paper response of the batch (noon of its day, Vietnam time). */
	response(
		id: string,
		batch: { id: string; unitCode: string },
		instrument: Pick<Instrument, 'code' | 'version'>
	): ResponseInput {
		const comment = this.comment.trim();
		return {
			id,
			instrument: instrument.code,
			instrumentVersion: instrument.version,
			unit: batch.unitCode,
			channel: 'paper',
			submittedAt: `${this.day}T12:00:00+07:00`,
			answers: this.keyed(),
			serial: this.serial.trim(),
			batchId: batch.id,
			...(comment ? { comment } : {})
		};
	}

	/** Empties the form for the next paper; the day (a batch field) stays, the serial moves on. */
	next(saved: string): void {
		this.serial = nextSerial(saved) ?? '';
		this.answers = {};
		this.comment = '';
		this.refused = undefined;
		this.at = 0;
	}

	load(values: SheetValues): void {
		this.serial = values.serial;
		this.day = values.day;
		this.answers = { ...values.answers };
		this.comment = values.comment;
	}
}
