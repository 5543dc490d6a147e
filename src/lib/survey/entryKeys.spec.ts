import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsOf } from './instruments';
import { shippedInstruments } from './shipped/index';
import { keyOnItem, nextSerial, plainLetter } from './entryKeys';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const item = (code: string) => itemsOf(service).find((i) => i.code === code)!;

describe('entry keys', () => {
	it('sets a level and moves on; 0 and space blank; n only where NA is allowed', () => {
		expect(keyOnItem(item('A1'), '4', undefined)).toEqual({ move: 'next', value: 4 });
		expect(keyOnItem(item('A1'), '0', 4)).toEqual({ move: 'next', value: null });
		expect(keyOnItem(item('A1'), ' ', 4)).toEqual({ move: 'next', value: null });
		expect(keyOnItem(item('A1'), '6', undefined)).toEqual({ move: 'stay', refused: true });
		expect(keyOnItem(item('A1'), 'n', undefined)).toEqual({ move: 'stay', refused: true });
		expect(keyOnItem(item('E1'), 'n', undefined)).toEqual({ move: 'next', value: 'NA' });
	});

	it('saves on Enter, goes back on Backspace and leaves Tab to the browser', () => {
		expect(keyOnItem(item('B2'), 'Enter', 3)).toEqual({ move: 'save' });
		expect(keyOnItem(item('B2'), 'Backspace', 3)).toEqual({ move: 'back' });
		expect(keyOnItem(item('B2'), 'Tab', 3)).toBeUndefined();
	});

	it('picks a choice by number or by first letter, cycling when letters repeat', () => {
		const gender = item('gender');
		const labels = ['Nam', 'Nữ', 'Khác'];
		expect(keyOnItem(gender, '2', undefined, labels)).toEqual({ move: 'next', value: 'female' });
		expect(keyOnItem(gender, 'k', undefined, labels)).toEqual({ move: 'next', value: 'other' });
		expect(keyOnItem(gender, 'n', undefined, labels)).toEqual({ move: 'stay', value: 'male' });
		expect(keyOnItem(gender, 'n', 'male', labels)).toEqual({ move: 'stay', value: 'female' });
		expect(keyOnItem(gender, 'z', undefined, labels)).toEqual({ move: 'stay', refused: true });
	});

	it('toggles several choices in questionnaire order and stays until space', () => {
		const priorities = item('priorities');
		const one = keyOnItem(priorities, '3', undefined)!;
		const two = keyOnItem(priorities, '1', one.value)!;
		expect(two).toEqual({ move: 'stay', value: ['online', 'faster'] });
		expect(keyOnItem(priorities, '1', two.value)).toEqual({ move: 'stay', value: ['faster'] });
		expect(keyOnItem(priorities, ' ', two.value)).toEqual({ move: 'next' });
	});

	it('reads Vietnamese first letters without their marks', () => {
		expect(plainLetter('Đại học')).toBe('d');
		expect(plainLetter('Ổn định')).toBe('o');
	});

	it('numbers the next form of a stack, keeping the padding', () => {
		expect(nextSerial('12')).toBe('13');
		expect(nextSerial('P-0099')).toBe('P-0100');
		expect(nextSerial('A12b')).toBe('A13b');
		expect(nextSerial('abc')).toBeUndefined();
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (n) => {
				expect(nextSerial(`S-${n}`)).toBe(`S-${n + 1n}`);
			})
		);
	});
});
