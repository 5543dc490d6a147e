import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing';
import { seedUnits, useTestDatabase } from '../testing';
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
		const created = await createDevice(t.db, { unit: 'DEMO.X01', name: 'Ki-ốt 1' }, null);
		if (created === 'unit') throw new Error('unit refused');
		expect(created.enrolmentCode).toMatch(/^[A-Z2-9]{8}$/);
		expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

		const enrolled = await enrol(t.db, created.enrolmentCode.toLowerCase());
		expect(enrolled).toMatchObject({
			ok: true,
			device: { id: created.id, name: 'Ki-ốt 1' },
			unit: { code: 'DEMO.X01' }
		});
		if (!enrolled.ok) return;
		expect(enrolled.token.length).toBeGreaterThanOrEqual(43);
		expect(await enrol(t.db, created.enrolmentCode)).toEqual({ ok: false, reason: 'used' });

		const auth = await authenticateDevice(t.db, enrolled.token);
		expect(auth).toMatchObject({ ok: true, device: { id: created.id, unitCode: 'DEMO.X01' } });
		expect(await authenticateDevice(t.db, 'x'.repeat(43))).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});

	it('refuses a wrong or expired code, and a unit that is abolished', async () => {
		expect(await enrol(t.db, 'ABCDEFGH')).toEqual({ ok: false, reason: 'invalid' });
		expect(await enrol(t.db, 'short')).toEqual({ ok: false, reason: 'invalid' });
		const created = await createDevice(t.db, { unit: 'DEMO.X02', name: 'Ki-ốt 2' }, null);
		if (created === 'unit') throw new Error('unit refused');
		await t.db.query(
			`update devices set enrolment_expires_at = now() - interval '1 minute' where id = $1`,
			[created.id]
		);
		expect(await enrol(t.db, created.enrolmentCode)).toEqual({ ok: false, reason: 'expired' });
		expect(await createDevice(t.db, { unit: 'DEMO.H01', name: 'Ki-ốt huyện cũ' }, null)).toBe(
			'unit'
		);
		expect(await createDevice(t.db, { unit: 'NOPE', name: 'x' }, null)).toBe('unit');
	});

	it('re-enrolment replaces the token; revocation stops it with a reason', async () => {
		const created = await createDevice(t.db, { unit: 'DEMO.X03', name: 'Ki-ốt 3' }, null);
		if (created === 'unit') throw new Error('unit refused');
		const first = await enrol(t.db, created.enrolmentCode);
		if (!first.ok) throw new Error('enrol failed');
		const renewed = await renewEnrolment(t.db, created.id, null);
		if (typeof renewed === 'string') throw new Error('renew failed');
		const second = await enrol(t.db, renewed.enrolmentCode);
		if (!second.ok) throw new Error('enrol failed');
		expect(await authenticateDevice(t.db, first.token)).toEqual({ ok: false, reason: 'unknown' });
		expect((await authenticateDevice(t.db, second.token)).ok).toBe(true);

		expect(await changeDevice(t.db, created.id, { unit: 'DEMO.X04', name: 'Ki-ốt 3b' }, null)).toBe(
			'ok'
		);
		expect(await changeDevice(t.db, created.id, { unit: 'DEMO.H02', name: 'x' }, null)).toBe(
			'unit'
		);
		expect(await revokeDevice(t.db, created.id, null)).toBe('ok');
		expect(await authenticateDevice(t.db, second.token)).toEqual({ ok: false, reason: 'revoked' });
		expect(await renewEnrolment(t.db, created.id, null)).toBe('revoked');
	});
});
