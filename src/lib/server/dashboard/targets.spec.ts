import { describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import * as dossiers from '../units/dossiers.repository';
import * as units from '../units/units.repository';
import { aView, seedUnits, useTestDatabase } from '../testing';
import { loadDashboard } from './service';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

/** The Slovin sample target of a unit, from the dossiers it handled (`dossiers.repository.ts`). */
describe.each(testEngines())('sample targets [%s]', (engine) => {
	const t = useTestDatabase(engine);

	it("sets the Slovin target from yearly dossiers, pro rata for part of a year; a block shows each member's", async () => {
		await seedUnits(t.db);
		await dossiers.set(t.db, { unit: 'DEMO.S01', year: 2024, dossiers: 20_000, by: null });
		await dossiers.set(t.db, { unit: 'DEMO.S02', year: 2024, dossiers: 366, by: null });
		const year = await dossiers.targets(t.db, ['DEMO.S01', 'DEMO.S02', 'DEMO.S03'], {
			from: '2024-01-01',
			to: '2024-12-31'
		});
		expect(Object.fromEntries(year)).toEqual({
			'DEMO.S01': { dossiers: 20_000, target: 393 },
			'DEMO.S02': { dossiers: 366, target: 192 }
		});
		// 2024 has 366 days: January is 31 of them.
		const january = await dossiers.targets(t.db, ['DEMO.S02'], {
			from: '2024-01-01',
			to: '2024-01-31'
		});
		expect(january.get('DEMO.S02')).toEqual({ dossiers: 31, target: 29 });
		// The dashboard's block shows each member's own target, read with the unit's.
		const province = (await units.get(t.db, 'DEMO'))!;
		const view = await loadDashboard(
			t.db,
			aView('period=2024&block=department'),
			province,
			service,
			'vi'
		);
		const rows = new Map(view.block!.ranking.rows.map((row) => [row.unit.code, row.target]));
		expect(['DEMO.S01', 'DEMO.S02', 'DEMO.S03'].map((code) => rows.get(code))).toEqual([
			393,
			192,
			null
		]);
		expect(view.headline.sample).toBeNull();
		const unknownYear = await dossiers.targets(t.db, ['DEMO.S01'], {
			from: '2024-12-01',
			to: '2025-01-31'
		});
		expect(unknownYear.size).toBe(0);
		await dossiers.set(t.db, { unit: 'DEMO.S02', year: 2024, dossiers: null, by: null });
		expect((await dossiers.list(t.db, ['DEMO.S02'])).length).toBe(0);
	});
});
