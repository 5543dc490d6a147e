import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing';
import { seedUnits, useTestDatabase, valueOf } from '../testing';
import {
	authenticateDevice,
	changeDevice,
	createDevice,
	enrol,
	renewEnrolment,
	revokeDevice
} from './service';

describe.each(testEngines())('devices [%s]', (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(() => seedUnits(t.db));

	it('enrols once with the code and then authenticates by token', async () => {
		const created = valueOf(await createDevice(t.db, { unit: 'DEMO.X01', name: 'Ki-ốt 1' }, null));
		expect(created.enrolmentCode).toMatch(/^[A-Z2-9]{8}$/);
		expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

		const enrolled = await enrol(t.db, created.enrolmentCode.toLowerCase());
		expect(enrolled).toMatchObject({
			ok: true,
			value: { device: { id: created.id, name: 'Ki-ốt 1' }, unit: { code: 'DEMO.X01' } }
		});
		const { token } = valueOf(enrolled);
		expect(token.length).toBeGreaterThanOrEqual(43);
		expect(await enrol(t.db, created.enrolmentCode)).toEqual({
			ok: false,
			reason: 'enrolmentUsed'
		});

		const auth = await authenticateDevice(t.db, token);
		expect(auth).toMatchObject({ ok: true, value: { id: created.id, unitCode: 'DEMO.X01' } });
		expect(await authenticateDevice(t.db, 'x'.repeat(43))).toEqual({
			ok: false,
			reason: 'deviceUnknown'
		});
	});

	it('refuses a wrong or expired code, and a unit that is abolished', async () => {
		const invalid = { ok: false, reason: 'enrolmentInvalid' };
		expect(await enrol(t.db, 'ABCDEFGH')).toEqual(invalid);
		expect(await enrol(t.db, 'short')).toEqual(invalid);
		const created = valueOf(await createDevice(t.db, { unit: 'DEMO.X02', name: 'Ki-ốt 2' }, null));
		await t.db.query(
			`update devices set enrolment_expires_at = now() - interval '1 minute' where id = $1`,
			[created.id]
		);
		expect(await enrol(t.db, created.enrolmentCode)).toEqual({
			ok: false,
			reason: 'enrolmentExpired'
		});
		const noUnit = {
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'unit', key: 'devices.error.unit' }]
		};
		expect(await createDevice(t.db, { unit: 'DEMO.H01', name: 'Ki-ốt huyện cũ' }, null)).toEqual(
			noUnit
		);
		expect(await createDevice(t.db, { unit: 'NOPE', name: 'x' }, null)).toEqual(noUnit);
	});

	it('re-enrolment replaces the token; revocation stops it with a reason', async () => {
		const created = valueOf(await createDevice(t.db, { unit: 'DEMO.X03', name: 'Ki-ốt 3' }, null));
		const first = valueOf(await enrol(t.db, created.enrolmentCode));
		const renewed = valueOf(await renewEnrolment(t.db, created.id, null));
		const second = valueOf(await enrol(t.db, renewed.enrolmentCode));
		expect(await authenticateDevice(t.db, first.token)).toEqual({
			ok: false,
			reason: 'deviceUnknown'
		});
		expect((await authenticateDevice(t.db, second.token)).ok).toBe(true);

		const change = (unit: string) =>
			changeDevice(t.db, created.id, { unit, name: 'Ki-ốt 3b' }, null);
		expect((await change('DEMO.X04')).ok).toBe(true);
		expect(await change('DEMO.H02')).toMatchObject({ ok: false, reason: 'invalid' });
		expect((await revokeDevice(t.db, created.id, null)).ok).toBe(true);
		expect(await authenticateDevice(t.db, second.token)).toEqual({
			ok: false,
			reason: 'deviceRevoked'
		});
		expect(await renewEnrolment(t.db, created.id, null)).toEqual({
			ok: false,
			reason: 'renewRevoked'
		});
	});
});
