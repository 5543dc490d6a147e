import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

/**
 * Malformed input of every kind at every entry point: the answer is a 4xx (or a page that
 * re-shows the form), never a 5xx, and never a stack trace.
 */
describe('bad input never breaks the server', () => {
	let server: RunningServer;
	let admin: Client;
	beforeAll(async () => {
		server = await startServer();
		admin = new Client(server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
	});
	afterAll(async () => {
		await server?.stop();
	});

	const nul = 'a\u0000b';
	const bodies: [string, string, BodyInit | undefined][] = [
		['empty', 'application/x-www-form-urlencoded', ''],
		[
			'NUL bytes',
			'application/x-www-form-urlencoded',
			`username=${encodeURIComponent(nul)}&password=${encodeURIComponent(nul)}&code=${encodeURIComponent(nul)}&name=${encodeURIComponent(nul)}&csv=${encodeURIComponent(`code,name,kind,parent_code\n${nul},${nul},commune,DEMO\n`)}`
		],
		[
			'huge field',
			'application/x-www-form-urlencoded',
			`username=${'x'.repeat(200_000)}&name=${'y'.repeat(100_000)}`
		],
		[
			'broken multipart',
			'multipart/form-data; boundary=zzz',
			'--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n\u0000\u0001garbage'
		],
		['JSON to a form', 'application/json', '{"username":["a"],"password":{"x":1}}'],
		['binary', 'application/octet-stream', new Uint8Array([0, 255, 254, 0, 1, 2])],
		[
			'invalid UTF-8 CSV',
			'text/csv',
			new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xff, 0xfe, 0x00, 0x2c])
		],
		[
			'CSV with NUL',
			'text/csv',
			`code,name,kind,parent_code\nX1,${nul},commune,DEMO\n${nul},Tên,commune,DEMO\n`
		],
		['JSON with NUL', 'application/json', JSON.stringify({ code: nul, unit: nul, name: nul })],
		['deep JSON', 'application/json', '['.repeat(5000) + ']'.repeat(5000)]
	];
	const posts = [
		'/login',
		'/logout',
		'/lang',
		'/admin/units?/create',
		'/admin/units/DEMO.X01?/save',
		'/admin/units/DEMO.X01?/retire',
		'/admin/units/import',
		'/admin/users?/create',
		'/admin/devices?/create',
		'/api/units/import',
		'/api/devices',
		'/api/devices/enrol',
		'/api/sync',
		'/api/responses/review',
		'/held?/accept',
		'/held?/reject'
	];

	it.each(posts)('POST %s', async (path) => {
		// Its own session: one of these paths signs out.
		const client = new Client(server.url);
		await client.signIn('admin', ADMIN_PASSWORD);
		for (const [label, type, body] of bodies) {
			const response = await client.request(path, {
				method: 'POST',
				headers: { 'content-type': type },
				body
			});
			const text = await response.text();
			expect(response.status, `${label} → ${response.status}: ${text.slice(0, 200)}`).toBeLessThan(
				500
			);
			expect(text, label).not.toMatch(/\n\s+at .+:\d+:\d+/);
		}
	});

	const gets = [
		'/units/%00',
		'/units/a%00b',
		'/units/' + 'x'.repeat(5000),
		'/units/%E0%A4%A',
		'/api/units/%00',
		'/api/units/' + encodeURIComponent('\u0000\u0001'),
		'/admin/units/%00',
		'/admin/users/not-a-uuid',
		'/admin/users/00000000-0000-0000-0000-000000000000',
		'/admin/devices/%00',
		'/login?next=%00',
		'/login?next=//evil.example',
		'/r/%00',
		'/r/' + 'x'.repeat(5000),
		'/api/kiosk'
	];

	it.each(gets)('GET %s', async (path) => {
		const response = await admin.request(path, { headers: { accept: 'text/html' } });
		expect(response.status, path).toBeLessThan(500);
	});

	it('answers a control character in an API path with a JSON 400', async () => {
		const response = await admin.request('/api/units/a%00b');
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: 'Đường dẫn không hợp lệ.',
			code: 'api.error.badPath'
		});
	});

	it('lets a kiosk with a revoked token read why, even when it sent a large batch', async () => {
		const response = await new Client(server.url).request('/api/units', {
			method: 'GET',
			headers: { authorization: 'Bearer ' + 'y'.repeat(43) }
		});
		expect(response.status).toBe(401);
		const big = await fetch(`${server.url}/api/units/import`, {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: 'x'.repeat(400_000)
		});
		expect(big.status).toBe(401);
		expect((await big.json()).code).toBe('api.error.unauthenticated');
	});

	it('answers an oversized body with 413, not a crash', async () => {
		const response = await admin.request('/api/units/import', {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: 'code,name,kind,parent_code\n' + 'X,Y,commune,DEMO\n'.repeat(1_100_000)
		});
		expect(response.status).toBe(413);
	});

	it('says which body a form action takes, instead of logging a crash', async () => {
		const reply = await new Client(server.url).json('/login', { username: 'admin' });
		expect(reply.status).toBe(415);
		expect((await reply.json()).error.message).toMatch(/application\/x-www-form-urlencoded/);
		expect(server.output()).not.toMatch(/Unsupported Media Type/);
	});

	it('does not follow a sign-in redirect off the site', async () => {
		const client = new Client(server.url);
		const response = await client.request('/login?next=//evil.example/x', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({
				username: 'admin',
				password: ADMIN_PASSWORD,
				next: '//evil.example/x'
			}).toString()
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/');
	});
});
