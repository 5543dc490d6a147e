import { beforeAll, describe, expect, it } from 'vitest';
import { blockLabel, summarySentences } from '$lib/i18n/summary';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import { aResponse, indexedAnswers, staffUsers } from '../factories';
import { ingest } from '../responses/ingest';
import { aView, seedUnits, useTestDatabase } from '../testing';
import * as units from '../units/units.repository';
import { loadDashboard } from './service';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

/** Respondents of `unit` on `day`, each giving every indexed item one of `levels`. */
const forms = (unit: string, day: string, levels: number[]) =>
	levels.map((level) =>
		aResponse({
			unit,
			channel: 'paper',
			submittedAt: `${day}T09:00:00+07:00`,
			answers: indexedAnswers(() => level)
		})
	);

describe.each(testEngines())('the leader’s streak [%s]', (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(async () => {
		await seedUnits(t.db);
		const [clerk] = await staffUsers(t.db, [['clerk', 'DEMO.S01']]);
		const admin = { ...clerk!, role: 'admin' as const, unitCode: null };
		// 2023: S02 leads. 2024 and 2025: S03 leads (100 against 50).
		const all = [
			...forms('DEMO.S02', '2023-06-10', [5, 5]),
			...forms('DEMO.S03', '2023-07-10', [4, 1]),
			...forms('DEMO.S03', '2024-07-10', [5, 5]),
			...forms('DEMO.S01', '2024-05-10', [4, 2]),
			...forms('DEMO.S03', '2025-03-10', [5, 5]),
			...forms('DEMO.S01', '2025-03-11', [4, 2])
		];
		const results = await ingest(t.db, all, { user: admin }, { history: true });
		expect(results.every((r) => r.status === 'created')).toBe(true);
	});

	it('says how many years in a row the leader has led the block', async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const data = await loadDashboard(t.db, aView('period=2025'), unit, service, 'vi');
		expect(data.block!.leaderStreak).toBe(2);
		const text = summarySentences('vi', data.summary!, {
			block: blockLabel('vi', 'department'),
			period: 'năm 2025',
			compare: 'năm 2024'
		});
		expect(text).toContain('Sở Tư pháp dẫn đầu lần thứ 2 liên tiếp.');
		// Without the year before as comparison it is read, not taken from the ranking.
		const alone = await loadDashboard(t.db, aView('period=2025&compare=none'), unit, service, 'vi');
		expect(alone.block!.leaderStreak).toBe(2);
		// 2024's leader had not led 2023: no streak is stated.
		const before = await loadDashboard(t.db, aView('period=2024'), unit, service, 'vi');
		expect(before.block!.leaderStreak).toBe(1);
		const said = summarySentences('vi', before.summary!, { block: '', period: '', compare: '' });
		expect(said.join(' ')).not.toContain('liên tiếp');
	});
});
