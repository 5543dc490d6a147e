import { itemsOf, type Instrument } from './instruments';
import type { AnswerValue } from './responses';

/**
 * Double entry: a second clerk re-keys a sample of a batch's paper forms without seeing the
 * first keying, and every item where the two differ goes to a supervisor with the paper.
 */

/** FNV-1a, 32 bits: a stable, well-spread number from a text (no crypto needed here). */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * Whether a form is in the batch's sample: chosen by serial, or drawn by `percent`. The draw
 * depends on the batch and the serial only, so it is the same every time it is asked and a
 * clerk cannot tell in advance which forms will be checked.
 */
export function sampled(
	batch: { id: string; verifyPercent: number; verifySerials: readonly string[] },
	serial: string
): boolean {
	if (batch.verifySerials.includes(serial)) return true;
	return fnv1a(`${batch.id}\u0000${serial}`) % 100 < batch.verifyPercent;
}

export interface Mismatch {
	item: string;
	first: AnswerValue;
	second: AnswerValue;
}

const same = (a: AnswerValue | undefined, b: AnswerValue | undefined) =>
	JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The items, in questionnaire order, where two keyings of one form differ (a blank is null). */
export function mismatches(
	instrument: Instrument,
	first: Readonly<Record<string, AnswerValue>>,
	second: Readonly<Record<string, AnswerValue>>
): Mismatch[] {
	return itemsOf(instrument)
		.filter((item) => !same(first[item.code], second[item.code]))
		.map((item) => ({
			item: item.code,
			first: first[item.code] ?? null,
			second: second[item.code] ?? null
		}));
}

/** The share (0–100) of re-keyed items, and of re-keyed forms, that differed. */
export function errorRates(
	keyings: readonly { mismatches: readonly Mismatch[] }[],
	itemsPerForm: number
): { items: number; forms: number } | undefined {
	if (keyings.length === 0 || itemsPerForm === 0) return undefined;
	const wrongItems = keyings.reduce((sum, k) => sum + k.mismatches.length, 0);
	const wrongForms = keyings.filter((k) => k.mismatches.length > 0).length;
	return {
		items: (100 * wrongItems) / (keyings.length * itemsPerForm),
		forms: (100 * wrongForms) / keyings.length
	};
}
