import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login } from './auth/login';
import { StartupError } from './db';
import { DataDirLockedError } from './db/lock';
import * as devices from './devices/devices.repository';
import * as units from './units/units.repository';
import * as users from './people/users.repository';
import { FIRST_ADMIN_FILE, start } from './startup';
import { serverQuery, testEngines } from './db/testing';

describe('start-up on the embedded database', () => {
	it('migrates, creates the first admin from the environment, loads the demo once, and locks the dir', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sipas-start-'));
		const env = {
			DATA_DIR: dir,
			SIPAS_ADMIN_PASSWORD: 'first-admin-pass',
			PORT: '4321',
			DEMO_RESPONSES: '0'
		};
		const first = await start(env);
		try {
			expect(first.db.engine).toBe('pglite');
			expect(first.banner[0]).toContain('http://localhost:4321');
			expect(first.banner.join('\n')).toContain('admin / the password in SIPAS_ADMIN_PASSWORD');
			expect(await units.count(first.db)).toBe(143);
			expect((await users.list(first.db)).map((u) => u.username).sort()).toEqual([
				'admin',
				'manager',
				'manager-x01',
				'staff',
				'staff-b',
				'staff2'
			]);
			// The demo kiosk waits for a tablet: its code and PIN are in the banner.
			const [kiosk, ...others] = await devices.list(first.db);
			expect(others).toEqual([]);
			expect(kiosk!.enrolledAt).toBeNull();
			expect(first.banner.join('\n')).toMatch(
				/Kiosk: {4}http:\/\/localhost:4321\/kiosk, enrolment code [A-Z0-9]{8} \(valid 24 h\), PIN \d{6}/
			);
			expect(
				(await login(first.db, { username: 'admin', password: 'first-admin-pass', address: 'x' }))
					.ok
			).toBe(true);
			await expect(start(env)).rejects.toThrow(DataDirLockedError);
		} finally {
			await first.close();
		}
		const second = await start(env);
		try {
			expect(await units.count(second.db)).toBe(143);
			expect(second.banner.join('\n')).not.toContain('Admin:');
		} finally {
			await second.close();
		}
	});

	it('prints a random admin password once when none is given, and skips the demo with DEMO=0', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sipas-start-'));
		const started = await start({ DATA_DIR: dir, DEMO: '0' });
		try {
			const line = started.banner.find((l) => l.includes('Admin:'))!;
			const password = /admin \/ (\S+)/.exec(line)![1]!;
			expect(password.length).toBeGreaterThanOrEqual(16);
			const signedIn = await login(started.db, { username: 'admin', password, address: 'y' });
			// A password nobody chose for themselves is changed at first sign-in.
			expect(signedIn.ok && signedIn.value.user.mustChangePassword).toBe(true);
			expect(await units.count(started.db)).toBe(0);
		} finally {
			await started.close();
		}
	});

	it('refuses the embedded fallback in production when PostgreSQL is required', async () => {
		await expect(start({ NODE_ENV: 'production', REQUIRE_POSTGRES: '1' })).rejects.toThrow(
			StartupError
		);
		await expect(start({ NODE_ENV: 'production', REQUIRE_POSTGRES: '1' })).rejects.toThrow(
			/DATABASE_URL is not set/
		);
	});
});

describe('start-up in production', () => {
	it('creates no demo unless asked, and logs no password, enrolment code or PIN', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sipas-start-'));
		const started = await start({ NODE_ENV: 'production', DATA_DIR: dir, DEMO_RESPONSES: '0' });
		const file = join(dir, FIRST_ADMIN_FILE);
		try {
			expect(await units.count(started.db)).toBe(0);
			expect((await users.list(started.db)).map((u) => u.username)).toEqual(['admin']);
			const password = readFileSync(file, 'utf8').trim();
			expect(password.length).toBeGreaterThanOrEqual(16);
			expect(statSync(file).mode & 0o777).toBe(0o600);
			const banner = started.banner.join('\n');
			expect(banner).toContain(file);
			expect(banner).not.toContain(password);
			const admin = await login(started.db, { username: 'admin', password, address: 'p' });
			expect(admin.ok && admin.value.user.mustChangePassword).toBe(true);
		} finally {
			await started.close();
		}
		// DEMO=1 asks for it: the demo people and kiosk exist, their secrets stay out of the log.
		const demo = await start({
			NODE_ENV: 'production',
			DATA_DIR: dir,
			DEMO: '1',
			DEMO_RESPONSES: '0'
		});
		try {
			expect(await units.count(demo.db)).toBe(143);
			const banner = demo.banner.join('\n');
			expect(banner).toContain('manager');
			expect(banner).not.toMatch(/demo-manager|PIN \d|enrolment code [A-Z0-9]{8}/);
		} finally {
			await demo.close();
		}
	});
});

describe.runIf(testEngines().includes('postgres'))('start-up on PostgreSQL', () => {
	it('seeds an empty database once when two servers start on it together', async () => {
		const server = new URL(process.env.TEST_DATABASE_URL!);
		const name = `sipas_race_${Date.now()}`;
		await serverQuery(server.href, `create database ${name}`);
		const url = new URL(server.href);
		url.pathname = `/${name}`;
		const env = {
			DATABASE_URL: url.href,
			SIPAS_ADMIN_PASSWORD: 'race-admin-pass',
			DEMO_RESPONSES: '0'
		};
		try {
			const both = await Promise.allSettled([start(env), start(env)]);
			const up = both.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
			try {
				expect(both.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual([
					'up',
					'up'
				]);
				expect(await units.count(up[0]!.db)).toBe(143);
				expect((await users.list(up[0]!.db)).filter((u) => u.username === 'admin')).toHaveLength(1);
				// The admin line is printed by the one that created the admin.
				expect(up.filter((s) => s.banner.join('\n').includes('Admin:'))).toHaveLength(1);
			} finally {
				await Promise.all(up.map((s) => s.close()));
			}
		} finally {
			await serverQuery(server.href, `drop database if exists ${name} with (force)`);
		}
	});
});
