import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarySentences } from '$lib/i18n/summary';
import { rank } from './indices';
import { summaryFacts, type SummaryInput } from './summary';

/** Four departments, hand-computed: see the expectations below for the arithmetic. */
const block: SummaryInput = {
	units: [
		{ name: 'Sở A', index: 94.25, previousIndex: 90, rank: 1, previousRank: 2 },
		{ name: 'Sở B', index: 88.5, previousIndex: 91.125, rank: 2, previousRank: 1 },
		{ name: 'Sở C', index: 85, previousIndex: 80, rank: 3, previousRank: 4 },
		{ name: 'Sở D', index: 63.96, previousIndex: 83, rank: 4, previousRank: 3 },
		{
			name: 'Sở E (chưa có phiếu)',
			index: null,
			previousIndex: null,
			rank: null,
			previousRank: null
		}
	],
	// (94.25 + 88.5 + 85 + 63.96) / 4 and (90 + 91.125 + 80 + 83) / 4
	average: 82.9275,
	previousAverage: 86.03125,
	elements: [
		{ code: 'II.A', title: 'Tiếp cận dịch vụ', index: 86.5, previousIndex: 85 },
		{ code: 'II.C', title: 'Công chức', index: 80, previousIndex: 80 },
		{ code: 'II.E', title: 'Tiếp nhận, xử lý góp ý', index: 70, previousIndex: 72 }
	]
};
const labels = (block: string, period: string, compare: string) => ({ block, period, compare });

describe('generated summary', () => {
	it('draws the facts: average and change, risers, leaders, gap, thresholds, elements', () => {
		const facts = summaryFacts(block);
		expect(facts).toMatchObject({
			withData: 4,
			comparable: 4,
			improved: 2,
			mostImproved: { name: 'Sở C', points: 5, from: 4, to: 3 },
			biggestClimb: { name: 'Sở A', points: 4.25, from: 2, to: 1 },
			bottom: { name: 'Sở D', index: 63.96 },
			above90: 1,
			above95: 0,
			rose: [{ title: 'Tiếp cận dịch vụ', points: 1.5 }],
			fell: [{ title: 'Tiếp nhận, xử lý góp ý', points: -2 }]
		});
		expect(facts.averageChange).toBeCloseTo(-3.10375, 10);
		expect(facts.gap).toBeCloseTo(30.29, 10);
		expect(facts.previousGap).toBe(11.125);
		expect(facts.top.map((u) => u.name)).toEqual(['Sở A', 'Sở B', 'Sở C']);
	});

	it('writes the Vietnamese paragraph in the published style', () => {
		const text = summarySentences(
			'vi',
			summaryFacts(block),
			labels('khối sở, ban, ngành', 'năm 2025', 'năm 2024')
		);
		expect(text).toEqual([
			'Chỉ số trung bình khối sở, ban, ngành năm 2025 đạt 82,93 %, giảm 3,10 điểm so với năm 2024; 2/4 đơn vị tăng.',
			'Sở A đạt 94,25 %, cao nhất khối sở, ban, ngành; thấp nhất là Sở D với 63,96 %; khoảng cách 30,29 điểm (năm 2024: 11,13 điểm).',
			'Dẫn đầu: Sở A (94,25 %), Sở B (88,50 %), Sở C (85,00 %).',
			'Sở C tăng nhiều nhất, 5,00 điểm; tăng 1 bậc, từ vị trí 4 lên vị trí 3.',
			'Sở A tăng 1 bậc, từ vị trí 2 lên vị trí 1.',
			'25 % đơn vị đạt trên 90 %; 0 đơn vị đạt trên 95 %.',
			'So với năm 2024, các yếu tố tăng: Tiếp cận dịch vụ (1,50 điểm); các yếu tố giảm: Tiếp nhận, xử lý góp ý (2,00 điểm).'
		]);
	});

	it('writes the same in English', () => {
		const text = summarySentences(
			'en',
			summaryFacts(block),
			labels('department block', '2025', '2024')
		);
		expect(text[0]).toBe(
			'The department block average for 2025 is 82.93%, down 3.10 points on 2024; 2 of 4 units rose.'
		);
		expect(text[5]).toBe('25% of units score above 90%; 0 above 95%.');
	});

	it('says so when the block has no data, and leaves out what it cannot compare', () => {
		const none = summaryFacts({ units: [], average: null, previousAverage: null, elements: [] });
		expect(summarySentences('vi', none, labels('khối xã, phường', 'tháng 7/2026', ''))).toEqual([
			'Chưa có dữ liệu của khối xã, phường tháng 7/2026.'
		]);
		const fresh = summaryFacts({
			units: [{ name: 'Xã X', index: 96, previousIndex: null, rank: 1, previousRank: null }],
			average: 96,
			previousAverage: null,
			elements: []
		});
		expect(
			summarySentences('vi', fresh, labels('khối xã, phường', 'năm 2026', 'năm 2025'))
		).toEqual([
			'Chỉ số trung bình khối xã, phường năm 2026 đạt 96,00 %.',
			'Xã X đạt 96,00 %.',
			'100 % đơn vị đạt trên 90 %; 1 đơn vị đạt trên 95 %.'
		]);
	});

	it('keeps its counts consistent for any block', () => {
		const value = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
		fc.assert(
			fc.property(fc.array(fc.record({ now: value, before: value }), { maxLength: 30 }), (list) => {
				const now = rank(list.map((u, i) => ({ key: i, value: u.now })));
				const before = rank(list.map((u, i) => ({ key: i, value: u.before })));
				const facts = summaryFacts({
					units: list.map((u, i) => ({
						name: `U${i}`,
						index: u.now,
						previousIndex: u.before,
						rank: now[i]!.rank,
						previousRank: before[i]!.rank
					})),
					average: null,
					previousAverage: null,
					elements: []
				});
				expect(facts.improved).toBeLessThanOrEqual(facts.comparable);
				expect(facts.comparable).toBeLessThanOrEqual(facts.withData);
				expect(facts.above95).toBeLessThanOrEqual(facts.above90);
				expect(facts.above90).toBeLessThanOrEqual(facts.withData);
				expect(facts.gap ?? 0).toBeGreaterThanOrEqual(0);
				const tops = facts.top.map((u) => u.index);
				expect(tops).toEqual(tops.toSorted((a, b) => b - a));
				if (facts.mostImproved) expect(facts.mostImproved.points).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});
});
