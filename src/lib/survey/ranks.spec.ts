import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rank, rankChange, reformPoints, roundHalfUp } from './indices';

/** Ranks as announcements publish them, and the reform-index points that follow from them. */
describe('ranks and points', () => {
	it('ranks share places and leave gaps: 1, 2, 2, 4; no data is unranked', () => {
		const ranked = rank([
			{ key: 'a', value: 94.25 },
			{ key: 'b', value: 90 },
			{ key: 'c', value: 90 },
			{ key: 'd', value: 63.96 },
			{ key: 'e', value: null }
		]);
		expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4, null]);
		expect(rankChange(13, 3)).toBe(10);
		expect(rankChange(null, 3)).toBeNull();
	});

	it('ranks on published values: 90.031 and 90.029 both show 90,03 and share second place', () => {
		const ranked = rank([
			{ key: 'leader', value: 95.5 },
			{ key: 'Hồng Bàng', value: 90.031 },
			{ key: 'Ngô Quyền', value: 90.029 },
			{ key: 'next', value: 90.024999 }
		]);
		expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
		expect(ranked[1]!.value).toBe(90.031);
		// An instrument may rank at another precision: whole points, or every digit there is.
		expect(rank(ranked, 0).map((r) => r.rank)).toEqual([1, 2, 2, 2]);
		expect(rank(ranked, 6).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
	});

	it('converts SIPAS to reform-index points, linearly, from the published value', () => {
		expect(reformPoints(100)).toBe(30);
		expect(reformPoints(90.031)).toBeCloseTo(27.009, 12); // 30 × 90,03 %
		expect(reformPoints(84.6449, 20)).toBeCloseTo(16.928, 12); // 20 × 84,64 %
		expect(reformPoints(null)).toBeNull();
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 100, noNaN: true }),
				fc.double({ min: 0, max: 100, noNaN: true }),
				fc.integer({ min: 1, max: 100 }),
				(a, b, max) => {
					const [pa, pb] = [reformPoints(a, max)!, reformPoints(b, max)!];
					expect(pa).toBeGreaterThanOrEqual(0);
					expect(pa).toBeLessThanOrEqual(max);
					// Units that share a rank get the same points, and a better rank never fewer.
					if (
						rank([
							{ key: 0, value: a },
							{ key: 1, value: b }
						])[0]!.rank === 1
					)
						expect(pa).toBeGreaterThanOrEqual(pb);
				}
			)
		);
	});

	it('gives equal ranks exactly to values equal once rounded', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
				fc.integer({ min: 0, max: 4 }),
				(values, precision) => {
					const ranked = rank(
						values.map((value, key) => ({ key, value })),
						precision
					);
					for (const a of ranked)
						for (const b of ranked) {
							const same = roundHalfUp(a.value!, precision) === roundHalfUp(b.value!, precision);
							expect(a.rank === b.rank).toBe(same);
						}
				}
			)
		);
	});
});
