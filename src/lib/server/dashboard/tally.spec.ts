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
