import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing';
import { aUser } from '../factories';
import * as users from '../people/users.repository';
import { seedUnits, useTestDatabase, valueOf } from '../testing';
import { hashPassword, newEnrolmentCode, normaliseEnrolmentCode, verifyPassword } from './crypto';
import { delayOf, login, LOGIN_LIMITS } from './login';
import { inScope, scopeOf } from './scope';
import { endSession, userForSession } from './sessions';

describe('passwords', () => {
	it('verify only the right password, with a fresh salt each time', async () => {
		const a = await hashPassword('mật khẩu dài đủ');
		const b = await hashPassword('mật khẩu dài đủ');
		expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword('mật khẩu dài đủ', a)).toBe(true);
		expect(await verifyPassword('mật khẩu dài đủ ', a)).toBe(false);
		expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
	});

	it('treat composed and decomposed Vietnamese letters alike', async () => {
		const hash = await hashPassword('Hà Nội 2026!');
		expect(await verifyPassword('Hà Nội 2026!'.normalize('NFD'), hash)).toBe(true);
	});
});

describe('enrolment codes', () => {
	it('are 8 unambiguous characters and forgive case, spaces and dashes', () => {
		const code = newEnrolmentCode();
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
		expect(normaliseEnrolmentCode(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `)).toBe(
			code
		);
	});
});

describe.each(testEngines())('sign-in and scope [%s]', (engine) => {
	const t = useTestDatabase(engine);
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		await seedUnits(t.db);
		const people = [
			{ username: 'boss', role: 'admin', unitCode: null },
			{ username: 'Manager', role: 'manager', unitCode: 'DEMO' },
			{ username: 'clerk', role: 'staff', unitCode: 'DEMO.X01' },
			{ username: 'locked', role: 'staff', unitCode: 'DEMO.X02' }
		] as const;
		for (const p of people)
			ids[p.username] = (
				await aUser(t.db, { ...p, displayName: p.username, password: 'correct horse' })
			).id;
	});

	it('signs in with the right password, case-insensitive username, and the session finds the user', async () => {
		const result = await login(t.db, {
			username: 'manager',
			password: 'correct horse',
			address: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
		const { user, token } = valueOf(result);
		expect(user).toMatchObject({ username: 'Manager', role: 'manager' });
		expect(user).not.toHaveProperty('passwordHash');
		expect((await userForSession(t.db, token))?.id).toBe(ids.Manager);
		await endSession(t.db, token);
		expect(await userForSession(t.db, token)).toBeUndefined();
	});

	it('refuses a wrong password and an unknown user alike', async () => {
		expect(
			await login(t.db, { username: 'clerk', password: 'wrong', address: '10.0.0.2' })
		).toEqual({
			ok: false,
			reason: 'badCredentials'
		});
		expect(await login(t.db, { username: 'nobody', password: 'x', address: '10.0.0.2' })).toEqual({
			ok: false,
			reason: 'badCredentials'
		});
	});

	it('counts every attempt before checking it: forty at once, and only five are checked', async () => {
		const attempts = await Promise.all(
			Array.from({ length: 40 }, () =>
				login(t.db, { username: 'locked', password: 'guess', address: '10.1.0.1' })
			)
		);
		const reasons = attempts.map((a) => (a.ok ? 'ok' : a.reason));
		expect(reasons.filter((r) => r === 'badCredentials')).toHaveLength(LOGIN_LIMITS.pair);
		expect(reasons.filter((r) => r === 'signInThrottled')).toHaveLength(40 - LOGIN_LIMITS.pair);
		// That address is done with that account for the window, right password or not.
		expect(
			await login(t.db, { username: 'locked', password: 'correct horse', address: '10.1.0.1' })
		).toEqual({ ok: false, reason: 'signInThrottled' });
	});

	it('lets nobody lock another person out: the owner signs in from their own address', async () => {
		const guesses = (username: string, address: string) =>
			Promise.all(
				Array.from({ length: LOGIN_LIMITS.pair }, () =>
					login(t.db, { username, password: 'guess', address })
				)
			);
		for (let i = 0; i < 3; i++) await guesses('boss', `10.3.0.${i}`);
		const owner = await login(t.db, {
			username: 'boss',
			password: 'correct horse',
			address: '10.3.1.1'
		});
		expect(owner.ok).toBe(true);
		// An IPv6 sender is one /64, whichever of its addresses it picks.
		await guesses('clerk', '2001:db8:1:2::1');
		expect(
			await login(t.db, {
				username: 'clerk',
				password: 'correct horse',
				address: '2001:db8:1:2::ff'
			})
		).toEqual({ ok: false, reason: 'signInThrottled' });
	});

	it('slows guessing: each step doubles the wait, up to a ceiling', () => {
		expect([1, 2, 3, 4, 5].map((n) => delayOf(n, 0))).toEqual([0, 200, 400, 800, 1600]);
		expect(delayOf(1, 9)).toBe(0);
		expect(delayOf(1, 30)).toBe(800);
		expect(delayOf(1, 10_000)).toBe(LOGIN_LIMITS.maxDelayMs);
	});

	it('throttles one address trying many accounts', async () => {
		for (let i = 0; i < LOGIN_LIMITS.address; i++) {
			await login(t.db, { username: `ghost${i}`, password: 'guess', address: '10.9.9.9' });
		}
		const result = await login(t.db, {
			username: 'boss',
			password: 'correct horse',
			address: '10.9.9.9'
		});
		expect(result).toEqual({ ok: false, reason: 'signInThrottled' });
		expect(
			(await login(t.db, { username: 'boss', password: 'correct horse', address: '10.9.9.8' })).ok
		).toBe(true);
	});

	it('ignores expired sessions and sessions of disabled accounts', async () => {
		const result = await login(t.db, {
			username: 'clerk',
			password: 'correct horse',
			address: '10.2.0.1'
		});
		const { token } = valueOf(result);
		await users.setDisabled(t.db, ids.clerk!, true);
		expect(await userForSession(t.db, token)).toBeUndefined();
		await users.setDisabled(t.db, ids.clerk!, false);
		expect(await userForSession(t.db, token)).toBeDefined();
		await t.db.query(`update sessions set expires_at = now() - interval '1 second'`);
		expect(await userForSession(t.db, token)).toBeUndefined();
		expect(await userForSession(t.db, 'x'.repeat(500))).toBeUndefined();
	});

	it('scopes admins to everything, managers to their subtree, staff and kiosks to their unit', async () => {
		const admin = await scopeOf(t.db, { user: (await users.get(t.db, ids.boss!))! });
		const manager = await scopeOf(t.db, { user: (await users.get(t.db, ids.Manager!))! });
		const staff = await scopeOf(t.db, { user: (await users.get(t.db, ids.clerk!))! });
		expect(inScope(admin, 'ANYTHING')).toBe(true);
		expect(inScope(manager, 'DEMO.S05')).toBe(true);
		expect(inScope(manager, 'DEMO.H02')).toBe(true);
		expect(inScope(staff, 'DEMO.X01')).toBe(true);
		expect(inScope(staff, 'DEMO.X02')).toBe(false);
		expect(inScope(staff, 'DEMO')).toBe(false);
		const device = { unitCode: 'DEMO.X03' } as Parameters<typeof scopeOf>[1]['device'] & object;
		const kiosk = await scopeOf(t.db, { device });
		expect(inScope(kiosk, 'DEMO.X03')).toBe(true);
		expect(inScope(kiosk, 'DEMO.X01')).toBe(false);
	});
});
