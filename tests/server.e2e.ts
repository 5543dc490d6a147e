import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { ADMIN_PASSWORD, runServerToExit, startServer, type RunningServer } from './support/server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('the built server', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers /login with 200 in Vietnamese, with security headers', async () => {
		const response = await fetch(`${server.url}/login`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('Đăng nhập');
		expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
		expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('prints the URL and the sign-ins at start', () => {
		expect(server.output()).toContain(`SIPAS is ready on ${server.url}`);
		expect(server.output()).toContain('admin / the password in SIPAS_ADMIN_PASSWORD');
		expect(server.output()).toContain('manager / demo-manager');
	});

	it('lets the first-start admin sign in with a plain form post, and out again', async () => {
		const admin = new Client(server.url);
		const response = await admin.signIn('admin', ADMIN_PASSWORD);
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sipas_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect((await admin.request('/admin/users', { headers: { accept: 'text/html' } })).status).toBe(
			200
		);
		expect((await admin.form('/logout', {})).status).toBe(303);
		expect((await admin.request('/admin/users')).status).toBe(303);
	});

	it('tells a wrong password apart from nothing, and never signs in', async () => {
		const client = new Client(server.url);
		const response = await client.signIn('admin', 'wrong-password');
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
		expect((await client.request('/api/units')).status).toBe(401);
	});

	it('answers API callers with JSON errors: 401, 403, 404, 415, 400', async () => {
		const anonymous = new Client(server.url);
		const denied = await anonymous.request('/api/units');
		expect(denied.status).toBe(401);
		expect(await denied.json()).toEqual({
			error: 'Cần đăng nhập.',
			code: 'api.error.unauthenticated'
		});
		const english = await anonymous.request('/api/units', { headers: { 'accept-language': 'en' } });
		expect((await english.json()).error).toBe('Sign-in required.');

		const staff = new Client(server.url);
		await staff.signIn('staff', 'demo-staff-1');
		expect((await staff.request('/api/units/import', { method: 'POST', body: 'x' })).status).toBe(
			403
		);
		expect((await staff.json('/api/devices', { unit: 'DEMO.X01', name: 'x' })).status).toBe(403);
		const other = await staff.request('/api/units/DEMO.S01');
		expect(other.status).toBe(403);
		expect((await other.json()).error).toContain('DEMO.S01');
		expect((await staff.request('/api/units/NOPE')).status).toBe(404);
		const own = await staff.request('/api/units');
		expect((await own.json()).units.map((u: { code: string }) => u.code)).toEqual(['DEMO.X01']);

		const wrongType = await anonymous.request('/api/devices/enrol', {
			method: 'POST',
			body: 'code=1'
		});
		expect(wrongType.status).toBe(415);
		const badJson = await anonymous.request('/api/devices/enrol', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"code":'
		});
		expect(badJson.status).toBe(400);
		expect(await badJson.json()).toMatchObject({ code: 'api.error.badJson' });
		const wrongShape = await anonymous.json('/api/devices/enrol', { code: 42 });
		expect(wrongShape.status).toBe(400);
		expect((await wrongShape.json()).error).toMatch(/^Dữ liệu không hợp lệ: code/);
	});

	it('creates a device, enrols it once, and the token sees only its unit', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const bad = await admin.json('/api/devices', { unit: 'DEMO.H01', name: 'Ki-ốt huyện cũ' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).code).toBe('devices.error.unit');
		const created = await admin.json('/api/devices', { unit: 'DEMO.X05', name: 'Ki-ốt 5' });
		expect(created.status).toBe(201);
		const { id, enrolmentCode, expiresAt } = await created.json();
		expect(enrolmentCode).toMatch(/^[A-Z2-9]{8}$/);
		expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);

		const kiosk = new Client(server.url);
		const enrolled = await kiosk.json('/api/devices/enrol', { code: enrolmentCode });
		expect(enrolled.status).toBe(200);
		const body = await enrolled.json();
		expect(body).toMatchObject({ device: { id, name: 'Ki-ốt 5' }, unit: { code: 'DEMO.X05' } });
		const again = await kiosk.json('/api/devices/enrol', { code: enrolmentCode });
		expect(again.status).toBe(400);
		expect((await again.json()).error).toBe('Mã đăng ký đã được dùng. Vui lòng xin mã mới.');

		const auth = { authorization: `Bearer ${body.token}` };
		const units = await kiosk.request('/api/units', { headers: auth });
		expect((await units.json()).units.map((u: { code: string }) => u.code)).toEqual(['DEMO.X05']);
		expect((await kiosk.request('/api/units/DEMO.X01', { headers: auth })).status).toBe(403);
		expect((await kiosk.request('/admin', { headers: auth })).status).toBe(303);
		const unknown = await kiosk.request('/api/units', {
			headers: { authorization: 'Bearer ' + 'x'.repeat(43) }
		});
		expect(unknown.status).toBe(401);
		expect((await unknown.json()).code).toBe('api.error.deviceUnknown');

		expect((await admin.form(`/admin/devices/${id}?/revoke`, {})).status).toBeLessThan(400);
		const revoked = await kiosk.request('/api/units', { headers: auth });
		expect(revoked.status).toBe(401);
		expect((await revoked.json()).error).toBe(
			'Ki-ốt này đã bị vô hiệu hóa. Các phiếu chưa gửi vẫn được giữ trên máy.'
		);
	});

	it('imports units over the API all or nothing, with a dry run', async () => {
		const admin = new Client(server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const post = (csv: string, query = '') =>
			admin.request(`/api/units/import${query}`, {
				method: 'POST',
				headers: { 'content-type': 'text/csv' },
				body: csv
			});
		const header = 'code,name,kind,parent_code,valid_from,valid_to\n';

		const failed = await post(header + 'API.1,Xã A,commune,DEMO,,\nAPI.2,Xã B,commune,NOWHERE,,\n');
		expect(failed.status).toBe(400);
		expect(await failed.json()).toMatchObject({
			created: 0,
			updated: 0,
			errors: [{ row: 3, column: 'parent_code', reason: 'Không có đơn vị cấp trên mã NOWHERE.' }]
		});
		expect((await admin.request('/api/units/API.1')).status).toBe(404);

		const dry = await post(header + 'API.1,Xã A,commune,DEMO,,\n', '?dry_run=1');
		expect(await dry.json()).toMatchObject({ created: 1, dryRun: true, errors: [] });
		expect((await admin.request('/api/units/API.1')).status).toBe(404);

		const done = await post(header + 'API.1,Xã A,commune,DEMO,,\n');
		expect(await done.json()).toMatchObject({ created: 1, updated: 0, errors: [] });
		expect((await admin.request('/api/units/API.1')).status).toBe(200);
		expect(
			(
				await admin.request('/api/units/import', {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' }
				})
			).status
		).toBe(415);
	});

	it('answers an unknown page with 404 and a failing one without a stack trace', async () => {
		const response = await fetch(`${server.url}/no/such/page`, {
			headers: { accept: 'text/html' }
		});
		expect(response.status).toBe(404);
		const text = await response.text();
		expect(text).toContain('Không tìm thấy trang.');
		expect(text).not.toMatch(/at .*\.js:\d+/);
	});

	it('refuses a second server on the same data dir with a clear message', async () => {
		const second = await runServerToExit({ DATA_DIR: server.dataDir });
		expect(second.code).toBe(1);
		expect(second.output).toContain('SIPAS cannot start: The embedded database in');
		expect(second.output).toContain('is in use by another SIPAS server');
	});

	it('refuses to start in production without DATABASE_URL when PostgreSQL is required', async () => {
		const result = await runServerToExit({ NODE_ENV: 'production', REQUIRE_POSTGRES: '1' });
		expect(result.code).toBe(1);
		expect(result.output).toContain('DATABASE_URL is not set');
	});

	it('shuts down cleanly on SIGTERM and releases the data dir, which opens again with its data', async () => {
		const own = await startServer();
		const admin = new Client(own.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		await admin.request('/api/units/import', {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: 'code,name,kind,parent_code\nKEEP.1,Xã Giữ,commune,DEMO\n'
		});
		expect(await own.stop()).toBe(0);
		expect(existsSync(join(own.dataDir, 'server.lock'))).toBe(false);
		const again = await startServer({ DATA_DIR: own.dataDir });
		try {
			const client = new Client(again.url);
			await client.signIn('admin', ADMIN_PASSWORD);
			expect((await client.request('/api/units/KEEP.1')).status).toBe(200);
		} finally {
			await again.stop();
		}
	});
});
