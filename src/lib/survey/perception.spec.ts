import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { increments, RESPONDENTS } from './rollups';
import { breakdownRows, demographicItems, perceptionOf } from './perception';
import { shippedInstruments } from './shipped';
import type { LevelCounts } from './indices';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023' && i.version === 2)!;

/** Counts as the counters hold them, from a list of answer sets. */
function countsOf(answers: Record<string, string | string[]>[]) {
	const items = new Map<string, LevelCounts>();
	let respondents = 0;
	for (const set of answers)
		for (const { item, level, n } of increments(service, set)) {
			if (item === RESPONDENTS) respondents += n;
			else {
				const levels = (items.get(item) ?? {}) as Record<number, number>;
				levels[level] = (levels[level] ?? 0) + n;
				items.set(item, levels);
			}
		}
	return { items, respondents };
}

describe('perception indicators', () => {
	it('reads the shares, trips and channels a hand count gives', () => {
		const perception = perceptionOf(
			service,
			countsOf([
				{
					trouble: 'none',
					money: 'none',
					trips: '1',
					submission: 'direct',
					priorities: ['faster']
				},
				{
					trouble: 'some',
					money: 'none',
					trips: '3',
					submission: 'online_full',
					priorities: ['faster', 'online']
				},
				{ trouble: 'none', money: 'many', trips: '2', submission: 'direct' },
				{ trouble: 'none' }
			])
		);
		expect(perception.respondents).toBe(4);
		expect(perception.notTroubled).toEqual({ n: 4, share: 75 });
		expect(perception.noMoney).toEqual({ n: 3, share: (100 * 2) / 3 });
		expect(perception.trips).toEqual({ n: 3, mean: 2 });
		expect(perception.submission!.map((o) => [o.value, o.n, o.share])).toEqual([
			['direct', 2, (100 * 2) / 3],
			['post', 0, 0],
			['online_full', 1, 100 / 3],
			['online_part', 0, 0]
		]);
		// Several may be named: shares of all respondents, most named first.
		expect(perception.priorities!.slice(0, 2).map((o) => [o.value, o.n, o.share])).toEqual([
			['faster', 2, 50],
			['online', 1, 25]
		]);
	});

	it('has no figure without answers, and none for a questionnaire without the question', () => {
		expect(perceptionOf(service, undefined)).toMatchObject({
			respondents: 0,
			notTroubled: { n: 0, share: null },
			trips: { n: 0, mean: null }
		});
		const quick = shippedInstruments.find((i) => i.code === 'quick-rating')!;
		expect(perceptionOf(quick, countsOf([]))).toMatchObject({ notTroubled: null, trips: null });
	});

	it('keeps every share between 0 and 100 and the trips between 1 and 3', () => {
		const answer = fc.record(
			{
				trouble: fc.constantFrom('none', 'some', 'many'),
				money: fc.constantFrom('none', 'some', 'many'),
				trips: fc.constantFrom('1', '2', '3')
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.array(answer, { maxLength: 40 }), (answers) => {
				const p = perceptionOf(service, countsOf(answers));
				for (const share of [p.notTroubled!.share, p.noMoney!.share])
					if (share !== null) expect(share >= 0 && share <= 100).toBe(true);
				if (p.trips!.mean !== null) expect(p.trips!.mean >= 1 && p.trips!.mean <= 3).toBe(true);
				expect(p.notTroubled!.n).toBe(answers.filter((a) => a.trouble).length);
			})
		);
	});

	it('groups respondents by an answer: every group adds up to the whole, blanks apart', () => {
		const answer = fc.record(
			{
				gender: fc.constantFrom('male', 'female', 'other', 'retired-value'),
				trouble: fc.constantFrom('none', 'some', 'many')
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.array(answer, { maxLength: 40 }), (answers) => {
				const groups = new Map<string | null, ReturnType<typeof countsOf>>();
				for (const value of new Set(answers.map((a) => a.gender ?? null)))
					groups.set(value, countsOf(answers.filter((a) => (a.gender ?? null) === value)));
				const rows = breakdownRows(service, 'gender', groups, (c) => c.respondents);
				// The form's three options always, then one row for blanks and unknown values.
				expect(rows.slice(0, 3).map((r) => r.value)).toEqual(['male', 'female', 'other']);
				const blank = answers.filter((a) => !a.gender || a.gender === 'retired-value');
				expect(rows.length).toBe(blank.length ? 4 : 3);
				if (blank.length) expect(rows[3]).toMatchObject({ value: null, respondents: blank.length });
				expect(rows.reduce((sum, r) => sum + r.respondents, 0)).toBe(answers.length);
				expect(rows.reduce((sum, r) => sum + r.perception.notTroubled!.n, 0)).toBe(
					answers.filter((a) => a.trouble).length
				);
				for (const row of rows) expect(row.index).toBe(row.respondents);
			})
		);
		expect(demographicItems(service).map((i) => i.code)).toEqual([
			'gender',
			'age',
			'ethnicity',
			'education',
			'occupation'
		]);
	});
});
