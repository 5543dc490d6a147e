import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseInput } from '$lib/survey/responses';
import { testEngines } from '../db/testing';
import * as batches from './batches.repository';
import * as devices from '../devices/devices.repository';
import * as quarantine from '../responses/quarantine.repository';
import * as users from '../people/users.repository';
import { importWorkbook } from '../interchange/importCsv';
import { ingest } from '../responses/ingest';
import { writeWorkbook } from '../interchange/xlsx';
import { voidResponse } from '../responses/corrections';
import { aKiosk, aPaperForm, aResponse, staffUsers } from '../factories';
import { seedUnits, useTestDatabase } from '../testing';
import { batchInput, createBatch } from './service';

const input = (over: Record<string, string> = {}) =>
	batchInput.parse({
		unit: 'DEMO.X01',
		instrument: 'sipas-service-2023',
		label: 'Đợt 1/2026 – Bưu điện',
		periodStart: '01/03/2026',
		periodEnd: '2026-03-31',
		expected: '120',
		verifyPercent: '10',
		verifySerials: '5, 7;9 5',
		...over
	});

describe('batch input', () => {
	it('reads Vietnamese dates, numbers and a serial list, and names each bad field by key', () => {
		expect(input()).toMatchObject({
			periodStart: '2026-03-01',
			periodEnd: '2026-03-31',
			expected: 120,
			verifyPercent: 10,
			verifySerials: ['5', '7', '9']
		});
		const bad = batchInput.safeParse({
			unit: '',
			instrument: 'x',
			label: 'a\nb',
			periodStart: '31/02/2026',
			periodEnd: '2026-01-01',
			expected: '0',
			verifyPercent: '101',
			verifySerials: ''
		});
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`)).toEqual([
			'unit:batch.error.unit',
			'label:batch.error.label',
			'periodStart:batch.error.start',
			'expected:batch.error.expected',
			'verifyPercent:batch.error.verify'
		]);
		expect(
			batchInput.safeParse({
				unit: 'DEMO.X01',
				instrument: 'sipas-service-2023',
				label: 'x',
				periodStart: '2026-04-01',
				periodEnd: '2026-03-01',
				expected: '1',
				verifyPercent: '0',
				verifySerials: ''
			}).error?.issues[0]
		).toMatchObject({ path: ['periodEnd'], message: 'batch.error.order' });
	});
});

describe.each(testEngines())('batches and paper forms [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let clerk: users.User;
	let other: users.User;
	let kiosk: devices.Device;
	let batch: string;

	const paper = (over: Partial<ResponseInput> = {}) => aPaperForm(batch, '1', over);

	beforeAll(async () => {
		await seedUnits(t.db);
		[clerk, other] = (await staffUsers(t.db, [
			['clerk', 'DEMO.X01'],
			['other', 'DEMO.X02']
		])) as [users.User, users.User];
		({ device: kiosk } = await aKiosk(t.db));
		const created = await createBatch(t.db, input(), clerk);
		if (!created.ok) throw new Error('no batch');
		batch = created.value;
	});

	it('opens batches only for units the person keys for, with a label unique in the unit', async () => {
		const forbidden = { ok: false, reason: 'forbidden' };
		expect(await createBatch(t.db, input(), other)).toEqual(forbidden);
		expect(await createBatch(t.db, input(), clerk)).toEqual({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'label', key: 'batch.error.labelTaken' }]
		});
		expect(await createBatch(t.db, input({ unit: 'DEMO.H01', label: 'x' }), clerk)).toEqual(
			forbidden
		);
		expect(await createBatch(t.db, input({ instrument: 'nope', label: 'y' }), clerk)).toMatchObject(
			{ ok: false, issues: [{ field: 'instrument' }] }
		);
		expect((await batches.list(t.db, ['DEMO.X01'])).map((b) => b.label)).toEqual([
			'Đợt 1/2026 – Bưu điện'
		]);
	});

	it('keys a serial once per unit and questionnaire, names the first keying, and frees it when voided', async () => {
		const first = paper({ serial: '123' });
		expect(await ingest(t.db, [first], { user: clerk })).toEqual([
			{ id: first.id, status: 'created' }
		]);
		const again = paper({ serial: '123', answers: { A1: 1 } });
		const [refused] = await ingest(t.db, [again], { user: clerk });
		expect(refused!.status).toBe('invalid');
		expect(refused!.issues![0]!.message).toMatch(
			new RegExp(`^serial 123 was already entered at .+ by clerk \\(response ${first.id}\\)$`)
		);
		// Two forms with one serial in one request: the first is kept.
		const [a, b] = [paper({ serial: '124' }), paper({ serial: '124' })];
		expect((await ingest(t.db, [a, b], { user: clerk })).map((r) => r.status)).toEqual([
			'created',
			'invalid'
		]);
		expect((await voidResponse(t.db, first.id, 'keyed twice', clerk)).ok).toBe(true);
		expect((await ingest(t.db, [again], { user: clerk }))[0]!.status).toBe('created');
		const forms = await batches.forms(t.db, batch);
		expect(forms.map((f) => [f.serial, f.status, f.enteredBy])).toEqual([
			['123', 'void', 'clerk'],
			['123', 'valid', 'clerk'],
			['124', 'valid', 'clerk']
		]);
	});

	it('keeps a batch’s forms to its unit, questionnaire and period, and labels them with it', async () => {
		const results = await ingest(
			t.db,
			[
				paper({ serial: '200', submittedAt: '2026-04-01T12:00:00+07:00' }),
				paper({ serial: '201', instrument: 'sipas-household-2023', answers: {} }),
				paper({ serial: undefined }),
				paper({ serial: '202', batchId: crypto.randomUUID() }),
				paper({ serial: '203', batch: 'ignored' })
			],
			{ user: clerk }
		);
		expect(results.map((r) => [r.status, r.issues?.map((i) => i.path.join('.'))])).toEqual([
			['invalid', ['submittedAt']],
			['invalid', ['instrument']],
			['invalid', ['serial']],
			['invalid', ['batchId']],
			['created', undefined]
		]);
		const [row] = await t.db.query<{ batch: string }>(
			`select batch from responses where serial = '203'`
		);
		expect(row!.batch).toBe('Đợt 1/2026 – Bưu điện');
	});

	it('imports a workbook into the batch: Vietnamese headers, date cells, the batch’s defaults, once', async () => {
		const sheet = writeWorkbook([
			['Số phiếu', 'Ngày', 'Câu A1', 'B1', 'Giới tính', 'Ý kiến khác'],
			['W-1', 46100, 5, 4, 'female', 'Nhanh gọn'],
			['W-2', '15/03/2026', 'NA', '', 'male', ''],
			[],
			['W-3', 46100.375, 3, 2, '', '']
		]);
		const options = {
			actor: { user: clerk },
			dryRun: false,
			batch: (await batches.get(t.db, batch))!
		};
		const report = await importWorkbook(t.db, sheet, options);
		expect(report.errors.map((e) => [e.row, e.column, e.value, e.key])).toEqual([
			[3, 'A1', 'NA', 'issue.noNA']
		]);
		const fixed = writeWorkbook([
			['Số phiếu', 'Ngày', 'Câu A1', 'B1', 'Giới tính', 'Ý kiến khác'],
			['W-1', 46100, 5, 4, 'female', 'Nhanh gọn'],
			['W-2', '15/03/2026', '', '', 'male', ''],
			['W-3', 46100.375, 3, 2, '', '']
		]);
		expect(await importWorkbook(t.db, fixed, options)).toMatchObject({ created: 3, duplicate: 0 });
		expect(await importWorkbook(t.db, fixed, options)).toMatchObject({ created: 0, duplicate: 3 });
		const rows = await t.db.query<{
			serial: string;
			submitted: string;
			channel: string;
			batch: string;
		}>(
			`select serial, to_char(submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') as submitted,
				channel, batch from responses where serial like 'W-%' order by serial`
		);
		expect(rows).toEqual([
			{
				serial: 'W-1',
				submitted: '2026-03-19 12:00',
				channel: 'paper',
				batch: 'Đợt 1/2026 – Bưu điện'
			},
			{
				serial: 'W-2',
				submitted: '2026-03-15 12:00',
				channel: 'paper',
				batch: 'Đợt 1/2026 – Bưu điện'
			},
			{
				serial: 'W-3',
				submitted: '2026-03-19 09:00',
				channel: 'paper',
				batch: 'Đợt 1/2026 – Bưu điện'
			}
		]);
		expect(
			(await importWorkbook(t.db, Buffer.from('PK\u0003\u0004broken'), options)).errors
		).toEqual([
			expect.objectContaining({ row: 1, reason: expect.stringMatching(/^not an Excel workbook/) })
		]);
	});

	it('keeps what kiosks and staff sent and the server refused in the unit’s quarantine, once', async () => {
		const bad = aResponse({ answers: { A1: 9 }, deviceSeq: 1 });
		await ingest(t.db, [bad], { device: kiosk });
		await ingest(t.db, [bad], { device: kiosk });
		const taken = paper({ serial: '124' });
		await ingest(t.db, [taken, 'not even an object'], { user: clerk });
		// File imports answer the uploader directly; the public link is not quarantined.
		await ingest(t.db, [aResponse({ answers: { A1: 9 } })], { user: clerk }, { atomic: true });
		await ingest(t.db, [aResponse({ channel: 'web', answers: { A1: 9 } })], { public: true });
		const kept = (await quarantine.list(t.db, ['DEMO.X01'], { open: true })).filter((q) =>
			([bad.id, taken.id, null] as (string | null)[]).includes(q.responseId)
		);
		expect(
			kept.map((q) => [q.responseId, q.status, q.sender, q.batchId, q.issues[0]!.path[0]])
		).toEqual(
			expect.arrayContaining([
				[null, 'invalid', 'clerk', null, undefined],
				[taken.id, 'invalid', 'clerk', batch, 'serial'],
				[bad.id, 'invalid', 'Ki-ốt', null, 'answers']
			])
		);
		expect(kept).toHaveLength(3);
		expect(await quarantine.list(t.db, ['DEMO.X02'])).toEqual([]);
	});
});
