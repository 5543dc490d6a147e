import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONDENTS } from '$lib/survey/rollups';
import { Tally } from './counts';

describe('Tally', () => {
	it('adds counts per key, item and level, and keeps only the items asked for', () => {
		const tally = new Tally(new Set(['A1']));
		tally.add('U1', RESPONDENTS, 0, 2);
		tally.add('U1', 'A1', 5, 1);
		tally.add('U1', 'A1', 5, 1);
		tally.add('U1', 'B1', 4, 1);
		expect(tally.by).toEqual(
			new Map([['U1', { respondents: 2, items: new Map([['A1', { 5: 2 }]]) }]])
		);
	});

	it("adds a counter row's levels as their counts one by one, leaving out the zeros", () => {
		const key = fc.constantFrom('U1', 'U2');
		const item = fc.constantFrom(RESPONDENTS, 'A1', 'B1');
		const counts = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 8, maxLength: 8 });
		const row = fc.tuple(key, item, fc.constantFrom(0, 8), counts);
		fc.assert(
			fc.property(fc.array(row), (rows) => {
				const together = new Tally(new Set(['A1']));
				const alone = new Tally(new Set(['A1']));
				for (const [k, i, first, ns] of rows) {
					// A respondent is counted at level 0, alone in its row.
					const levels = i === RESPONDENTS ? [ns[0]!, 0, 0, 0, 0, 0, 0, 0] : ns;
					together.addLevels(k, i, first, levels);
					levels.forEach((n, place) => n !== 0 && alone.add(k, i, first + place, n));
				}
				expect(together.by).toEqual(alone.by);
			})
		);
	});

	it('settles to what a read summed in SQL gives: no level, item or key that adds up to 0', () => {
		const tally = new Tally();
		// A year, less its December.
		for (const [key, item, level, n] of [
			['U1', RESPONDENTS, 0, 3],
			['U1', 'A1', 5, 2],
			['U1', 'A1', 4, 1],
			['U1', 'B1', 3, 1],
			['U2', RESPONDENTS, 0, 1],
			['U2', 'A1', 5, 1],
			['U1', RESPONDENTS, 0, -1],
			['U1', 'A1', 4, -1],
			['U1', 'B1', 3, -1],
			['U2', RESPONDENTS, 0, -1],
			['U2', 'A1', 5, -1]
		] as const)
			tally.add(key, item, level, n);
		expect(tally.settled()).toEqual(
			new Map([['U1', { respondents: 2, items: new Map([['A1', { 5: 2 }]]) }]])
		);
	});
});
