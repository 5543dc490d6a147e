import type { Item } from './instruments';
import type { AnswerValue } from './responses';
import { unaccented } from './text';

/**
 * The keyboard of paper-form entry: one key per answer, and the cursor moves on by itself.
 *
 * | item            | keys                                                                   |
 * | --------------- | ---------------------------------------------------------------------- |
 * | L5 / L4 / L3    | `1`–`5` the level · `0` or space blank · `n` not applicable (if allowed) |
 * | choice          | `1`–`9` the n-th option · first letter of an option (again: the next) |
 * | multi           | `1`–`9` toggles an option (stays) · `0` clears · space moves on        |
 * | yes/no          | `1` `c` `y` yes · `2` `k` no · `0` or space blank                      |
 * | every item      | Enter saves the form · Backspace goes back · ↓ → next · ↑ ← back      |
 *
 * Pure: the entry screen and the tests share it.
 */

export type Move = 'next' | 'back' | 'save' | 'stay';

export interface KeyOutcome {
	move: Move;
	/** The new answer (`null` = blank), when the key set one. */
	value?: AnswerValue;
	/** A key that means something elsewhere but not here (e.g. `n` on an item without NA). */
	refused?: true;
}

const MOVES: Record<string, Move> = {
	Enter: 'save',
	Backspace: 'back',
	ArrowDown: 'next',
	ArrowRight: 'next',
	ArrowUp: 'back',
	ArrowLeft: 'back'
};

/** Lower case without Vietnamese marks, so `Đ` matches `d` and `Ô` matches `o`. */
export function plainLetter(text: string): string {
	return unaccented(text).charAt(0);
}

function levels(item: Item): number | undefined {
	return item.scale === 'L5' || item.scale === 'L4' || item.scale === 'L3'
		? Number(item.scale.slice(1))
		: undefined;
}

/**
 * What a key does on an item. `labels` are the option labels in the language shown (for
 * first-letter choice). Returns undefined for keys the browser should handle (Tab, …).
 */
export function keyOnItem(
	item: Item,
	key: string,
	current: AnswerValue | undefined,
	labels: readonly string[] = []
): KeyOutcome | undefined {
	if (key in MOVES) return { move: MOVES[key]! };
	if (key.length !== 1) return undefined;
	const digit = /^[0-9]$/.test(key) ? Number(key) : undefined;
	const top = levels(item);
	if (top !== undefined) {
		if (digit !== undefined && digit >= 1 && digit <= top) return { move: 'next', value: digit };
		if (key === '0' || key === ' ') return { move: 'next', value: null };
		if (key === 'n' || key === 'N')
			return item.allowNA ? { move: 'next', value: 'NA' } : { move: 'stay', refused: true };
		return { move: 'stay', refused: true };
	}
	const options = item.options ?? [];
	switch (item.scale) {
		case 'yesno': {
			const k = key.toLowerCase();
			if (k === '1' || k === 'c' || k === 'y') return { move: 'next', value: true };
			if (k === '2' || k === 'k' || k === 'n') return { move: 'next', value: false };
			if (k === '0' || k === ' ') return { move: 'next', value: null };
			return { move: 'stay', refused: true };
		}
		case 'choice': {
			if (digit !== undefined && digit >= 1 && digit <= options.length)
				return { move: 'next', value: options[digit - 1]!.value };
			if (key === '0' || key === ' ') return { move: 'next', value: null };
			const letter = plainLetter(key);
			const matches = options.filter((_, i) => plainLetter(labels[i] ?? '') === letter);
			if (matches.length === 0) return { move: 'stay', refused: true };
			if (matches.length === 1) return { move: 'next', value: matches[0]!.value };
			const at = matches.findIndex((o) => o.value === current);
			return { move: 'stay', value: matches[(at + 1) % matches.length]!.value };
		}
		case 'multi': {
			const chosen = Array.isArray(current) ? current : [];
			if (digit !== undefined && digit >= 1 && digit <= options.length) {
				const value = options[digit - 1]!.value;
				const next = chosen.includes(value)
					? chosen.filter((v) => v !== value)
					: options.map((o) => o.value).filter((v) => v === value || chosen.includes(v));
				return { move: 'stay', value: next.length ? next : null };
			}
			if (key === '0') return { move: 'next', value: null };
			if (key === ' ') return { move: 'next' };
			return { move: 'stay', refused: true };
		}
		default:
			return undefined;
	}
}

/**
 * The serial after `serial` in a stack of numbered forms: the last run of digits plus one,
 * zero padding kept (`P-0099` → `P-0100`, `12` → `13`); undefined without digits.
 */
export function nextSerial(serial: string): string | undefined {
	const match = /^(.*?)(\d+)(\D*)$/.exec(serial);
	if (!match) return undefined;
	const [, head, digits, tail] = match;
	const next = String(BigInt(digits!) + 1n).padStart(digits!.length, '0');
	return `${head}${next}${tail}`;
}
