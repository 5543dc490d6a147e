import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addCounts,
	groupIndex,
	itemIndex,
	roundHalfUp,
	score766,
	slovinTarget,
	unitIndex,
	respondentInterval,
	wilson,
	type IndexStructure,
	type LevelCounts
} from './indices';

/** Counts per level from raw answers (null = blank, 'NA' = not applicable), as rollups store them. */
function tally(answers: readonly (number | null | 'NA')[]): LevelCounts {
	const counts: Record<number, number> = {};
	for (const answer of answers)
		if (typeof answer === 'number') counts[answer] = (counts[answer] ?? 0) + 1;
	return counts;
}

// sipas.md, worked example: unit X, group II.C, five respondents (null = blank).
const C1 = [5, 4, 3, 5, 4];
const C2 = [4, 4, 2, 5, null];
const C3 = [4, 3, 4, 5, 4];

describe('the worked example of sipas.md', () => {
	it('item shares: C1 80.00, C2 75.00 (blank excluded), C3 80.00', () => {
		expect(itemIndex('C1', 'L5', tally(C1))).toMatchObject({ index: 80, n: 5, satisfied: 4 });
		expect(itemIndex('C2', 'L5', tally(C2))).toMatchObject({ index: 75, n: 4, satisfied: 3 });
		expect(itemIndex('C3', 'L5', tally(C3))).toMatchObject({ index: 80, n: 5, satisfied: 4 });
	});

	it('group II.C: mean 78.33, pooled 78.57', () => {
		const items = [C1, C2, C3].map((a, i) => itemIndex(`C${i + 1}`, 'L5', tally(a)));
		const mean = groupIndex('II.C', items, 'mean');
		expect(mean.index).toBeCloseTo(78.3333333333, 9);
		expect(roundHalfUp(mean.index!)).toBe(78.33);
		const pooled = groupIndex('II.C', items, 'pooled');
		expect(pooled.index).toBeCloseTo((100 * 11) / 14, 12);
		expect(roundHalfUp(pooled.index!)).toBe(78.57);
	});

	it('mean-score rule: C1 80.00, C2 68.75, C3 75.00, group 74.58', () => {
		const items = [C1, C2, C3].map((a, i) => itemIndex(`C${i + 1}`, 'L5', tally(a), 'mean-score'));
		expect(items.map((i) => i.index)).toEqual([80, 68.75, 75]);
		expect(roundHalfUp(groupIndex('II.C', items).index!)).toBe(74.58);
	});

	it('service part 81.17 from its five groups; household SIPAS 80.28 with policy 79.40', () => {
		// Groups whose single item has exactly the stated share, so the part is their mean.
		const shares: [string, number][] = [
			['II.A', 85],
			['II.B', 82.5],
			['II.C', 235 / 3],
			['II.D', 90],
			['II.E', 70]
		];
		const policy: [string, number][] = [['I.A', 79.4]];
		const structure: IndexStructure = {
			rules: { item: 'share', group: 'mean' },
			parts: [
				{
					code: 'I',
					groups: policy.map(([code]) => ({ code, items: [{ code: `${code}1`, scale: 'L5' }] }))
				},
				{
					code: 'II',
					groups: shares.map(([code]) => ({ code, items: [{ code: `${code}1`, scale: 'L5' }] }))
				}
			]
		};
		// n = 6000 answers per item makes every share above exact: 85 % = 5100 of 6000, …
		const counts = new Map<string, LevelCounts>(
			[...policy, ...shares].map(([code, share]) => [
				`${code}1`,
				{ 5: (share / 100) * 6000, 1: 6000 - (share / 100) * 6000 }
			])
		);
		const result = unitIndex(structure, counts);
		const service = result.parts.find((p) => p.code === 'II')!;
		expect(roundHalfUp(service.index!)).toBe(81.17);
		expect(service.index).toBeCloseTo(81.1666666667, 9);
		expect(roundHalfUp(result.index!)).toBe(80.28);
	});
});

describe('formulas', () => {
	it('Wilson interval: 4 of 5 → 37.55–96.38 %', () => {
		const [lo, hi] = wilson(4, 5)!;
		expect(roundHalfUp(lo)).toBe(37.55);
		expect(roundHalfUp(hi)).toBe(96.38);
		expect(wilson(0, 0)).toBeNull();
		// A share over 16 items a respondent: each respondent counts once, not 16 times.
		const [low, high] = respondentInterval(9 * 16, 11 * 16, 11)!;
		expect([low, high]).toEqual(wilson((9 / 11) * 11, 11));
		const [low16, high16] = wilson(9 * 16, 11 * 16)!;
		expect(high - low).toBeGreaterThan(3 * (high16 - low16));
		expect(respondentInterval(0, 0, 0)).toBeNull();
		expect(wilson(10, 10)![1]).toBeCloseTo(100, 9);
	});

	it("Slovin: 20 000 dossiers → 393 (sipas.md's n ≈ 392, rounded up to a whole respondent)", () => {
		expect(20000 / (1 + 20000 * 0.0025)).toBeCloseTo(392.16, 2);
		expect(slovinTarget(20000)).toBe(393);
		expect(slovinTarget(0)).toBe(0);
	});

	it('766 score: 6 points at ≥ 90 % satisfied, proportional below, 0 with no rating', () => {
		expect(score766(90, 100)).toBe(6);
		expect(score766(100, 100)).toBe(6);
		expect(score766(45, 100)).toBeCloseTo(3, 12);
		expect(score766(0, 0)).toBe(0);
	});

	it('rounds half up for display, also where binary floating point falls short', () => {
		expect(roundHalfUp(78.335)).toBe(78.34);
		expect(roundHalfUp(1.005)).toBe(1.01);
		expect(roundHalfUp(81.16666)).toBe(81.17);
		expect(roundHalfUp(-2.735)).toBe(-2.74);
		expect(roundHalfUp(0.0000001)).toBe(0);
	});

	it('counts a blank as nothing, never as a 3; L3 satisfied levels are 2 and 3', () => {
		expect(itemIndex('Q', 'L3', { 1: 1, 2: 1, 3: 2 }).index).toBe(75);
		expect(itemIndex('Q', 'L5', {}).index).toBeNull();
		expect(groupIndex('G', [itemIndex('a', 'L5', {}), itemIndex('b', 'L5', { 5: 1 })]).index).toBe(
			100
		);
	});

	it('adds counts of several units for pooled figures', () => {
		const a = new Map<string, LevelCounts>([['A1', { 4: 2, 1: 1 }]]);
		const b = new Map<string, LevelCounts>([
			['A1', { 4: 1 }],
			['A2', { 5: 3 }]
		]);
		expect(addCounts(a, b)).toEqual(
			new Map([
				['A1', { 4: 3, 1: 1 }],
				['A2', { 5: 3 }]
			])
		);
	});
});

describe('properties', () => {
	const answer = fc.oneof(fc.constantFrom<null | 'NA'>(null, 'NA'), fc.integer({ min: 1, max: 5 }));
	const answers = fc.array(answer, { maxLength: 60 });
	const rule = fc.constantFrom('share' as const, 'mean-score' as const);

	it('adds counts level by level, leaving what it adds unchanged', () => {
		const levels = fc.dictionary(
			fc.integer({ min: 0, max: 7 }).map(String),
			fc.integer({ min: -3, max: 50 })
		);
		const counts = fc
			.dictionary(fc.constantFrom('A1', 'A2', 'E1'), levels)
			.map((items) => new Map(Object.entries(items).map(([item, l]) => [item, { ...l }])));
		fc.assert(
			fc.property(fc.array(counts, { maxLength: 5 }), (sets) => {
				const before = structuredClone(sets);
				const expected = new Map<string, Record<number, number>>();
				for (const set of sets)
					for (const [item, levelCounts] of set) {
						const into = expected.get(item) ?? {};
						for (const [level, n] of Object.entries(levelCounts))
							into[+level] = (into[+level] ?? 0) + n;
						expected.set(item, into);
					}
				expect(addCounts(...sets)).toEqual(expected);
				expect(sets).toEqual(before);
			})
		);
	});

	it('every index lies within 0–100', () => {
		fc.assert(
			fc.property(
				fc.array(answers, { minLength: 1, maxLength: 6 }),
				rule,
				fc.constantFrom('mean' as const, 'pooled' as const),
				(items, itemRule, groupRule) => {
					const results = items.map((a, i) => itemIndex(`I${i}`, 'L5', tally(a), itemRule));
					const group = groupIndex('G', results, groupRule);
					for (const value of [...results.map((r) => r.index), group.index]) {
						if (value !== null) expect(value >= 0 && value <= 100).toBe(true);
					}
					for (const r of results)
						if (r.ci) expect(r.ci[0] >= 0 && r.ci[0] <= r.ci[1] && r.ci[1] <= 100).toBe(true);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('permuting respondents changes nothing', () => {
		const listAndPermutation = answers.chain((list) =>
			fc.tuple(
				fc.constant(list),
				fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
			)
		);
		fc.assert(
			fc.property(listAndPermutation, rule, ([list, permutation], itemRule) => {
				expect(itemIndex('I', 'L5', tally(permutation), itemRule)).toEqual(
					itemIndex('I', 'L5', tally(list), itemRule)
				);
			}),
			{ numRuns: 300 }
		);
	});

	it("blanks and NA never change a share's numerator or its value", () => {
		fc.assert(
			fc.property(answers, fc.nat({ max: 20 }), fc.nat({ max: 20 }), (list, blanks, nas) => {
				const padded = [...list, ...Array(blanks).fill(null), ...Array(nas).fill('NA')];
				const before = itemIndex('I', 'L5', tally(list));
				const after = itemIndex('I', 'L5', tally(padded));
				expect(after.satisfied).toBe(before.satisfied);
				expect(after.index).toBe(before.index);
			}),
			{ numRuns: 300 }
		);
	});

	it('one more satisfied answer never lowers an item share', () => {
		fc.assert(
			fc.property(answers, fc.constantFrom(4, 5), (list, extra) => {
				const before = itemIndex('I', 'L5', tally(list)).index ?? 0;
				const after = itemIndex('I', 'L5', tally([...list, extra])).index!;
				expect(after).toBeGreaterThanOrEqual(before);
			}),
			{ numRuns: 300 }
		);
	});

	it('the mean-score rule equals a hand computation', () => {
		fc.assert(
			fc.property(answers, (list) => {
				const valid = list.filter((a): a is number => typeof a === 'number');
				const result = itemIndex('I', 'L5', tally(list), 'mean-score');
				if (valid.length === 0) {
					expect(result.index).toBeNull();
				} else {
					let total = 0;
					for (const v of valid) total += v;
					expect(result.index).toBeCloseTo((100 * (total / valid.length - 1)) / 4, 9);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('pooled equals the mean rule when every item has the same number of answers', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 7, maxLength: 7 }), {
					minLength: 1,
					maxLength: 5
				}),
				(items) => {
					const results = items.map((a, i) => itemIndex(`I${i}`, 'L5', tally(a)));
					expect(groupIndex('G', results, 'pooled').index).toBeCloseTo(
						groupIndex('G', results, 'mean').index!,
						9
					);
				}
			)
		);
	});
});
