import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing';
import { scopeOf } from '../auth/scope';
import type * as devices from '../devices/devices.repository';
import type * as users from '../people/users.repository';
import { aKiosk, aPaperForm, aResponse, aUser } from '../factories';
import { seedUnits, useTestDatabase, valueOf } from '../testing';
import { batchInput, createBatch } from '../batches/service';
import { editResponse } from '../responses/corrections';
import { responseDetail } from '../responses/detail';
import { ingest } from '../responses/ingest';
import { auditOf, auditQuery, peopleOf } from './scoped';

/** Who entered what: a response's detail names its sender, and managers read their units' audit. */
describe.each(testEngines())('who entered what [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let admin: users.User;
	let clerkA: users.User;
	let clerkB: users.User;
	let wardManager: users.User;
	let kiosk: devices.Device;
	const ids = { paper: '', kiosk: '', web: '', other: '' };
	const scope = (user: users.User) => scopeOf(t.db, { user });

	beforeAll(async () => {
		await seedUnits(t.db);
		admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
		clerkA = await aUser(t.db, { username: 'nva', displayName: 'Nguyễn Văn A' });
		clerkB = await aUser(t.db, { username: 'ttb', unitCode: 'DEMO.X02' });
		wardManager = await aUser(t.db, { username: 'ld', role: 'manager', unitCode: 'DEMO.X01' });
		({ device: kiosk } = await aKiosk(t.db, 'DEMO.X01', 'Ki-ốt tầng 1'));
		const batchOf = async (user: users.User, unit: string) => {
			const input = batchInput.parse({
				unit,
				instrument: 'sipas-service-2023',
				label: `Đợt ${unit}`,
				periodStart: '2026-03-01',
				periodEnd: '2026-03-31',
				expected: '10',
				verifyPercent: '0',
				verifySerials: ''
			});
			return valueOf(await createBatch(t.db, input, user));
		};
		const paper = aPaperForm(await batchOf(clerkA, 'DEMO.X01'), '1');
		const other = aPaperForm(await batchOf(clerkB, 'DEMO.X02'), '1', { unit: 'DEMO.X02' });
		const fromKiosk = aResponse({ deviceSeq: 1 });
		const web = aResponse({ channel: 'web', submittedAt: new Date().toISOString() });
		Object.assign(ids, { paper: paper.id, kiosk: fromKiosk.id, web: web.id, other: other.id });
		const sent = [
			...(await ingest(t.db, [paper], { user: clerkA })),
			...(await ingest(t.db, [other], { user: clerkB })),
			...(await ingest(t.db, [fromKiosk], { device: kiosk })),
			...(await ingest(t.db, [web], { public: true }))
		];
		expect(sent.map((r) => r.status)).toEqual(Array(4).fill('created'));
		valueOf(await editResponse(t.db, ids.paper, { A1: 1 }, 'Nhập nhầm ô A1', admin));
	});

	it('names the account, the kiosk or the citizen behind a response, with what was done to it', async () => {
		const detail = async (id: string) =>
			valueOf(await responseDetail(t.db, id, await scope(admin)));
		const paper = await detail(ids.paper);
		expect(paper.response).toMatchObject({
			enteredBy: 'Nguyễn Văn A',
			device: null,
			batch: { label: 'Đợt DEMO.X01' },
			serial: '1'
		});
		expect(paper.answers.find((a) => a.code === 'A1')).toMatchObject({ value: 1 });
		expect(paper.history.map((h) => [h.action, h.actorName, h.details.reason])).toEqual([
			['response.edit', 'ad', 'Nhập nhầm ô A1']
		]);
		expect((await detail(ids.kiosk)).response).toMatchObject({
			enteredBy: null,
			device: { id: kiosk.id, name: 'Ki-ốt tầng 1' }
		});
		expect((await detail(ids.web)).response).toMatchObject({ enteredBy: null, device: null });
		expect(await responseDetail(t.db, ids.paper, await scope(clerkB))).toMatchObject({
			ok: false,
			reason: 'outOfScope'
		});
		expect(await responseDetail(t.db, 'nope', await scope(admin))).toMatchObject({
			ok: false,
			reason: 'responseNotFound'
		});
	});

	it('shows a manager what was done in their units, by anyone, and nothing of the others', async () => {
		const all = auditQuery.parse({});
		const ward = await auditOf(t.db, await scope(wardManager), all, 100);
		const actions = ward.rows.map((r) => [r.action, r.actorName, r.unit]);
		expect(actions).toContainEqual(['batch.create', 'Nguyễn Văn A', 'DEMO.X01']);
		// The admin's correction of a ward's answer shows to the ward's manager.
		expect(actions).toContainEqual(['response.edit', 'ad', 'DEMO.X01']);
		expect(ward.rows.every((r) => r.unit === 'DEMO.X01')).toBe(true);
		expect(ward.total).toBe(ward.rows.length);

		const byClerk = await auditOf(
			t.db,
			await scope(admin),
			auditQuery.parse({ actor: clerkB.id }),
			100
		);
		expect(byClerk.rows.map((r) => [r.action, r.unit])).toEqual([['batch.create', 'DEMO.X02']]);
		const edits = await auditOf(
			t.db,
			await scope(admin),
			auditQuery.parse({ action: 'response.edit' }),
			100
		);
		expect(edits.rows.map((r) => r.target)).toEqual([ids.paper]);
		const future = auditQuery.parse({ from: '2099-01-01', to: '' });
		expect((await auditOf(t.db, await scope(admin), future, 100)).total).toBe(0);
		expect(auditQuery.safeParse({ from: '2026-02-30' }).success).toBe(false);
		expect((await peopleOf(t.db, await scope(wardManager))).map((p) => p.name).sort()).toEqual([
			'Nguyễn Văn A',
			'ld'
		]);
	});
});
