import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue, ResponseInput } from '$lib/survey/responses';
import { testEngines } from '../db/testing';
import * as devices from '../devices/devices.repository';
import * as responses from './responses.repository';
import * as users from '../people/users.repository';
import { aKiosk, aResponse, aUser } from '../factories';
import { countersAndRecount, seedUnits, useTestDatabase } from '../testing';
import { editResponse, voidResponse } from './corrections';
import { ingest } from './ingest';

const response = aResponse;

describe.each(testEngines())('ingest [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let kiosk: devices.Device;
	let staff: users.User;
	let admin: users.User;
	let manager: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		({ device: kiosk } = await aKiosk(t.db));
		staff = await aUser(t.db, { username: 'nv', unitCode: 'DEMO.X02' });
		admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
		manager = await aUser(t.db, { username: 'ld', role: 'manager', unitCode: 'DEMO' });
	});

	it('answers created, duplicate, conflict and invalid, and stores only the valid new rows', async () => {
		const first = response({ deviceSeq: 1 });
		expect(await ingest(t.db, [first], { device: kiosk })).toEqual([
			{ id: first.id, status: 'created' }
		]);
		const fresh = response({ deviceSeq: 2 });
		const results = await ingest(
			t.db,
			[
				first,
				{ ...first, answers: { A1: 1 } },
				{ ...response(), answers: { A1: 9 } },
				fresh,
				'junk',
				{ id: 42 }
			],
			{ device: kiosk }
		);
		expect(results.map((r) => r.status)).toEqual([
			'duplicate',
			'conflict',
			'invalid',
			'created',
			'invalid',
			'invalid'
		]);
		expect(results[1]!.issues![0]!.message).toBe(
			'a different response with this id was already received'
		);
		expect(results[2]!.issues![0]!.message).toBe('A1 must be a whole number from 1 to 5');
		const stored = await responses.hashes(t.db, [first.id, fresh.id, results[2]!.id!]);
		expect([...stored.keys()].sort()).toEqual([first.id, fresh.id].sort());
	});

	it('refuses a response for a unit the device is not bound to, with the reason', async () => {
		const other = response({ unit: 'DEMO.X02' });
		const [result] = await ingest(t.db, [other], { device: kiosk });
		expect(result).toEqual({
			id: other.id,
			status: 'invalid',
			issues: [
				{
					path: ['unit'],
					message: 'this device is bound to unit DEMO.X01, not DEMO.X02',
					key: 'issue.deviceUnit',
					params: { unit: 'DEMO.X01', named: 'DEMO.X02' }
				}
			]
		});
	});

	it('takes from signed-in people paper forms only, keyed into a batch, and only for their unit', async () => {
		const keysOf = async (r: ResponseInput, user: users.User, history = false) =>
			(await ingest(t.db, [r], { user }, { history }))[0]!.issues?.map((i) => i.key);
		const own = { unit: 'DEMO.X02' };
		expect(await keysOf(response({ ...own, channel: 'kiosk' }), staff)).toEqual(['issue.channel']);
		expect(await keysOf(response({ ...own, channel: 'web' }), staff)).toEqual(['issue.channel']);
		expect(await keysOf(response({ ...own, channel: 'paper' }), staff)).toEqual([
			'issue.batchRequired'
		]);
		expect(await keysOf(response({ ...own, channel: 'paper' }), admin)).toEqual([
			'issue.batchRequired'
		]);
		// `history` is an admin's import from an earlier system, and nobody else's.
		expect(await keysOf(response({ ...own, channel: 'kiosk' }), staff, true)).toEqual([
			'issue.channel'
		]);
		expect(await keysOf(response({ unit: 'DEMO.X03', channel: 'paper' }), staff)).toEqual([
			'issue.notYourUnit'
		]);
		expect(await keysOf(response({ channel: 'paper' }), manager)).toEqual(['issue.notYourUnit']);
		expect(await keysOf(response({ unit: 'DEMO.S05', channel: 'kiosk' }), admin, true)).toBe(
			undefined
		);
		const [unknown] = await ingest(
			t.db,
			[response({ unit: 'NOPE' })],
			{ user: admin },
			{ history: true }
		);
		expect(unknown!.issues).toEqual([
			{ path: ['unit'], message: 'no unit NOPE', key: 'issue.noUnit', params: { unit: 'NOPE' } }
		]);
	});

	it('stores each id once when two batches with the same ids arrive together', async () => {
		const batch = Array.from({ length: 40 }, (_, i) => response({ deviceSeq: 100 + i }));
		const [a, b] = await Promise.all([
			ingest(t.db, batch, { device: kiosk }),
			ingest(t.db, [...batch].reverse(), { device: kiosk })
		]);
		const created = [...a!, ...b!].filter((r) => r.status === 'created').length;
		const duplicates = [...a!, ...b!].filter((r) => r.status === 'duplicate').length;
		expect([created, duplicates]).toEqual([40, 40]);
		expect(
			(
				await responses.hashes(
					t.db,
					batch.map((r) => r.id)
				)
			).size
		).toBe(40);
	});

	it('records the highest device sequence and the gaps below it', async () => {
		await ingest(t.db, [response({ deviceSeq: 150 })], { device: kiosk });
		expect(
			(
				await t.db.query<{ s: number }>('select last_sequence as s from devices where id = $1', [
					kiosk.id
				])
			)[0]!.s
		).toBe(150);
		const gaps = await responses.deviceGaps(t.db, kiosk.id);
		expect(gaps.slice(0, 3)).toEqual([3, 4, 5]);
		expect(gaps).toHaveLength(150 - 2 - 40 - 1);
	});

	it('keeps counters equal to a recount from raw answers after random inserts, voids and edits', async () => {
		const level = fc.oneof(fc.constantFrom<AnswerValue>(null), fc.integer({ min: 1, max: 5 }));
		const answers = fc.record({
			A1: level,
			B2: level,
			C1: level,
			E3: fc.oneof(level, fc.constant<AnswerValue>('NA')),
			gender: fc.constantFrom<AnswerValue>(null, 'male', 'female')
		});
		const op = fc.oneof(
			fc.record({
				kind: fc.constant('insert' as const),
				answers,
				unit: fc.constantFrom('DEMO.X02', 'DEMO.X04'),
				day: fc.integer({ min: 0, max: 400 })
			}),
			fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
			fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), answers })
		);
		const ids: string[] = [];
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
				for (const o of ops) {
					if (o.kind === 'insert') {
						const r = response({
							unit: o.unit,
							channel: 'paper',
							answers: o.answers,
							submittedAt: new Date(
								Date.UTC(2025, 6, 1) + o.day * 86_400_000 - 3 * 3600_000
							).toISOString()
						});
						const [result] = await ingest(t.db, [r], { user: admin }, { history: true });
						expect(result!.status).toBe('created');
						ids.push(r.id);
					} else if (ids.length) {
						const id = ids[o.pick % ids.length]!;
						const done =
							o.kind === 'void'
								? await voidResponse(t.db, id, 'phiếu trùng', admin)
								: await editResponse(t.db, id, o.answers, 'nhập sai', admin);
						expect(done.ok || (!done.ok && done.reason === 'responseVoid')).toBe(true);
					}
				}
				const { stored, recount } = await countersAndRecount(t.db);
				expect(stored).toEqual(recount);
			}),
			{ numRuns: engine === 'pglite' ? 15 : 25 }
		);
	});

	it('edits need a reason and a person allowed to, and keep the old values in the audit log', async () => {
		const r = response({ unit: 'DEMO.X02', channel: 'paper' });
		const imported = (answer: ResponseInput) =>
			ingest(t.db, [answer], { user: admin }, { history: true });
		await imported(r);
		expect(await editResponse(t.db, r.id, { A1: 1 }, ' ', staff)).toEqual({
			ok: false,
			reason: 'noReason'
		});
		expect(
			await editResponse(t.db, r.id, { A1: 1 }, 'sai', { ...staff, unitCode: 'DEMO.X03' })
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(await editResponse(t.db, r.id, { A1: 7 }, 'sai', staff)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(await editResponse(t.db, r.id, { A1: 1 }, 'nhập nhầm ô', staff)).toEqual({
			ok: true,
			value: undefined
		});
		const [entry] = await t.db.query<{
			details: { before: Record<string, number>; after: Record<string, number>; reason: string };
		}>(`select details from audit_log where action = 'response.edit' and target = $1`, [r.id]);
		expect(entry!.details).toEqual({ reason: 'nhập nhầm ô', before: r.answers, after: { A1: 1 } });
		// Resending the original after the edit is still a duplicate, not a conflict.
		expect((await imported(r))[0]!.status).toBe('duplicate');
		expect(await voidResponse(t.db, r.id, 'trùng phiếu', staff)).toEqual({
			ok: true,
			value: undefined
		});
		expect(await voidResponse(t.db, r.id, 'trùng phiếu', staff)).toEqual({
			ok: false,
			reason: 'responseVoid'
		});
	});

	it('refuses dates the unit or the kiosk cannot have, and holds a public answer sent days late', async () => {
		const keysOf = async (r: ResponseInput, actor: Parameters<typeof ingest>[2]) =>
			(await ingest(t.db, [r], actor))[0]!.issues?.map((i) => i.key);
		// DEMO.X01 exists from 1 July 2025; the kiosk was first enrolled that day.
		expect(
			await keysOf(response({ submittedAt: '2025-03-15T09:00:00+07:00' }), { device: kiosk })
		).toEqual(['issue.beforeUnit', 'issue.beforeEnrolment']);
		const inAnHour = new Date(Date.now() + 3600_000).toISOString();
		expect(await keysOf(response({ submittedAt: inAnHour }), { device: kiosk })).toEqual([
			'issue.future'
		]);
		const before = await countersAndRecount(t.db);
		const late = response({
			channel: 'web',
			submittedAt: new Date(Date.now() - 80 * 3600_000).toISOString()
		});
		expect(await ingest(t.db, [late], { public: true })).toEqual([
			{ id: late.id, status: 'created' }
		]);
		const [stored] = await t.db.query<{ status: string; reason: string }>(
			'select status, hold_reason as reason from responses where id = $1',
			[late.id]
		);
		expect(stored).toEqual({ status: 'held', reason: 'late' });
		expect(await countersAndRecount(t.db)).toEqual(before);
	});
});
