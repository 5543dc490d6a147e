import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsOf } from './instruments';
import { shippedInstruments } from './shipped/index';
import { errorRates, mismatches, sampled } from './verification';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const batch = (verifyPercent: number, verifySerials: string[] = []) => ({
	id: '0193a1f2-6c4e-7d2a-9b1e-3f5a6c7d8e9f',
	verifyPercent,
	verifySerials
});

describe('double entry', () => {
	it('samples about the asked share, always the same serials, and every chosen serial', () => {
		const serials = Array.from({ length: 5000 }, (_, i) => String(i + 1));
		const drawn = serials.filter((s) => sampled(batch(10), s));
		expect(drawn.length).toBeGreaterThan(400);
		expect(drawn.length).toBeLessThan(600);
		expect(serials.filter((s) => sampled(batch(10), s))).toEqual(drawn);
		expect(serials.some((s) => sampled(batch(0), s))).toBe(false);
		expect(serials.every((s) => sampled(batch(100), s))).toBe(true);
		expect(sampled(batch(0, ['P-7']), 'P-7')).toBe(true);
	});

	it('lists the items where the keyings differ, blanks and NA included, in paper order', () => {
		expect(
			mismatches(service, { A1: 5, B1: 4, E1: 'NA', C1: 3 }, { A1: 5, B1: 3, E1: null, D3: 2 })
		).toEqual([
			{ item: 'B1', first: 4, second: 3 },
			{ item: 'C1', first: 3, second: null },
			{ item: 'D3', first: null, second: 2 },
			{ item: 'E1', first: 'NA', second: null }
		]);
	});

	it('finds no mismatch between a keying and itself, and one per changed item', () => {
		const codes = itemsOf(service)
			.filter((i) => i.scale === 'L5')
			.map((i) => i.code);
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 5 }), {
					minLength: codes.length,
					maxLength: codes.length
				}),
				fc.subarray(codes),
				(levels, changed) => {
					const first = Object.fromEntries(codes.map((c, i) => [c, levels[i]!]));
					const second = { ...first };
					for (const code of changed) second[code] = (first[code]! % 5) + 1;
					expect(mismatches(service, first, first)).toEqual([]);
					expect(
						mismatches(service, first, second)
							.map((m) => m.item)
							.sort()
					).toEqual([...changed].sort());
				}
			)
		);
	});

	it('gives the error rate per item keyed and per form', () => {
		const wrong = { mismatches: [{ item: 'A1', first: 1, second: 2 }] };
		expect(errorRates([wrong, { mismatches: [] }, { mismatches: [] }, wrong], 16)).toEqual({
			items: (100 * 2) / 64,
			forms: 50
		});
		expect(errorRates([], 16)).toBeUndefined();
	});
});
