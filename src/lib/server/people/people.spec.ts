import { beforeAll, describe, expect, it } from 'vitest';
import { login } from '../auth/login';
import { userForSession } from '../auth/sessions';
import { testEngines } from '../db/testing';
import * as audit from '../audit/audit.repository';
import * as users from './users.repository';
import { seedUnits, useTestDatabase } from '../testing';
import { newUser } from './schema';
import { changeUser, createUser, resetPassword, setDisabled } from './service';

describe('user schema', () => {
	it('explains each bad field', () => {
		const result = newUser.safeParse({
			username: 'a b',
			password: 'short',
			role: 'king',
			unitCode: '',
			displayName: ''
		});
		const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
		expect(issues).toEqual({
			username: 'users.error.username',
			password: 'users.error.password',
			role: 'users.error.role'
		});
	});

	it('requires a unit for managers and staff', () => {
		const result = newUser.safeParse({
			username: 'abc',
			password: '0123456789',
			role: 'staff',
			unitCode: '',
			displayName: ''
		});
		expect(result.error?.issues[0]).toMatchObject({
			path: ['unitCode'],
			message: 'users.error.unitRequired'
		});
	});
});

describe.each(testEngines())('people [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let adminId = '';
	let staffId = '';
	beforeAll(async () => {
		await seedUnits(t.db);
		const admin = await createUser(
			t.db,
			{
				username: 'root',
				password: 'root-password',
				role: 'admin',
				unitCode: null,
				displayName: ''
			},
			null
		);
		const staff = await createUser(
			t.db,
			{
				username: 'nv',
				password: 'staff-password',
				role: 'staff',
				unitCode: 'DEMO.X01',
				displayName: ''
			},
			null
		);
		if (!admin.ok || !staff.ok) throw new Error('seed failed');
		adminId = admin.value;
		staffId = staff.value;
	});

	it('refuses a taken username whatever its case, and an unknown unit', async () => {
		const taken = await createUser(
			t.db,
			{
				username: 'NV',
				password: 'x'.repeat(10),
				role: 'staff',
				unitCode: 'DEMO.X01',
				displayName: ''
			},
			adminId
		);
		expect(taken).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'username', key: 'users.error.usernameTaken' }]
		});
		const unit = await createUser(
			t.db,
			{
				username: 'nv2',
				password: 'x'.repeat(10),
				role: 'staff',
				unitCode: 'NOPE',
				displayName: ''
			},
			adminId
		);
		expect(unit).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ field: 'unitCode', key: 'unit.error.notFound' }]
		});
	});

	it('keeps the last admin an admin and enabled', async () => {
		expect(
			await changeUser(
				t.db,
				adminId,
				{ role: 'staff', unitCode: 'DEMO.X01', displayName: '' },
				adminId
			)
		).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ key: 'users.error.lastAdmin' }]
		});
		expect(await setDisabled(t.db, adminId, true, staffId)).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ key: 'users.error.lastAdmin' }]
		});
		expect(await setDisabled(t.db, adminId, true, adminId)).toMatchObject({
			ok: false,
			reason: 'invalid',
			issues: [{ key: 'users.error.self' }]
		});
	});

	it('signs a person out everywhere when their scope changes or their password is reset', async () => {
		const first = await login(t.db, {
			username: 'nv',
			password: 'staff-password',
			address: '1.1.1.1'
		});
		if (!first.ok) throw new Error('login failed');
		await changeUser(
			t.db,
			staffId,
			{ role: 'staff', unitCode: 'DEMO.X02', displayName: 'Chuyển đơn vị' },
			adminId
		);
		expect(await userForSession(t.db, first.value.token)).toBeUndefined();
		expect((await users.get(t.db, staffId))!.unitCode).toBe('DEMO.X02');

		const second = await login(t.db, {
			username: 'nv',
			password: 'staff-password',
			address: '1.1.1.1'
		});
		if (!second.ok) throw new Error('login failed');
		await resetPassword(t.db, staffId, 'brand-new-password', adminId);
		expect(await userForSession(t.db, second.value.token)).toBeUndefined();
		expect(
			(await login(t.db, { username: 'nv', password: 'staff-password', address: '1.1.1.2' })).ok
		).toBe(false);
		expect(
			(await login(t.db, { username: 'nv', password: 'brand-new-password', address: '1.1.1.2' })).ok
		).toBe(true);
	});

	it('audits who changed what', async () => {
		const actions = (await audit.search(t.db, { units: null, limit: 50 })).rows.map(
			(e) => e.action
		);
		expect(actions).toEqual(
			expect.arrayContaining(['user.create', 'user.update', 'user.password', 'login'])
		);
	});
});
