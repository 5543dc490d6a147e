import { pbkdf2Sync, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseInput } from '$lib/survey/responses';
import { testEngines } from '../db/testing';
import { kioskConfiguration } from '../devices/configuration';
import { changeSettings, settingsOf } from '../devices/service';
import * as devices from '../devices/devices.repository';
import * as rateLimits from '../auth/rateLimits.repository';
import * as responses from './responses.repository';
import * as heldAnswers from './held.repository';
import * as rollups from './rollups.repository';
import * as users from '../people/users.repository';
import { aKiosk, aResponse, aUser } from '../factories';
import { today } from '$lib/survey/days';
import { seedUnits, useTestDatabase } from '../testing';
import { reviewHeld } from './review';
import { limits, sync } from './sync';

/** A public-link answer submitted now (the public link takes only units that exist today). */
const response = (over: Partial<ResponseInput> = {}) =>
	aResponse({
		channel: 'web',
		submittedAt: new Date().toISOString(),
		answers: { A1: 5, C1: 4 },
		...over
	});

const health = {
	unsent: 3,
	quarantined: 1,
	lastSyncAt: '2026-11-20T08:00:00.000Z',
	lastError: 'HTTP 503',
	persisted: true,
	storageUsage: 1_500_000,
	storageQuota: 2_000_000_000,
	appVersion: 'test'
};

/** The total of all counters: what the indices are made of. */
async function counted(db: Parameters<typeof rollups.all>[0]): Promise<number> {
	return (await rollups.all(db)).filter((r) => r.grain === 'y').reduce((sum, r) => sum + r.n, 0);
}

describe.each(testEngines())('sync [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let kiosk: devices.Device;
	let pin: string;
	let staffX01: users.User;
	let managerX01: users.User;
	let province: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		({ device: kiosk, pin } = await aKiosk(t.db));
		staffX01 = await aUser(t.db, { username: 'nv1', unitCode: 'DEMO.X01' });
		managerX01 = await aUser(t.db, { username: 'ql1', role: 'manager', unitCode: 'DEMO.X01' });
		province = await aUser(t.db, { username: 'ql', role: 'manager', unitCode: 'DEMO' });
	});

	it('gives a new kiosk its settings, a PIN hash it can check offline, and its instrument', async () => {
		const configuration = (await kioskConfiguration(t.db, kiosk))!;
		expect(configuration.unit.code).toBe('DEMO.X01');
		expect(configuration.settings).toMatchObject({
			mode: 'full',
			idleSeconds: 60,
			unfinished: 'discard',
			locale: 'vi'
		});
		expect(configuration.instrument.code).toBe('sipas-service-2023');
		const { salt, iterations, hash } = configuration.pin!;
		expect(pbkdf2Sync(pin, salt, iterations, 32, 'sha256').toString('hex')).toBe(hash);
		expect(pin).toMatch(/^\d{6}$/);
	});

	it('changes settings (quick mode brings the quick-rating instrument) and keeps or replaces the PIN', async () => {
		const settings = { ...settingsOf(kiosk), mode: 'quick' as const, counter: 'Quầy 3' };
		expect((await changeSettings(t.db, kiosk.id, { settings }, null)).ok).toBe(true);
		const quick = (await kioskConfiguration(t.db, (await devices.get(t.db, kiosk.id))!))!;
		expect(quick.instrument.code).toBe('quick-rating');
		expect(quick.settings.counter).toBe('Quầy 3');
		expect(quick.pin).toEqual(kiosk.pinHash);
		await changeSettings(t.db, kiosk.id, { settings: settingsOf(kiosk), pin: '2468' }, null);
		const after = (await devices.get(t.db, kiosk.id))!;
		expect(after.pinHash!.hash).not.toBe(kiosk.pinHash!.hash);
		const { salt, iterations, hash } = after.pinHash!;
		expect(pbkdf2Sync('2468', salt, iterations, 32, 'sha256').toString('hex')).toBe(hash);
		expect(await changeSettings(t.db, randomUUID(), { settings }, null)).toEqual({
			ok: false,
			reason: 'deviceNotFound'
		});
	});

	it('stores a kiosk batch and the health it reports', async () => {
		const batch = [response({ channel: 'kiosk', deviceSeq: 1 }), response({ channel: 'web' })];
		const outcome = await sync(t.db, { responses: batch, health }, { device: kiosk }, '10.0.0.1');
		expect(outcome.ok && outcome.value.map((r) => r.status)).toEqual(['created', 'invalid']);
		const stored = (await devices.get(t.db, kiosk.id))!;
		expect(stored.health).toEqual(health);
		expect(stored.healthAt).toBeInstanceOf(Date);
		expect(stored.lastSequence).toBe(1);
	});

	it('takes only web answers without device or paper fields from the public link', async () => {
		const outcome = await sync(
			t.db,
			{
				responses: [
					response(),
					response({ channel: 'kiosk' }),
					response({ deviceSeq: 4 }),
					response({ serial: '12' }),
					// An abolished district: the public link answers only for units that exist today.
					response({ unit: 'DEMO.H01' })
				]
			},
			{ public: true },
			'10.0.0.2'
		);
		expect(outcome.ok && outcome.value.map((r) => r.status)).toEqual([
			'created',
			'invalid',
			'invalid',
			'invalid',
			'invalid'
		]);
	});

	it('holds a flood from one IPv6 /64 out of the counters until a reviewer above the unit decides', async () => {
		const before = await counted(t.db);
		const sent = [];
		let each = 0;
		for (let i = 0; i <= limits.flood.hits; i++) {
			const one = response({ unit: 'DEMO.X01' });
			sent.push(one);
			// A new address of the same /64 each time: one sender all the same.
			const address = `2001:db8:7:7::${(i + 1).toString(16)}`;
			const outcome = await sync(t.db, { responses: [one] }, { public: true }, address);
			expect(outcome.ok && outcome.value[0]!.status).toBe('created');
			// What one response adds to the counters (its answers and its respondent).
			if (i === 0) each = (await counted(t.db)) - before;
		}
		expect(each).toBeGreaterThan(0);
		const second = response({ unit: 'DEMO.X02' });
		await sync(t.db, { responses: [second] }, { public: true }, '2001:db8:7:7:ffff::1');
		// 20 counted, the 21st and 22nd held.
		expect(await counted(t.db)).toBe(before + limits.flood.hits * each);
		const held = await heldAnswers.listHeld(t.db, null);
		expect(held.map((h) => h.id).sort()).toEqual([sent.at(-1)!.id, second.id].sort());
		expect(held.every((h) => h.holdReason === 'flood' && h.answered === 2)).toBe(true);
		expect((await heldAnswers.listHeld(t.db, ['DEMO.X02'])).map((h) => h.id)).toEqual([second.id]);

		// Separation of duties: the unit's own staff, or a manager of the unit itself, never
		// decide; one id out of reach stops a whole request.
		const mine = sent.at(-1)!.id;
		const forbidden = (id: string) => ({ ok: false, reason: 'forbidden', params: { id } });
		expect(await reviewHeld(t.db, { ids: [mine], decision: 'accept' }, staffX01)).toEqual(
			forbidden(mine)
		);
		expect(await reviewHeld(t.db, { ids: [mine], decision: 'accept' }, managerX01)).toEqual(
			forbidden(mine)
		);
		expect(await counted(t.db)).toBe(before + limits.flood.hits * each);

		expect(await reviewHeld(t.db, { ids: [mine], decision: 'accept' }, province)).toEqual({
			ok: true,
			value: 1
		});
		expect(await counted(t.db)).toBe(before + (limits.flood.hits + 1) * each);
		expect(await reviewHeld(t.db, { ids: [second.id], decision: 'reject' }, province)).toEqual({
			ok: true,
			value: 1
		});
		expect(await counted(t.db)).toBe(before + (limits.flood.hits + 1) * each);
		expect(await heldAnswers.listHeld(t.db, null)).toEqual([]);
		// Decided once: a second decision is refused, and the rejected answer is still stored.
		expect(
			await reviewHeld(t.db, { ids: [second.id], decision: 'accept' }, province)
		).toMatchObject({ ok: false, reason: 'notHeld' });
		expect((await responses.getForUpdate(t.db, second.id))!.status).toBe('rejected');
	});

	it('holds the public answers of a unit past its daily ceiling, with the reason', async () => {
		const key = `sync:ceiling:DEMO.X05:${today()}`;
		await rateLimits.hit(t.db, key, limits.ceiling.seconds, limits.ceiling.hits);
		const one = response({ unit: 'DEMO.X05' });
		const outcome = await sync(t.db, { responses: [one] }, { public: true }, '198.51.100.9');
		expect(outcome.ok && outcome.value[0]!.status).toBe('created');
		const held = await heldAnswers.listHeld(t.db, ['DEMO.X05']);
		expect(held.map((h) => [h.id, h.holdReason])).toEqual([[one.id, 'ceiling']]);
		// Another unit the same day is not held.
		const other = response({ unit: 'DEMO.X06' });
		await sync(t.db, { responses: [other] }, { public: true }, '198.51.100.9');
		expect(await heldAnswers.listHeld(t.db, ['DEMO.X06'])).toEqual([]);
	});

	it('takes the answers of a kiosk whose clock is fast on the server’s time, and marks them', async () => {
		const fast = 20 * 60_000;
		const clock = new Date(Date.now() + fast).toISOString();
		const own = response({
			channel: 'kiosk',
			submittedAt: new Date(Date.now() + 15 * 60_000).toISOString()
		});
		const first = await sync(
			t.db,
			{ responses: [own], health: { ...health, clock } },
			{ device: kiosk },
			'10.0.0.7'
		);
		expect(first.ok && first.value).toEqual([{ id: own.id, status: 'created' }]);
		// The next batch of the run carries no health: the clock it last reported still counts.
		const reported = (await devices.get(t.db, kiosk.id))!;
		const next = response({ channel: 'kiosk', submittedAt: clock });
		await sync(t.db, { responses: [next] }, { device: reported }, '10.0.0.7');
		const rows = await t.db.query<{ flags: string[] }>(
			'select flags from responses where id = any($1::uuid[]) order by id',
			[[own.id, next.id]]
		);
		expect(rows.map((r) => r.flags)).toEqual([['clock'], ['clock']]);
		// On time again: nothing marked.
		const right = response({ channel: 'kiosk' });
		const onTime = { ...health, clock: new Date().toISOString() };
		await sync(t.db, { responses: [right], health: onTime }, { device: reported }, '10.0.0.7');
		const [row] = await t.db.query<{ flags: string[] }>(
			'select flags from responses where id = $1',
			[right.id]
		);
		expect(row!.flags).toEqual([]);
	});

	it('throttles a kiosk past its request budget and a public address past its own', async () => {
		for (let i = 0; i < limits.device.hits; i++) {
			await rateLimits.hit(t.db, `sync:device:${kiosk.id}`, limits.device.seconds);
		}
		const kioskBatch = { responses: [response({ channel: 'kiosk' })] };
		expect(await sync(t.db, kioskBatch, { device: kiosk }, '10.0.0.4')).toEqual({
			ok: false,
			reason: 'throttled'
		});
		await rateLimits.hit(t.db, 'sync:ip:10.0.0.5', limits.address.seconds, limits.address.hits);
		expect(await sync(t.db, { responses: [response()] }, { public: true }, '10.0.0.5')).toEqual({
			ok: false,
			reason: 'throttled'
		});
		// Nothing of a refused batch was stored.
		expect(await responses.hashes(t.db, [kioskBatch.responses[0]!.id])).toEqual(new Map());
	});
});
