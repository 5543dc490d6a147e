import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseInput } from '$lib/survey/responses';
import { issueText } from '$lib/i18n/issues';
import { createBatch, batchInput } from '../batches/service';
import { testEngines } from '../db/testing';
import * as quarantine from './quarantine.repository';
import * as users from '../people/users.repository';
import { aPaperForm, staffUsers } from '../factories';
import { seedUnits, useTestDatabase } from '../testing';
import { ingest } from './ingest';
import { quarantinedFor, resubmit, voidQuarantined } from './quarantine';

describe.each(testEngines())('quarantine [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let clerk: users.User;
	let other: users.User;
	let batch: string;
	const paper = (over: Partial<ResponseInput> = {}) => aPaperForm(batch, 'Q-1', over);
	const open = async () => quarantine.list(t.db, ['DEMO.X01'], { open: true });

	beforeAll(async () => {
		await seedUnits(t.db);
		[clerk, other] = (await staffUsers(t.db, [
			['clerk', 'DEMO.X01'],
			['other', 'DEMO.X02']
		])) as [users.User, users.User];
		const created = await createBatch(
			t.db,
			batchInput.parse({
				unit: 'DEMO.X01',
				instrument: 'sipas-service-2023',
				label: 'Đợt Q',
				periodStart: '2026-03-01',
				periodEnd: '2026-03-31',
				expected: '10',
				verifyPercent: '0',
				verifySerials: ''
			}),
			clerk
		);
		if (!created.ok) throw new Error('no batch');
		batch = created.value;
	});

	it('explains a refusal in Vietnamese and English, from catalog keys', async () => {
		await ingest(t.db, [paper()], { user: clerk });
		await ingest(t.db, [paper({ answers: { A1: 2 } })], { user: clerk });
		const [entry] = await open();
		expect(issueText('vi', entry!.issues[0]!)).toMatch(
			/^Phiếu số Q-1 đã nhập lúc \d\d\/\d\d\/\d{4} \d\d:\d\d, bởi clerk\.$/
		);
		expect(issueText('en', entry!.issues[0]!)).toMatch(/^Form Q-1 was entered at .+ by clerk\.$/);
		expect(issueText('vi', { message: 'plain' })).toBe('plain');
	});

	it('keeps other units out, and stores a fixed copy once, closing the entry', async () => {
		const [entry] = await open();
		expect(await quarantinedFor(t.db, entry!.id, other)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		const fix = {
			serial: 'Q-1',
			submittedAt: '2026-03-10T09:15:00+07:00',
			comment: '',
			cells: { A1: '2' }
		};
		expect(await resubmit(t.db, entry!.id, fix, other)).toEqual({ ok: false, reason: 'forbidden' });
		// Still the same serial: refused again, and no second quarantine entry for it.
		const again = await resubmit(t.db, entry!.id, fix, clerk);
		expect(again).toMatchObject({ ok: false, reason: 'stillRefused' });
		expect(await open()).toHaveLength(1);
		const fixed = await resubmit(
			t.db,
			entry!.id,
			{ ...fix, serial: 'Q-2', cells: { A1: '2', B1: '5' } },
			clerk
		);
		expect(fixed).toEqual({ ok: true, value: entry!.responseId });
		expect(await open()).toEqual([]);
		const [row] = await t.db.query<{ serial: string; answers: unknown; batch_id: string }>(
			'select serial, answers, batch_id from responses where id = $1',
			[entry!.responseId]
		);
		expect(row).toEqual({ serial: 'Q-2', answers: { A1: 2, B1: 5 }, batch_id: batch });
		expect(await resubmit(t.db, entry!.id, fix, clerk)).toEqual({ ok: false, reason: 'resolved' });
	});

	it('voids with a reason and keeps the entry; a form fixed and resent with its id closes its entry', async () => {
		await ingest(t.db, [paper({ serial: 'Q-2', answers: { A1: 1 } })], { user: clerk });
		const [entry] = await open();
		expect(await voidQuarantined(t.db, entry!.id, ' ', clerk)).toEqual({
			ok: false,
			reason: 'noReason'
		});
		expect(await voidQuarantined(t.db, entry!.id, 'phiếu nhập trùng', clerk)).toEqual({
			ok: true,
			value: undefined
		});
		const all = await quarantine.list(t.db, ['DEMO.X01']);
		expect(all.find((q) => q.id === entry!.id)).toMatchObject({
			resolution: 'void',
			resolutionReason: 'phiếu nhập trùng',
			resolvedBy: 'clerk'
		});

		const late = paper({ serial: 'Q-3', submittedAt: '2026-04-02T09:00:00+07:00' });
		await ingest(t.db, [late], { user: clerk });
		expect((await open()).map((q) => q.responseId)).toEqual([late.id]);
		await ingest(t.db, [{ ...late, submittedAt: '2026-03-30T09:00:00+07:00' }], { user: clerk });
		expect(await open()).toEqual([]);
	});
});
