import { beforeAll, describe, expect, it } from 'vitest';
import { unitInput } from '$lib/survey/units';
import { testEngines } from '../db/testing';
import * as audit from '../audit/audit.repository';
import * as units from './units.repository';
import { aUnit, aUser, respondentsAt } from '../factories';
import { ingest } from '../responses/ingest';
import { seedUnits, useTestDatabase } from '../testing';
import { importUnits } from './import';
import * as service from './service';

const header = 'code,name,kind,parent_code,valid_from,valid_to\n';
const options = { dryRun: false, locale: 'en' as const, actorUserId: null };
const input = (over: Record<string, string>) =>
	unitInput.parse({
		name: 'x',
		kind: 'commune',
		parentCode: 'DEMO',
		validFrom: '',
		validTo: '',
		successorCodes: '',
		...over
	});

describe.each(testEngines())('units [%s]', (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(() => seedUnits(t.db));

	it('knows a subtree, historic units and predecessors included', async () => {
		const codes = await units.subtreeCodes(t.db, 'DEMO');
		expect(codes).toHaveLength(143);
		expect(codes).toContain('DEMO.H01');
		expect(codes).toContain('DEMO.C80');
		expect((await units.subtreeCodes(t.db, 'DEMO.X01')).sort()).toEqual([
			'DEMO.C01',
			'DEMO.C02',
			'DEMO.X01'
		]);
	});

	it('creates a unit and refuses a taken code or a wrong parent kind', async () => {
		const ok = await service.create(t.db, input({ code: 'NEW1', name: 'Xã Mới' }), null);
		expect(ok).toEqual({ ok: true });
		const again = await service.create(t.db, input({ code: 'NEW1' }), null);
		expect(again).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'code', key: 'unit.error.codeTaken' }]
		});
		const underCommune = await service.create(
			t.db,
			input({ code: 'NEW2', kind: 'department', parentCode: 'DEMO.X01' }),
			null
		);
		expect(underCommune).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'parentCode', key: 'unit.error.parentKind' }]
		});
	});

	it('refuses to move a unit under its own descendant', async () => {
		const district = (await units.get(t.db, 'DEMO.H01'))!;
		await aUnit(t.db, {
			code: 'H.CHILD',
			parentCode: 'DEMO.H01',
			validFrom: district.validFrom,
			validTo: district.validTo
		});
		const moved = await service.update(
			t.db,
			{ ...district, kind: 'district', parentCode: 'H.CHILD', changedFrom: null },
			null
		);
		expect(moved.ok).toBe(false);
		expect((await units.get(t.db, 'DEMO.H01'))!.parentCode).toBe('DEMO');
	});

	describe('CSV import', () => {
		it('creates and updates, children before parents in the file, and reports counts', async () => {
			const csv =
				header +
				'IMP.X1,Xã Một,commune,IMP.H1,2025-07-01,\n' +
				'IMP.H1,Huyện Cũ,district,DEMO,,30/06/2025\n' +
				'DEMO.S01,Văn phòng UBND tỉnh (đổi tên),department,DEMO,,\n' +
				'DEMO.S02,Sở Nội vụ,department,DEMO,,\n';
			const report = await importUnits(t.db, csv, options);
			expect(report).toEqual({ created: 2, updated: 1, unchanged: 1, errors: [], dryRun: false });
			expect(await units.get(t.db, 'IMP.H1')).toMatchObject({
				validTo: '2025-06-30',
				kind: 'district'
			});
			expect((await units.get(t.db, 'DEMO.S01'))!.name).toBe('Văn phòng UBND tỉnh (đổi tên)');
			const [entry] = (await audit.search(t.db, { units: null, limit: 1 })).rows;
			expect(entry).toMatchObject({ action: 'unit.import', details: { created: 2, updated: 1 } });
		});

		it('imports nothing when one row is bad, and names the row, column and reason', async () => {
			const before = await units.count(t.db);
			const csv =
				header +
				'OK.1,Xã Tốt,commune,DEMO,,\n' +
				'OK.2,Xã Tốt Hai,commune,DEMO,,\n' +
				'BAD.1,Xã Lỗi,commune,NOWHERE,,\n' +
				'OK.3,,village,DEMO,2025-02-30,\n';
			const report = await importUnits(t.db, csv, options);
			expect(report.created).toBe(0);
			expect(report.errors).toEqual([
				{ row: 4, column: 'parent_code', reason: 'There is no parent unit with code NOWHERE.' },
				{ row: 5, column: 'name', reason: 'Enter the unit name.' },
				{ row: 5, column: 'kind', reason: expect.stringContaining('province, department') },
				{ row: 5, column: 'valid_from', reason: expect.stringContaining('Not a valid date') }
			]);
			expect(await units.count(t.db)).toBe(before);
			expect(await units.get(t.db, 'OK.1')).toBeUndefined();
		});

		it('reports duplicates in the file, cycles and missing columns', async () => {
			const dup = await importUnits(
				t.db,
				header + 'D.1,A,commune,DEMO,,\nD.1,B,commune,DEMO,,\n',
				options
			);
			expect(dup.errors).toEqual([
				{ row: 3, column: 'code', reason: 'Code D.1 appears more than once in the file (line 2).' }
			]);
			const cycle = await importUnits(
				t.db,
				header + 'C.1,A,district,C.2,,\nC.2,B,district,C.1,,\n',
				options
			);
			expect(cycle.errors.map((e) => e.row)).toEqual([2, 3]);
			const missing = await importUnits(t.db, 'code,name\nX,Y\n', options);
			expect(missing.errors.map((e) => e.column)).toEqual(['kind', 'parent_code']);
			expect(await units.get(t.db, 'D.1')).toBeUndefined();
		});

		it('changes nothing on a dry run but reports what it would do', async () => {
			const before = await units.count(t.db);
			const report = await importUnits(t.db, header + 'DRY.1,Xã Thử,commune,DEMO,,\n', {
				...options,
				dryRun: true
			});
			expect(report).toMatchObject({ created: 1, updated: 0, errors: [], dryRun: true });
			expect(await units.count(t.db)).toBe(before);
		});

		it('is idempotent: the same file twice creates nothing new', async () => {
			const csv = header + 'IDEM.1,Xã Lặp,commune,DEMO,,\n';
			expect((await importUnits(t.db, csv, options)).created).toBe(1);
			expect(await importUnits(t.db, csv, options)).toMatchObject({
				created: 0,
				updated: 0,
				unchanged: 1
			});
		});

		it('takes predecessors and dated parents: the reform as two files, each idempotent', async () => {
			const reform =
				'code,name,kind,parent_code,valid_from,valid_to,predecessor_codes,changed_from\n' +
				'REF.A,Xã A,commune,DEMO.H01,,30/06/2025,,\n' +
				'REF.NEW,Xã Mới,commune,DEMO,01/07/2025,,REF.A DEMO.C03,\n';
			expect(await importUnits(t.db, reform, options)).toMatchObject({ created: 2, errors: [] });
			expect((await units.get(t.db, 'REF.NEW'))!.predecessorCodes).toEqual(['REF.A', 'DEMO.C03']);
			await aUnit(t.db, { code: 'REF.STAY', parentCode: 'DEMO.H01', validFrom: null });
			const move = `${header.trim()},changed_from\nREF.STAY,Phường Ở Lại,commune,DEMO,,,2025-07-01\n`;
			expect(await importUnits(t.db, move, options)).toMatchObject({ updated: 1, errors: [] });
			expect(await importUnits(t.db, move, options)).toMatchObject({ updated: 0, unchanged: 1 });
			expect((await units.history(t.db, ['REF.STAY'])).get('REF.STAY')).toEqual([
				{ validTo: '2025-06-30', name: 'Xã REF.STAY', parentCode: 'DEMO.H01' }
			]);
		});

		it('reports a missing predecessor and a change date that does not fit, per row', async () => {
			const csv =
				'code,name,kind,parent_code,valid_from,valid_to,predecessor_codes,changed_from\n' +
				'BADP.1,Xã,commune,DEMO,,,NOWHERE,\n' +
				'BADP.2,Xã,commune,DEMO,,,,2025-07-01\n' +
				'DEMO.S03,Sở Tư pháp,department,DEMO,,,,2025-07-01\n' +
				'DEMO.X02,Phường Bình Minh Mới,commune,DEMO,2025-07-01,,,2025-03-01\n';
			const report = await importUnits(t.db, csv, options);
			expect(report.errors).toEqual([
				{
					row: 2,
					column: 'predecessor_codes',
					reason: 'There is no unit with code NOWHERE to form this one from.'
				},
				{ row: 3, column: 'changed_from', reason: expect.stringContaining('A new unit') },
				{ row: 4, column: 'changed_from', reason: expect.stringContaining('nothing to record') },
				{ row: 5, column: 'changed_from', reason: expect.stringContaining('after the unit starts') }
			]);
			expect(await units.get(t.db, 'BADP.1')).toBeUndefined();
		});

		it('keeps the old name and parent when an admin changes them from a date', async () => {
			await aUnit(t.db, { code: 'FORM.K', parentCode: 'DEMO.H02', validFrom: null });
			const k = (await units.get(t.db, 'FORM.K'))!;
			const change = { ...k, name: 'Phường K', parentCode: 'DEMO', changedFrom: '2025-07-01' };
			expect(await service.update(t.db, change, null)).toEqual({ ok: true });
			const again = await service.update(t.db, { ...change, changedFrom: '2025-05-01' }, null);
			expect(again).toMatchObject({ ok: false, issues: [{ field: 'changedFrom' }] });
			expect((await units.history(t.db, ['FORM.K'])).get('FORM.K')).toEqual([
				{ validTo: '2025-06-30', name: 'Xã FORM.K', parentCode: 'DEMO.H02' }
			]);
		});
	});

	it("refuses a life that would leave the unit's answers outside it, on the form and in a file", async () => {
		const unit = { ...(await aUnit(t.db, { code: 'LIFE', validFrom: null })), changedFrom: null };
		const admin = await aUser(t.db, { username: 'life-admin', role: 'admin', unitCode: null });
		const sent = [
			...respondentsAt('LIFE', '2025-03-02', [5]),
			...respondentsAt('LIFE', '2025-07-10', [4])
		];
		const stored = await ingest(t.db, sent, { user: admin }, { history: true });
		expect(stored.map((r) => r.status)).toEqual(['created', 'created']);
		const ended = await service.update(t.db, { ...unit, validTo: '2025-06-30' }, null);
		expect(ended).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'validTo', key: 'unit.error.answersAfter', params: { day: '10/07/2025' } }]
		});
		const started = await service.update(t.db, { ...unit, validFrom: '2025-04-01' }, null);
		expect(started).toMatchObject({
			issues: [
				{ field: 'validFrom', key: 'unit.error.answersBefore', params: { day: '02/03/2025' } }
			]
		});
		const file = await importUnits(
			t.db,
			header + 'LIFE,Xã LIFE,commune,DEMO,,2025-07-01\n',
			options
		);
		expect(file.errors).toEqual([
			{ row: 2, column: 'valid_to', reason: expect.stringContaining('10/07/2025') }
		]);
		expect((await units.get(t.db, 'LIFE'))!.validTo).toBeNull();
		// Ending it on its last answer's day is fine.
		expect(await service.update(t.db, { ...unit, validTo: '2025-07-10' }, null)).toEqual({
			ok: true
		});
	});
});
