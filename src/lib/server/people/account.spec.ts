import { beforeAll, describe, expect, it } from 'vitest';
import { login } from '../auth/login';
import { startSession, userForSession } from '../auth/sessions';
import * as audit from '../audit/audit.repository';
import { testEngines } from '../db/testing';
import { aUser } from '../factories';
import { seedUnits, useTestDatabase } from '../testing';
import { changeOwnPassword } from './account';
import type * as users from './users.repository';

describe.each(testEngines())('a person changes their own password [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let clerk: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		clerk = await aUser(t.db, {
			username: 'clerk',
			password: 'chosen-by-admin',
			mustChangePassword: true
		});
	});

	it('says which field is wrong, and changes nothing', async () => {
		const change = (current: string, next: string, confirm = next) =>
			changeOwnPassword(t.db, clerk, { current, next, confirm });
		const field = async (result: ReturnType<typeof change>) => {
			const outcome = await result;
			return outcome.ok ? 'ok' : outcome.issues?.[0];
		};
		expect(await field(change('wrong-password', 'a-new-password'))).toEqual({
			field: 'current',
			key: 'account.error.current'
		});
		expect(await field(change('chosen-by-admin', 'short'))).toMatchObject({
			field: 'next',
			key: 'users.error.password'
		});
		expect(await field(change('chosen-by-admin', 'chosen-by-admin'))).toMatchObject({
			field: 'next',
			key: 'account.error.same'
		});
		expect(
			await field(change('chosen-by-admin', 'a-new-password', 'a-new-passwort'))
		).toMatchObject({
			field: 'confirm',
			key: 'account.error.confirm'
		});
		expect(
			(await login(t.db, { username: 'clerk', password: 'chosen-by-admin', address: 'a' })).ok
		).toBe(true);
	});

	it('sets the new one, ends every other session and stops asking', async () => {
		const elsewhere = await startSession(t.db, clerk.id);
		expect((await userForSession(t.db, elsewhere.token))?.mustChangePassword).toBe(true);
		const changed = await changeOwnPassword(t.db, clerk, {
			current: 'chosen-by-admin',
			next: 'my-own-password',
			confirm: 'my-own-password'
		});
		expect(changed.ok).toBe(true);
		expect(await userForSession(t.db, elsewhere.token)).toBeUndefined();
		const here = await userForSession(t.db, changed.ok ? changed.value.token : '');
		expect(here).toMatchObject({ username: 'clerk', mustChangePassword: false });
		const signIn = (password: string) => login(t.db, { username: 'clerk', password, address: 'b' });
		expect(await signIn('chosen-by-admin')).toMatchObject({ ok: false, reason: 'badCredentials' });
		expect((await signIn('my-own-password')).ok).toBe(true);
		expect(await audit.actions(t.db)).toContain('user.ownPassword');
	});
});
