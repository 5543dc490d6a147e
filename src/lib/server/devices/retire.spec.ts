import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateDevice, renewEnrolment, retireDevice, revokeDevice } from './service';
import * as devices from './devices.repository';
import { testEngines } from '../db/testing';
import { aKiosk, aResponse } from '../factories';
import * as quarantine from '../responses/quarantine.repository';
import { sync } from '../responses/sync';
import { seedUnits, useTestDatabase } from '../testing';

describe.each(testEngines())('a retired kiosk [%s]', (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(() => seedUnits(t.db));

	/** What the server answers a kiosk sending `answers` with its token. */
	const send = async (token: string, answers: ReturnType<typeof aResponse>[]) => {
		const auth = await authenticateDevice(t.db, token);
		if (!auth.ok) return auth.reason;
		const outcome = await sync(t.db, { responses: answers }, { device: auth.value }, '10.0.0.9');
		return outcome.ok
			? outcome.value.map((r) => (r.status === 'invalid' ? r.issues![0]!.key : r.status))
			: outcome.reason;
	};
	const deviceOf = async (id: string) =>
		(
			await t.db.query<{ device: string }>(
				'select device_id as device from responses where id = $1',
				[id]
			)
		)[0]?.device;

	it('lands what it took before retiring, from its own token, and refuses what it took after', async () => {
		const old = await aKiosk(t.db);
		const before = aResponse({
			deviceId: old.device.id,
			submittedAt: new Date(Date.now() - 3600_000).toISOString()
		});
		expect((await retireDevice(t.db, old.device.id, null)).ok).toBe(true);
		const after = aResponse({
			deviceId: old.device.id,
			submittedAt: new Date(Date.now() + 60_000).toISOString()
		});
		expect(await send(old.token, [before, after])).toEqual(['created', 'issue.deviceRetired']);
		expect(await deviceOf(before.id)).toBe(old.device.id);
		const quarantined = await quarantine.list(t.db, ['DEMO.X01']);
		expect(quarantined.map((q) => q.responseId)).toContain(after.id);
		// Retired is out of service: no new enrolment code for it.
		expect(await renewEnrolment(t.db, old.device.id, null)).toMatchObject({
			ok: false,
			reason: 'renewRevoked'
		});
	});

	it("lets the tablet enrolled again for the unit carry the retired kiosk's queued answers", async () => {
		const old = await aKiosk(t.db);
		const queued = aResponse({
			deviceId: old.device.id,
			submittedAt: new Date(Date.now() - 7200_000).toISOString()
		});
		await retireDevice(t.db, old.device.id, null);
		const replacement = await aKiosk(t.db);
		const own = aResponse({
			deviceId: replacement.device.id,
			submittedAt: new Date().toISOString()
		});
		expect(await send(replacement.token, [queued, own])).toEqual(['created', 'created']);
		// Each answer keeps the kiosk that took it.
		expect(await deviceOf(queued.id)).toBe(old.device.id);
		expect(await deviceOf(own.id)).toBe(replacement.device.id);
		expect((await devices.get(t.db, replacement.device.id))!.retiredAt).toBeNull();
	});

	it("carries nothing of a revoked kiosk, nor of another unit's", async () => {
		const stolen = await aKiosk(t.db);
		await revokeDevice(t.db, stolen.device.id, null);
		const elsewhere = await aKiosk(t.db, 'DEMO.X02');
		await retireDevice(t.db, elsewhere.device.id, null);
		const carrier = await aKiosk(t.db);
		const at = new Date(Date.now() - 600_000).toISOString();
		expect(
			await send(carrier.token, [
				aResponse({ deviceId: stolen.device.id, submittedAt: at }),
				aResponse({ deviceId: elsewhere.device.id, submittedAt: at })
			])
		).toEqual(['issue.deviceId', 'issue.deviceId']);
		expect(await send(stolen.token, [aResponse({ submittedAt: at })])).toBe('deviceRevoked');
	});
});
