import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standingText, summarySentences, viewLabels } from '$lib/i18n/summary';
import { aView } from './testing';
import { rank } from './indices';
import { summaryFacts, type SummaryInput } from './summary';

/** Four departments, hand-computed: see the expectations below for the arithmetic. */
const block: SummaryInput = {
	units: [
		{ name: 'Sở A', index: 94.25, previousIndex: 90, rank: 1, previousRank: 2, n: 1200 },
		{ name: 'Sở B', index: 88.5, previousIndex: 91.125, rank: 2, previousRank: 1, n: 800 },
		{ name: 'Sở C', index: 85, previousIndex: 80, rank: 3, previousRank: 4, n: 1000 },
		{ name: 'Sở D', index: 63.96, previousIndex: 83, rank: 4, previousRank: 3, n: 345 },
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
			respondents: 3345,
			above90: 1,
			above95: 0,
			above95Names: [],
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
			'Chỉ số SIPAS trung bình của khối sở, ban, ngành năm 2025 đạt 82,93 %, giảm 3,10 điểm so với năm 2024; 2/4 đơn vị tăng.',
			'Số phiếu khảo sát được tính: 3.345.',
			'Sở A đạt 94,25 %, cao nhất khối sở, ban, ngành; thấp nhất là Sở D với 63,96 %; khoảng cách 30,29 điểm (năm 2024: 11,13 điểm).',
			'Dẫn đầu: Sở A (94,25 %), Sở B (88,50 %), Sở C (85,00 %).',
			'Sở C tăng nhiều nhất, 5,00 điểm; tăng 1 bậc, từ vị trí 4 lên vị trí 3.',
			'Sở A tăng 1 bậc, từ vị trí 2 lên vị trí 1.',
			'1/4 đơn vị (25 %) đạt trên 90 %; không có đơn vị nào đạt trên 95 %.',
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
			'The average SIPAS index of the department block for 2025 is 82.93%, down 3.10 points on 2024; 2 of 4 units rose.'
		);
		expect(text[1]).toBe('Respondents counted: 3,345.');
		expect(text[6]).toBe('1 of 4 units (25%) score above 90%; none above 95%.');
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
			'Chỉ số SIPAS trung bình của khối xã, phường năm 2026 đạt 96,00 %.',
			'Xã X đạt 96,00 %.',
			'1/1 đơn vị (100 %) đạt trên 90 %; 1 đơn vị đạt trên 95 %: Xã X.'
		]);
	});

	it('says how many times in a row the leader has led, in either language', () => {
		const led = (leaderStreak: number, locale: 'vi' | 'en') =>
			summarySentences(
				locale,
				summaryFacts({ ...block, leaderStreak }),
				labels('khối sở, ban, ngành', 'năm 2025', 'năm 2024')
			);
		expect(led(3, 'vi')).toContain('Sở A dẫn đầu lần thứ 3 liên tiếp.');
		expect(led(3, 'en')).toContain('Sở A leads for the 3rd time in a row.');
		expect(led(11, 'en')).toContain('Sở A leads for the 11th time in a row.');
		expect(led(22, 'en')).toContain('Sở A leads for the 22nd time in a row.');
		expect(led(1, 'vi').join(' ')).not.toContain('liên tiếp');
		expect(summaryFacts({ ...block, units: [] }).leaderStreak).toBe(0);
	});

	it('says "không có đơn vị nào" rather than 0, and names the units above 95 %', () => {
		const units = [
			{ name: 'Phường Hồng Bàng', index: 97.5, previousIndex: 98, rank: 2, previousRank: 1 },
			{ name: 'Phường Ngô Quyền', index: 98.1, previousIndex: 99, rank: 1, previousRank: 2 },
			{ name: 'Xã An Lư', index: 80, previousIndex: 85, rank: 3, previousRank: 3 }
		];
		const text = summarySentences(
			'vi',
			summaryFacts({ units, average: 91.87, previousAverage: 94, elements: [] }),
			labels('khối xã, phường, đặc khu', 'năm 2026', 'năm 2025')
		);
		expect(text[0]).toContain('; không có đơn vị nào tăng.');
		expect(text.at(-1)).toBe(
			'2/3 đơn vị (66,67 %) đạt trên 90 %; 2 đơn vị đạt trên 95 %: Phường Ngô Quyền, Phường Hồng Bàng.'
		);
		const low = summaryFacts({
			units: [{ name: 'Xã B', index: 70, previousIndex: null, rank: 1, previousRank: null }],
			average: 70,
			previousAverage: null,
			elements: []
		});
		expect(summarySentences('vi', low, labels('khối xã', 'năm 2026', '')).at(-1)).toBe(
			'Không có đơn vị nào đạt trên 90 %; không có đơn vị nào đạt trên 95 %.'
		);
	});

	it('names a year still running and compares it with the same stretch of the year before', () => {
		const view = (search: string) => aView(search, '2026-12-01');
		expect(viewLabels('vi', view('period=2026'))).toEqual({
			period: 'năm 2026 (đến ngày 01/12)',
			compare: 'cùng kỳ năm 2025'
		});
		expect(viewLabels('en', view('period=2026')).period).toBe('2026 (to 01/12)');
		expect(viewLabels('vi', view('period=2025'))).toEqual({
			period: 'năm 2025',
			compare: 'năm 2024'
		});
		expect(viewLabels('vi', view('period=2026-Q3')).compare).toBe('cùng kỳ năm 2025');
		expect(viewLabels('vi', view('period=2026-Q3&compare=2026-Q2')).compare).toBe('quý II/2026');
		expect(viewLabels('vi', view('period=2026&compare=none')).compare).toBe('');
	});

	it('says where a unit stands among its peers without naming the leader', () => {
		const at = (rank: number, behind: number) => ({
			kind: 'department' as const,
			rank,
			of: 22,
			behind
		});
		expect(standingText('vi', 'Sở Y tế', at(5, 3.2))).toBe(
			'Sở Y tế xếp thứ 5/22 khối sở, ban, ngành, kém đơn vị dẫn đầu 3,20 điểm.'
		);
		expect(standingText('vi', 'Sở Y tế', at(1, 0))).toBe(
			'Sở Y tế dẫn đầu khối sở, ban, ngành (22 đơn vị).'
		);
		expect(standingText('en', 'Health', at(5, 3.2))).toBe(
			'Health ranks 5 of 22 in the department block, 3.20 points behind the leader.'
		);
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
