import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseInput } from '$lib/survey/responses';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import { respondentsAt, staffUsers } from '../factories';
import type * as users from '../people/users.repository';
import { ingest } from '../responses/ingest';
import * as units from '../units/units.repository';
import { aView, seedUnits, useTestDatabase } from '../testing';
import { breakdownOf } from './breakdown';
import { loadDashboard } from './service';
import { dashboardWorkbook } from './workbook';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

/** A respondent giving every indexed item `level`, and these context or demographic answers. */
const respondent = (unit: string, day: string, level: number, extra: object = {}) => {
	const [base] = respondentsAt(unit, day, [level]);
	return { ...base!, answers: { ...base!.answers, ...extra } } as ResponseInput;
};

/** The perception indicators (issue 17, item 4): per unit and block, by field and by respondent. */
describe.each(testEngines())('perception indicators [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let admin: users.User;
	const store = async (list: ResponseInput[]) => {
		const results = await ingest(t.db, list, { user: admin }, { history: true });
		expect(results.every((r) => r.status === 'created')).toBe(true);
	};
	beforeAll(async () => {
		await seedUnits(t.db);
		const [clerk] = await staffUsers(t.db, [['clerk', 'DEMO.S01']]);
		admin = { ...clerk!, role: 'admin', unitCode: null };
	});

	it('gives the perception indicators of a unit and of each unit of its block, and exports them', async () => {
		const context = [
			{ trouble: 'none', money: 'none', trips: '1', submission: 'direct', priorities: ['faster'] },
			{ trouble: 'none', money: 'none', trips: '1', submission: 'direct' },
			{ trouble: 'some', money: 'none', trips: '2', submission: 'online_full' }
		];
		await store(context.map((extra) => respondent('DEMO.S04', '2022-03-10', 5, extra)));
		const unit = (await units.get(t.db, 'DEMO'))!;
		const view = aView('period=2022&compare=none&block=department');
		const data = await loadDashboard(t.db, view, unit, service, 'vi');
		expect(data.perception).toMatchObject({
			respondents: 3,
			notTroubled: { n: 3, share: (100 * 2) / 3 },
			noMoney: { n: 3, share: 100 },
			trips: { n: 3, mean: 4 / 3 }
		});
		expect(data.perception.priorities![0]).toMatchObject({ value: 'faster', n: 1 });
		const s04 = data.block!.heatmap.find((row) => row.code === 'DEMO.S04')!;
		expect(s04.perception).toMatchObject({ respondents: 3, noMoney: { share: 100 } });
		const files = unzipSync(new Uint8Array(dashboardWorkbook('vi', data)));
		expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Cảm nhận"');
		// The fourth sheet: the unit's own figures first (2 of 3 not troubled: 66,67 %).
		const perceptions = strFromU8(files['xl/worksheets/sheet4.xml']!);
		expect(perceptions).toContain('<c r="B1"><v>66.67</v></c>');
		expect(perceptions).toContain('<c r="B3"><v>1.33</v></c>');
	});

	it('breaks a unit down by its respondents, through the reform, within the view', async () => {
		await store([
			// Before 01/07/2025 X01's predecessor C01 answered; the view of X01 reads it.
			respondent('DEMO.C01', '2025-05-06', 5, { gender: 'female', trouble: 'none' }),
			respondent('DEMO.C01', '2025-05-06', 1, { gender: 'female', trouble: 'some' }),
			respondent('DEMO.C01', '2025-05-07', 5, { gender: 'male', age: '25-34' }),
			respondent('DEMO.X01', '2025-08-06', 5, { gender: 'male', money: 'none', field: 'Đất đai' }),
			respondent('DEMO.X01', '2025-08-07', 1, { trips: '3' }),
			// Another commune's answer: outside the view.
			respondent('DEMO.X02', '2025-08-07', 5, { gender: 'female' })
		]);
		const x01 = (await units.get(t.db, 'DEMO.X01'))!;
		const view = (search: string) => ({ query: aView(search), unit: x01, instrument: service });
		const byGender = await breakdownOf(t.db, view('period=2025&unit=DEMO.X01'), 'gender');
		expect(byGender.choices.map((c) => c.code)).toEqual([
			'gender',
			'age',
			'ethnicity',
			'education',
			'occupation'
		]);
		expect(
			byGender.rows.map((r) => [r.value, r.respondents, r.share, r.index, r.perception.respondents])
		).toEqual([
			['male', 2, 40, 100, 2],
			['female', 2, 40, 50, 2],
			['other', 0, 0, null, 0],
			[null, 1, 20, 0, 1]
		]);
		const [male, female, , blank] = byGender.rows;
		expect(female!.perception.notTroubled).toEqual({ n: 2, share: 50 });
		expect(male!.perception.notTroubled).toEqual({ n: 0, share: null });
		expect(male!.perception.noMoney).toEqual({ n: 1, share: 100 });
		expect(blank!.perception.trips).toEqual({ n: 1, mean: 3 });
		expect(byGender.rows[0]!.text).toMatchObject({ vi: 'Nam' });

		// Unknown items fall back to the first; the view's own filters hold.
		const byAge = await breakdownOf(t.db, view('period=2025&unit=DEMO.X01'), 'age');
		expect(byAge.rows.find((r) => r.value === '25-34')?.respondents).toBe(1);
		expect(byAge.rows.at(-1)).toMatchObject({ value: null, respondents: 4 });
		expect((await breakdownOf(t.db, view('period=2025&unit=DEMO.X01'), 'A1')).by).toBe('gender');
		const land = await breakdownOf(t.db, view('period=2025&unit=DEMO.X01&field=Đất đai'), null);
		expect(land.rows.map((r) => r.respondents)).toEqual([1, 0, 0]);
		// Before the reform only: C01's three answers.
		const spring = await breakdownOf(
			t.db,
			view('period=custom&from=2025-05-01&to=2025-06-30&unit=DEMO.X01'),
			'gender'
		);
		expect(spring.rows.reduce((sum, r) => sum + r.respondents, 0)).toBe(3);
		// A view larger than the limit is not read: its size comes back instead.
		const capped = await breakdownOf(t.db, view('period=2025&unit=DEMO.X01'), 'gender', 4);
		expect(capped).toMatchObject({ respondents: 5, tooMany: true, rows: [] });
		expect(byGender).toMatchObject({ respondents: 5, tooMany: false });
	});
});
