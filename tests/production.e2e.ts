import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { freePort, startServer, type RunningServer } from './support/server';

/**
 * A fresh production start as a province would make it (NODE_ENV=production, served over
 * HTTPS by its proxy): no demo, no secret in the log, the generated admin password in a file
 * only the server's user reads, and changed before anything else.
 */
describe('a fresh production start', () => {
	let server: RunningServer;
	let origin: string;
	beforeAll(async () => {
		const port = await freePort();
		origin = `https://127.0.0.1:${port}`;
		server = await startServer(
			{ NODE_ENV: 'production', ORIGIN: origin, SIPAS_ADMIN_PASSWORD: '' },
			{ port }
		);
	});
	afterAll(async () => {
		await server?.stop();
	});

	const client = () => new Client(server.url, origin);

	it('creates no demo people and prints no password, code or PIN', async () => {
		const file = join(server.dataDir, 'first-admin-password');
		const password = readFileSync(file, 'utf8').trim();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(server.output()).toContain(file);
		expect(server.output()).not.toContain(password);
		expect(server.output()).not.toMatch(/demo-manager|PIN \d|enrolment code [A-Z0-9]{8}/);
		const demo = await client().signIn('manager', 'demo-manager');
		expect(demo.status).toBe(400);
	});

	it('asks the first admin for a password of their own before anything else', async () => {
		const password = readFileSync(join(server.dataDir, 'first-admin-password'), 'utf8').trim();
		const admin = client();
		expect((await admin.signIn('admin', password)).status).toBe(303);
		const dashboard = await admin.request('/dashboard');
		expect([dashboard.status, dashboard.headers.get('location')]).toEqual([303, '/account']);
		expect((await admin.request('/api/units')).status).toBe(403);
		expect((await admin.request('/account')).status).toBe(200);
		const mismatch = await admin.form('/account', {
			current: password,
			next: 'province-admin-2026',
			confirm: 'province-admin-2025'
		});
		expect(mismatch.status).toBe(400);
		expect(await mismatch.text()).toContain('Hai lần nhập mật khẩu mới không khớp.');
		const changed = await admin.form('/account', {
			current: password,
			next: 'province-admin-2026',
			confirm: 'province-admin-2026'
		});
		expect(changed.status).toBe(200);
		expect((await admin.request('/admin')).status).toBe(200);
		expect((await client().signIn('admin', password)).status).toBe(400);
		expect((await client().signIn('admin', 'province-admin-2026')).status).toBe(303);
	});

	it('tells browsers to keep to HTTPS', async () => {
		const reply = await client().request('/login');
		expect(reply.headers.get('strict-transport-security')).toBe(
			'max-age=31536000; includeSubDomains'
		);
	});
});
