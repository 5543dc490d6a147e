import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { adminClient, newDevice, respondents } from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let admin: Client;
let staff: Client;
let manager: Client;

beforeAll(async () => {
	server = await startServer();
	admin = await adminClient(server.url);
	staff = new Client(server.url);
	expect((await staff.signIn('staff', 'demo-staff-1')).status).toBe(303);
	manager = new Client(server.url);
	expect((await manager.signIn('manager', 'demo-manager')).status).toBe(303);
});
afterAll(async () => {
	await server?.stop();
});

function response(over: Record<string, unknown> = {}) {
	return {
		id: randomUUID(),
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'kiosk',
		submittedAt: new Date().toISOString(),
		answers: { A1: 4, B1: 5 },
		...over
	};
}

async function kiosk(unit: string) {
	const device = await newDevice(admin, unit);
	const enrolled = await new Client(server.url).json('/api/devices/enrol', {
		code: device.enrolmentCode
	});
	const { token } = (await enrolled.json()) as { token: string };
	return { id: device.id, auth: { authorization: `Bearer ${token}` } };
}

describe('POST /api/sync', () => {
	it('answers a kiosk per item and refuses answers for another unit', async () => {
		const { auth } = await kiosk('DEMO.X20');
		const own = response({ unit: 'DEMO.X20' });
		const foreign = response({ unit: 'DEMO.X21' });
		const reply = await new Client(server.url).json(
			'/api/sync',
			{ responses: [own, foreign, own] },
			auth
		);
		expect(reply.status).toBe(200);
		const { results } = (await reply.json()) as { results: { id: string; status: string }[] };
		expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'duplicate']);
		expect(await respondents(admin, 'DEMO.X20')).toBe(1);
		expect(await respondents(admin, 'DEMO.X21')).toBe(0);
		// Configuration for the same token.
		const configuration = await new Client(server.url).request('/api/kiosk', { headers: auth });
		expect(((await configuration.json()) as { unit: { code: string } }).unit.code).toBe('DEMO.X20');
	});

	it('says 401 to an unknown or revoked token, with a reason the kiosk can show', async () => {
		const anyone = new Client(server.url);
		const bad = await anyone.json(
			'/api/sync',
			{ responses: [] },
			{ authorization: 'Bearer x'.padEnd(40, 'y') }
		);
		expect(bad.status).toBe(401);
		const { id, auth } = await kiosk('DEMO.X22');
		expect((await admin.form(`/admin/devices/${id}?/revoke`, {})).status).toBe(200);
		const revoked = await anyone.json(
			'/api/sync',
			{ responses: [response({ unit: 'DEMO.X22' })] },
			auth
		);
		expect(revoked.status).toBe(401);
		expect(((await revoked.json()) as { code: string }).code).toBe('api.error.deviceRevoked');
		expect((await anyone.request('/api/kiosk', { headers: auth })).status).toBe(401);
		expect((await anyone.request('/api/kiosk')).status).toBe(401);
	});

	it('refuses malformed bodies with a clear JSON error and stores nothing', async () => {
		const { auth } = await kiosk('DEMO.X23');
		const anyone = new Client(server.url);
		const cases: [string, RequestInit, number][] = [
			[
				'not JSON',
				{ body: '{oops', headers: { 'content-type': 'application/json', ...auth } },
				400
			],
			['wrong type', { body: '{}', headers: { 'content-type': 'text/plain', ...auth } }, 415],
			[
				'too many',
				{
					body: JSON.stringify({ responses: Array.from({ length: 501 }, () => response()) }),
					headers: { 'content-type': 'application/json', ...auth }
				},
				400
			],
			[
				'too large',
				{
					body: JSON.stringify({ responses: [{ padding: 'x'.repeat(5 * 1024 * 1024) }] }),
					headers: { 'content-type': 'application/json', ...auth }
				},
				413
			],
			[
				'not a batch',
				{ body: '[1,2]', headers: { 'content-type': 'application/json', ...auth } },
				400
			]
		];
		for (const [label, init, status] of cases) {
			const reply = await anyone.request('/api/sync', { method: 'POST', ...init });
			expect(reply.status, label).toBe(status);
			expect(((await reply.json()) as { error: string }).error, label).toBeTruthy();
		}
		expect(await respondents(admin, 'DEMO.X23')).toBe(0);
	});

	it('holds a flood from one address for a manager above the unit to decide; the unit’s staff may not', async () => {
		const phone = new Client(server.url);
		const sent = [];
		for (let i = 0; i < 21; i++) {
			const one = response({ channel: 'web', unit: 'DEMO.X01' });
			sent.push(one);
			const reply = await phone.json('/api/sync', { responses: [one] });
			expect(reply.status).toBe(200);
		}
		const before = await respondents(admin, 'DEMO.X01');
		const page = await (await manager.request('/held')).text();
		expect(page).toContain(sent[20]!.id);
		expect(page).not.toContain(sent[19]!.id);
		// Separation of duties: the people ranked do not decide which of their answers count.
		expect((await staff.request('/held')).status).toBe(403);
		const decision = { ids: [sent[20]!.id], decision: 'accept' };
		expect((await staff.json('/api/responses/review', decision)).status).toBe(403);
		const accepted = await manager.json('/api/responses/review', decision);
		expect(await accepted.json()).toEqual({ count: 1 });
		expect(await respondents(admin, 'DEMO.X01')).toBe(before + 1);
		const again = await manager.json('/api/responses/review', decision);
		expect(again.status).toBe(409);

		// The page's own buttons: a flood answer rejected there is kept but never counted.
		const extra = response({ channel: 'web', unit: 'DEMO.X01' });
		await phone.json('/api/sync', { responses: [extra] });
		expect((await manager.form('/held?/reject', { id: extra.id })).status).toBe(200);
		expect(await (await manager.request('/held')).text()).not.toContain(extra.id);
		expect(await respondents(admin, 'DEMO.X01')).toBe(before + 1);
		const twice = await phone.json('/api/sync', { responses: [extra] });
		expect(((await twice.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'duplicate'
		);
	});
});
