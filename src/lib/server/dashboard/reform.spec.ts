import { beforeAll, describe, expect, it } from 'vitest';
import { blockLabel, summarySentences } from '$lib/i18n/summary';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import { aUnit, respondentsAt, staffUsers } from '../factories';
import type * as users from '../people/users.repository';
import { ingest } from '../responses/ingest';
import { scopeOf } from '../auth/scope';
import * as unitService from '../units/service';
import * as units from '../units/units.repository';
import { aView, seedUnits, useTestDatabase, valueOf } from '../testing';
import { ranking, unitIndices } from './aggregates';
import { loadDashboard } from './service';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });

/**
 * The 2025 reorganisation as the official method handles it (issue 17, item 1): the demo
 * province's districts end on 30/06/2025 without successors, its new communes are formed from
 * two old ones each.
 */
describe.each(testEngines())('units through the 2025 reform [%s]', (engine) => {
	const t = useTestDatabase(engine);
	const block = (parent: string, kind: 'district' | 'commune', y: number, compare?: number) =>
		ranking(t.db, {
			instrument: service,
			parent,
			kind,
			period: year(y),
			compare: compare ? year(compare) : undefined
		});
	let admin: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		const [clerk] = await staffUsers(t.db, [['clerk', 'DEMO.S01']]);
		admin = { ...clerk!, role: 'admin', unitCode: null };
		// A commune still attached to its old district (nobody moved it), answered in 2026.
		await aUnit(t.db, { code: 'STUCK', parentCode: 'DEMO.H01', validFrom: null });
		// A commune that stayed and moved to the province on 01/07/2025, the move recorded.
		await aUnit(t.db, { code: 'MOVED', parentCode: 'DEMO.H02', validFrom: null });
		const moved = (await units.get(t.db, 'MOVED'))!;
		valueOf(
			await unitService.update(
				t.db,
				{ ...moved, parentCode: 'DEMO', changedFrom: '2025-07-01' },
				null
			)
		);
		// A commune formed in 2026 from nothing.
		await aUnit(t.db, { code: 'FRESH', validFrom: '2026-01-01' });
		const results = await ingest(
			t.db,
			[
				...respondentsAt('STUCK', '2026-03-02', [5, 5, 5]),
				...respondentsAt('MOVED', '2024-04-01', [5, 5, 5, 5]),
				...respondentsAt('MOVED', '2026-04-01', [5, 2]),
				// X01 was formed from C01 (3 of 4 satisfied in 2024) and C02 (1 of 4).
				...respondentsAt('DEMO.C01', '2024-05-06', [5, 4, 4, 1]),
				...respondentsAt('DEMO.C02', '2024-05-07', [5, 2, 2, 1]),
				...respondentsAt('DEMO.X01', '2026-05-06', [5, 5, 5, 1]),
				...respondentsAt('FRESH', '2026-05-06', [4, 4])
			],
			{ user: admin },
			{ history: true }
		);
		expect(results.every((r) => r.status === 'created')).toBe(true);
	});

	it('ranks no district after the districts ended, whatever still points at one', async () => {
		// Before: the district was ranked first in 2026 at 100 % on STUCK's answers.
		expect((await block('DEMO', 'district', 2026)).rows).toEqual([]);
		const communes = await block('DEMO', 'commune', 2026);
		expect(communes.rows.find((r) => r.unit.code === 'STUCK')).toMatchObject({ index: 100 });
		expect(communes.rows.some((r) => r.unit.code.startsWith('DEMO.C'))).toBe(false);
	});

	it("keeps a district's history when its commune moves on a date", async () => {
		const districts = await block('DEMO', 'district', 2024);
		// Before: moving MOVED rewrote the district's past, H02 had no answer in 2024.
		expect(districts.rows.find((r) => r.unit.code === 'DEMO.H02')).toMatchObject({
			index: 100,
			n: 4
		});
		expect(
			(await unitIndices(t.db, { instrument: service, unit: 'DEMO.H02', period: year(2024) }))
				.respondents
		).toBe(4);
		expect(
			(await unitIndices(t.db, { instrument: service, unit: 'DEMO.H02', period: year(2026) }))
				.respondents
		).toBe(0);
		const communes = await block('DEMO', 'commune', 2026);
		expect(communes.rows.find((r) => r.unit.code === 'MOVED')).toMatchObject({ index: 50, n: 2 });
		expect((await units.history(t.db, ['MOVED'])).get('MOVED')).toEqual([
			{ validTo: '2025-06-30', name: 'Xã MOVED', parentCode: 'DEMO.H02' }
		]);
	});

	it("compares a new commune with its predecessors' answers pooled, and says so", async () => {
		const communes = await block('DEMO', 'commune', 2026, 2024);
		const x01 = communes.rows.find((r) => r.unit.code === 'DEMO.X01')!;
		// 2024: C01 and C02 pooled, 4 of 8 satisfied: 50 %; 2026: 3 of 4.
		expect(x01).toMatchObject({
			index: 75,
			previousIndex: 50,
			change: 25,
			comparedWith: 'predecessors'
		});
		expect(communes.rows.find((r) => r.unit.code === 'FRESH')).toMatchObject({
			previousIndex: null,
			comparedWith: 'new'
		});
		expect(communes.rows.find((r) => r.unit.code === 'MOVED')!.comparedWith).toBeNull();
		// The unit's own figure over a period before it existed: its predecessors'.
		const before = await unitIndices(t.db, {
			instrument: service,
			unit: 'DEMO.X01',
			period: year(2024)
		});
		expect(before).toMatchObject({ index: 50, respondents: 8 });
	});

	it('ranks old and new units side by side in the reform year, each with its months', async () => {
		const communes = await block('DEMO', 'commune', 2025);
		const c01 = communes.rows.find((r) => r.unit.code === 'DEMO.C01')!;
		const x01 = communes.rows.find((r) => r.unit.code === 'DEMO.X01')!;
		expect(c01.coverage).toEqual({ months: 6, of: 12 });
		expect(x01.coverage).toEqual({ months: 6, of: 12 });
		expect(communes.rows.find((r) => r.unit.code === 'MOVED')!.coverage).toBeNull();
		expect((await block('DEMO', 'district', 2025)).rows.map((r) => r.coverage)).toEqual([
			{ months: 6, of: 12 },
			{ months: 6, of: 12 }
		]);
	});

	it('shows the tree as it stood: the blocks of a year are the units of that year', async () => {
		const province = (await units.get(t.db, 'DEMO'))!;
		const now = await loadDashboard(t.db, aView('period=2026'), province, service, 'vi');
		expect(now.blocks).toEqual(['department', 'commune']);
		const then = await loadDashboard(t.db, aView('period=2024'), province, service, 'vi');
		expect(then.blocks).toEqual(['department', 'commune', 'district']);
		// The headline holds every answer of the year, wherever it stood.
		expect(now.headline.n).toBe(3 + 2 + 4 + 2);
		expect(now.formedFrom).toEqual([]);
		const ward = (await units.get(t.db, 'DEMO.X01'))!;
		const before = await loadDashboard(t.db, aView('period=2024'), ward, service, 'vi');
		expect(before.headline).toMatchObject({ index: 50, n: 8 });
		expect(before.formedFrom.sort()).toEqual(['Phường An Lạc', 'Phường Cầu Đất']);
	});

	it('says in the summary which units are compared with their predecessors and which are new', async () => {
		const province = (await units.get(t.db, 'DEMO'))!;
		const view = aView('period=2026&compare=2024&block=commune');
		const data = await loadDashboard(t.db, view, province, service, 'vi');
		expect(data.summary!.reformed).toEqual({ predecessors: 1, fresh: 1 });
		const sentences = summarySentences('vi', data.summary!, {
			block: blockLabel('vi', 'commune'),
			period: 'năm 2026',
			compare: 'năm 2024'
		});
		expect(sentences).toContain(
			'1 đơn vị hình thành sau sắp xếp được so với năm 2024 của các đơn vị trước sắp xếp (gộp phiếu).'
		);
		expect(sentences).toContain('1 đơn vị mới không có số liệu năm 2024 để so sánh.');
	});

	it("lets the manager of a merged province read its predecessors' units", async () => {
		await aUnit(t.db, {
			code: 'OLD',
			kind: 'province',
			parentCode: null,
			validFrom: null,
			validTo: '2025-06-30'
		});
		await aUnit(t.db, { code: 'OLD.S1', kind: 'department', parentCode: 'OLD', validTo: null });
		await aUnit(t.db, {
			code: 'MERGED',
			kind: 'province',
			parentCode: null,
			predecessorCodes: ['OLD', 'DEMO']
		});
		const [manager] = await staffUsers(t.db, [['merged-manager', 'MERGED']]);
		const scope = await scopeOf(t.db, { user: { ...manager!, role: 'manager' } });
		expect(scope.all).toBe(false);
		const codes = !scope.all ? scope.codes : new Set();
		expect(['OLD', 'OLD.S1', 'DEMO', 'DEMO.C01', 'DEMO.X01'].every((c) => codes.has(c))).toBe(true);
		const [otherManager] = await staffUsers(t.db, [['old-manager', 'OLD']]);
		const old = await scopeOf(t.db, { user: { ...otherManager!, role: 'manager' } });
		expect(!old.all && old.codes.has('DEMO')).toBe(false);
		const merged = await unitIndices(t.db, {
			instrument: service,
			unit: 'MERGED',
			period: year(2024)
		});
		expect(merged.respondents).toBe(4 + 8);
	});
});
