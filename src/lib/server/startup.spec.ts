import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login } from './auth/login';
import { StartupError } from './db';
import { DataDirLockedError } from './db/lock';
import * as devices from './devices/devices.repository';
import * as units from './units/units.repository';
import * as users from './people/users.repository';
import { start } from './startup';

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
			expect(await units.count(first.db)).toBe(63);
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
			expect(await units.count(second.db)).toBe(63);
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
			expect((await login(started.db, { username: 'admin', password, address: 'y' })).ok).toBe(
				true
			);
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
