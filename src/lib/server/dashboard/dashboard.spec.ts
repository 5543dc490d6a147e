import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockLabel, periodLabel, summarySentences } from '$lib/i18n/summary';
import { shippedInstruments } from '$lib/survey/shipped';
import { unaccented } from '$lib/survey/text';
import { testEngines } from '../db/testing';
import * as comments from './comments.repository';
import * as units from '../units/units.repository';
import type * as users from '../people/users.repository';
import { ingest } from '../responses/ingest';
import { readWorkbook } from '../interchange/xlsx';
import { respondentsAt, staffUsers } from '../factories';
import { aView, seedUnits, useTestDatabase } from '../testing';
import { quickView } from './quick';
import { loadDashboard } from './service';
import { dashboardWorkbook } from './workbook';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

/** A respondent who gives every indexed item the same level. */
const respondent = (unit: string, day: string, level: number) =>
	respondentsAt(unit, day, [level])[0]!;

describe.each(testEngines())('dashboard [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let admin: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		const [clerk] = await staffUsers(t.db, [['clerk', 'DEMO.S01']]);
		admin = { ...clerk!, role: 'admin', unitCode: null };
		// 2023: S01 75 (3 of 4 satisfied), S02 100, S03 50. 2024: S01 80, S02 75, S03 100.
		const results = await ingest(
			t.db,
			[
				...respondentsAt('DEMO.S01', '2023-05-10', [5, 5, 5, 2]),
				...respondentsAt('DEMO.S02', '2023-06-10', [5, 5]),
				...respondentsAt('DEMO.S03', '2023-07-10', [4, 4, 1, 1]),
				...respondentsAt('DEMO.S01', '2024-05-10', [4, 4, 4, 4, 3]),
				...respondentsAt('DEMO.S02', '2024-06-10', [5, 5, 5, 3]),
				...respondentsAt('DEMO.S03', '2024-07-10', [5, 5])
			],
			{ user: admin },
			{ history: true }
		);
		expect(results.every((r) => r.status === 'created')).toBe(true);
	});

	it('ranks the block as computed by hand, with places gained and lost', async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const data = await loadDashboard(t.db, aView('period=2024&compare=2023'), unit, service, 'vi');
		expect(data.blocks).toEqual(['department', 'commune', 'district']);
		const rows = data.block!.ranking.rows.filter((r) => r.index !== null);
		expect(
			rows.map((r) => [r.unit.code, r.rank, r.index, r.n, r.previousRank, r.rankChange, r.change])
		).toEqual([
			['DEMO.S03', 1, 100, 2, 3, 2, 50],
			['DEMO.S01', 2, 80, 5, 2, 0, 5],
			['DEMO.S02', 3, 75, 4, 1, -2, -25]
		]);
		// Each index as reform-index points, 30 at 100 % (the default maximum).
		expect(data.block!.ranking.pointsMax).toBe(30);
		expect(rows.map((r) => r.points)).toEqual([30, 24, 22.5]);
		expect(rows.every((r) => r.small)).toBe(true);
		expect(data.block!.ranking.average).toMatchObject({ mean: 85, previousMean: 75, change: 10 });
		// The province: 9 of 11 respondents satisfied with everything, against 7 of 10.
		expect(data.headline).toMatchObject({ n: 11, previousIndex: 70 });
		expect(data.headline.index).toBeCloseTo(900 / 11, 10);
		expect(data.headline.share).toMatchObject({ satisfied: 9 * 16, n: 11 * 16 });
		expect(data.elements.map((e) => e.code)).toEqual(['II.A', 'II.B', 'II.C', 'II.D', 'II.E']);
		expect(data.items.find((i) => i.code === 'A1')).toMatchObject({
			levels: [0, 0, 2, 4, 5],
			na: 0,
			n: 11
		});
		expect(data.trend.map((p) => [p.label, p.n])).toContainEqual(['2024-05', 5]);
		expect(data.block!.heatmap[0]).toMatchObject({ code: 'DEMO.S03', index: 100 });
	});

	it("states each block's own element changes and ranks its units on every element", async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const view = (block: string) => aView(`period=2024&compare=2023&block=${block}`);
		const departments = await loadDashboard(t.db, view('department'), unit, service, 'vi');
		// Every item alike per respondent: each element's block mean is the SIPAS mean, 85 vs 75.
		expect(departments.block!.elements).toHaveLength(5);
		for (const element of departments.block!.elements!)
			expect(element).toMatchObject({ mean: 85, previousMean: 75, change: 10 });
		expect(departments.summary!.rose.map((e) => e.points)).toEqual([10, 10, 10, 10, 10]);
		const [first] = departments.block!.heatmap;
		expect(first).toMatchObject({ code: 'DEMO.S03', groups: [100, 100, 100, 100, 100] });
		expect(first!.groupRanks).toEqual([1, 1, 1, 1, 1]);
		// The communes had no answer: no element moved for them, whatever the province did.
		const communes = await loadDashboard(t.db, view('commune'), unit, service, 'vi');
		expect(communes.block!.elements!.every((e) => e.mean === null)).toBe(true);
		expect(communes.summary!.rose).toEqual([]);
		// (The province's pooled elements rose: before, every block's sentence said so.)
		expect(communes.elements.every((e) => e.change !== null && e.change > 0)).toBe(true);
	});
	it('writes the summary for the fixed dataset word for word', async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const query = aView('period=2024&compare=2023');
		const data = await loadDashboard(t.db, query, unit, service, 'vi');
		const text = summarySentences('vi', data.summary!, {
			block: blockLabel('vi', 'department'),
			period: periodLabel('vi', query.period),
			compare: periodLabel('vi', query.compare!)
		});
		// The block's own elements: the mean of its units' (85 against 75), not the province's
		// pooled answers (which rose 11,82 points).
		const rose = [
			'Tiếp cận dịch vụ',
			'Thủ tục hành chính',
			'Công chức trực tiếp giải quyết công việc',
			'Kết quả giải quyết công việc',
			'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị'
		]
			.map((title) => `${title} (10,00 điểm)`)
			.join(', ');
		expect(text).toEqual([
			'Chỉ số SIPAS trung bình của khối sở, ban, ngành năm 2024 đạt 85,00 %, tăng 10,00 điểm so với năm 2023; 2/3 đơn vị tăng.',
			'Số phiếu khảo sát được tính: 11.',
			'Sở Tư pháp đạt 100,00 %, cao nhất khối sở, ban, ngành; thấp nhất là Sở Nội vụ với 75,00 %; khoảng cách 25,00 điểm (năm 2023: 50,00 điểm).',
			'Dẫn đầu: Sở Tư pháp (100,00 %), Văn phòng UBND tỉnh (80,00 %), Sở Nội vụ (75,00 %).',
			'Sở Tư pháp tăng nhiều nhất, 50,00 điểm; tăng 2 bậc, từ vị trí 3 lên vị trí 1.',
			'1/3 đơn vị (33,33 %) đạt trên 90 %; 1 đơn vị đạt trên 95 %: Sở Tư pháp.',
			`So với năm 2023, các yếu tố tăng: ${rose}.`
		]);
	});

	it('exports the tables as a workbook whose first sheet is the ranking', async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const data = await loadDashboard(t.db, aView('period=2024&compare=2023'), unit, service, 'vi');
		const sheet = await readWorkbook(dashboardWorkbook('vi', data));
		expect(sheet[0]!.slice(0, 5)).toEqual([
			'Hạng',
			'Mã',
			'Đơn vị',
			'Chỉ số',
			'Điểm trong Chỉ số CCHC (tối đa 30)'
		]);
		expect(sheet.slice(1, 4).map((row) => row.slice(0, 6))).toEqual([
			['1', 'DEMO.S03', 'Sở Tư pháp', '100', '30', '2'],
			['2', 'DEMO.S01', 'Văn phòng UBND tỉnh', '80', '24', '5'],
			['3', 'DEMO.S02', 'Sở Nội vụ', '75', '22.5', '4']
		]);
	});

	it('finds comments without accents, newest first, within the scope and field', async () => {
		const said = [
			['DEMO.H01', '2024-03-01', 'Thái độ phục vụ rất tốt', 'Hộ tịch'],
			['DEMO.H01', '2024-03-02', 'THÁI   ĐỘ chưa tốt', 'Đất đai'],
			['DEMO.H02', '2024-03-03', 'Thai độ niềm nở', 'Hộ tịch'],
			['DEMO.H01', '2024-03-04', 'Nơi chờ chật', 'Hộ tịch']
		] as const;
		await ingest(
			t.db,
			said.map(([unit, day, comment, field]) => ({
				...respondent(unit, day, 4),
				comment,
				answers: { A1: 4, field }
			})),
			{ user: admin },
			{ history: true }
		);
		const base = { instrument: 'sipas-service-2023', from: '2024-01-01', to: '2024-12-31' };
		const found = await comments.search(
			t.db,
			{ ...base, units: ['DEMO.H01', 'DEMO.H02'], text: 'thai do' },
			{ limit: 10, offset: 0 }
		);
		expect(found.total).toBe(3);
		expect(found.rows.map((r) => r.comment)).toEqual([
			'Thai độ niềm nở',
			'THÁI   ĐỘ chưa tốt',
			'Thái độ phục vụ rất tốt'
		]);
		const scoped = await comments.search(
			t.db,
			{ ...base, units: ['DEMO.H01'], text: 'THAI ĐO', field: 'Hộ tịch' },
			{ limit: 10, offset: 0 }
		);
		expect(scoped.rows.map((r) => r.comment)).toEqual(['Thái độ phục vụ rất tốt']);
		const paged = await comments.search(
			t.db,
			{ ...base, units: ['DEMO.H01', 'DEMO.H02'] },
			{ limit: 2, offset: 2 }
		);
		expect(paged).toMatchObject({ total: 4 });
		expect(paged.rows.map((r) => r.day)).toEqual(['2024-03-02', '2024-03-01']);
		const wild = await comments.search(
			t.db,
			{ ...base, units: ['DEMO.H01'], text: '%' },
			{ limit: 10, offset: 0 }
		);
		expect(wild.total).toBe(0);
	});

	it('folds every Vietnamese letter in the database as the page does', async () => {
		let letters = '';
		for (const [a, b] of [
			[0x41, 0x5a],
			[0xc0, 0x24f],
			[0x1ea0, 0x1ef9]
		] as const) {
			for (let c = a; c <= b; c++) letters += String.fromCharCode(c);
		}
		const text = `${letters} ${'Thái độ'.normalize('NFD')}`;
		await ingest(
			t.db,
			[{ ...respondent('DEMO.H02', '2024-04-01', 5), comment: text }],
			{ user: admin },
			{ history: true }
		);
		const [row] = (
			await comments.search(
				t.db,
				{
					units: ['DEMO.H02'],
					instrument: 'sipas-service-2023',
					from: '2024-04-01',
					to: '2024-04-01'
				},
				{ limit: 1, offset: 0 }
			)
		).rows;
		const plain = await t.db.query<{ plain: string }>(
			'select comment_plain as plain from responses where id = $1',
			[row!.id]
		);
		// Letters that fold to one plain a–z letter must agree; others are left as they are.
		const folded = [...text].map((ch) => {
			const u = unaccented(ch);
			return /^[a-z]$/.test(u) ? u : /[\u0300-\u036f]/.test(ch) ? '' : ch;
		});
		expect(plain[0]!.plain).toBe(folded.join('').replace(/\s+/g, ' '));
	});

	it('gives counter ratings their satisfied share and QĐ 766 points', async () => {
		const tap = (counter: string | null, level: number, day = '2024-02-01') => ({
			id: randomUUID(),
			instrument: 'quick-rating',
			instrumentVersion: 1,
			unit: 'DEMO.S09',
			channel: 'kiosk',
			submittedAt: `${day}T10:00:00+07:00`,
			answers: { Q1: level, ...(counter ? { counter } : {}) }
		});
		await ingest(
			t.db,
			[
				...[3, 3, 2, 1].map((l) => tap('Quầy 1', l)),
				...[3, 1].map((l) => tap('Quầy 2', l)),
				tap(null, 3),
				...[3, 1].map((l) => tap('Quầy 1', l, '2023-02-01'))
			],
			{ user: admin },
			{ history: true }
		);
		const unit = (await units.get(t.db, 'DEMO.S09'))!;
		const quick = await quickView(t.db, aView('unit=DEMO.S09&period=2024&compare=2023'), unit);
		const rows = quick.rows.map((r) => [r.whole ? '*' : r.counter, r.ratings, r.share, r.score]);
		expect(rows).toEqual([
			['*', 7, (100 * 5) / 7, 6 * (5 / 7 / 0.9)],
			[null, 1, 100, 6],
			['Quầy 1', 4, 75, 5],
			['Quầy 2', 2, 50, 6 * (0.5 / 0.9)]
		]);
		expect(quick.rows.find((r) => r.counter === 'Quầy 1')!.previousScore).toBeCloseTo(
			6 * (0.5 / 0.9),
			10
		);
		expect(quick.trend.find((p) => p.label === '2024-02')).toMatchObject({ n: 7 });
	});
});
