import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { adminClient, enrolledKiosk } from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

/**
 * Counts nobody can bend: the people ranked are also the people who enter data, so every
 * path a sender could use to pass answers off as something else is tried here over HTTP, as
 * an outsider, a clerk and a kiosk would, and shown to count nothing. (Each rule has its unit
 * test beside the code; this is the whole server saying no.)
 */
let server: RunningServer;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
	server = await startServer();
	admin = await adminClient(server.url);
	clerk = new Client(server.url);
	expect((await clerk.signIn('staff', 'demo-staff-1')).status).toBe(303);
});
afterAll(async () => {
	await server?.stop();
});

const answer = (over: Record<string, unknown>) => ({
	id: randomUUID(),
	instrument: 'sipas-service-2023',
	instrumentVersion: 1,
	unit: 'DEMO.X01',
	channel: 'web',
	submittedAt: new Date().toISOString(),
	answers: { A1: 5, A2: 5, A3: 5 },
	...over
});

/** Respondents counted for a unit over ten years, as far as one request reaches. */
async function counted(unit: string): Promise<number> {
	const reply = await admin.request(
		`/api/indices?unit=${unit}&instrument=sipas-service-2023&from=2017-01-01&to=2026-12-31`
	);
	expect(reply.status).toBe(200);
	return ((await reply.json()) as { n: number }).n;
}

/** Sends a batch to /api/sync; each item's status and the keys of its issues. */
async function sync(client: Client, responses: object[], headers: Record<string, string> = {}) {
	const reply = await client.json('/api/sync', { responses }, headers);
	expect(reply.status).toBe(200);
	const { results } = (await reply.json()) as {
		results: { status: string; issues?: { key?: string }[] }[];
	};
	return results.map((r) => [r.status, ...(r.issues ?? []).map((i) => i.key)]);
}

describe('counts nobody can bend', () => {
	it('counts none of ten anonymous five-star answers dated before the commune existed', async () => {
		// DEMO.X07 is one of the communes of the 1 July 2025 reform.
		const before = await counted('DEMO.X07');
		const early = Array.from({ length: 10 }, () =>
			answer({ unit: 'DEMO.X07', submittedAt: '2025-03-15T09:00:00+07:00' })
		);
		expect(await sync(new Client(server.url), early)).toEqual(
			early.map(() => ['invalid', 'issue.beforeUnit'])
		);
		const tomorrow = answer({ submittedAt: new Date(Date.now() + 86_400_000).toISOString() });
		expect(await sync(new Client(server.url), [tomorrow])).toEqual([['invalid', 'issue.future']]);
		expect(await counted('DEMO.X07')).toBe(before);
	});

	it('takes from a signed-in clerk paper forms of a batch only, whatever channel or date is claimed', async () => {
		const before = await counted('DEMO.X01');
		expect(
			await sync(clerk, [
				answer({ channel: 'kiosk' }),
				answer({ channel: 'web' }),
				answer({ channel: 'paper', serial: '1' }),
				answer({ channel: 'paper', submittedAt: '2019-05-05T12:00:00+07:00' })
			])
		).toEqual([
			['invalid', 'issue.channel'],
			['invalid', 'issue.channel'],
			['invalid', 'issue.batchRequired'],
			['invalid', 'issue.batchRequired']
		]);
		expect(await counted('DEMO.X01')).toBe(before);
	});

	it('takes from a kiosk its own unit’s kiosk answers only, none older than the kiosk', async () => {
		const kiosk = await enrolledKiosk(admin, 'DEMO.X03');
		const before = await counted('DEMO.X03');
		const anHourAgo = new Date(Date.now() - 3600_000).toISOString();
		expect(
			await sync(
				new Client(server.url),
				[
					answer({ unit: 'DEMO.X03', channel: 'kiosk', submittedAt: anHourAgo }),
					answer({ unit: 'DEMO.X03', channel: 'web' }),
					answer({ unit: 'DEMO.X04', channel: 'kiosk' }),
					answer({ unit: 'DEMO.X03', channel: 'kiosk' })
				],
				kiosk.auth
			)
		).toEqual([
			['invalid', 'issue.beforeEnrolment'],
			['invalid', 'issue.channel'],
			['invalid', 'issue.deviceUnit'],
			['created']
		]);
		expect(await counted('DEMO.X03')).toBe(before + 1);
	});

	it('lets a clerk import only into a batch; an admin imports past years of an earlier system, audited', async () => {
		const csv =
			'instrument,unit,submitted_at,channel,serial,A1\n' +
			'sipas-service-2023,DEMO.X01,2026-03-04,paper,S-1,5\n';
		const imported = (client: Client, body: string) =>
			client.request('/api/responses/import', {
				method: 'POST',
				headers: { 'content-type': 'text/csv' },
				body
			});
		const refused = await imported(clerk, csv);
		expect(refused.status).toBe(400);
		const report = (await refused.json()) as { errors: { key?: string }[] };
		expect(report.errors.map((e) => e.key)).toEqual(['issue.batchRequired']);

		const before = await counted('DEMO.H01');
		const past =
			'instrument,unit,submitted_at,channel,serial,A1\n' +
			'sipas-service-2023,DEMO.H01,2024-05-06,kiosk,H-1,5\n' +
			'sipas-service-2023,DEMO.H01,2024-05-07,web,H-2,4\n';
		const done = await imported(admin, past);
		expect(await done.json()).toMatchObject({ created: 2, duplicate: 0, errors: [] });
		expect(await counted('DEMO.H01')).toBe(before + 2);
		expect(await (await admin.request('/admin/audit')).text()).toContain('responses.importHistory');
		// A district closed on 30 June 2025 has no answers after it, imported or not.
		const after = csv.replace('DEMO.X01,2026-03-04', 'DEMO.H01,2025-08-01');
		const closed = (await (await imported(admin, after)).json()) as { errors: { key?: string }[] };
		expect(closed.errors.map((e) => e.key)).toEqual(['issue.afterUnit']);
	});

	it('holds a public answer sent days late, for a reviewer above the unit, never its own staff', async () => {
		const late = answer({ submittedAt: new Date(Date.now() - 80 * 3600_000).toISOString() });
		expect(await sync(new Client(server.url), [late])).toEqual([['created']]);
		const before = await counted('DEMO.X01');
		const decision = { ids: [late.id], decision: 'accept' };
		expect((await clerk.request('/held')).status).toBe(403);
		expect((await clerk.json('/api/responses/review', decision)).status).toBe(403);
		// The ward's own leader reaches the page, but not the ward's answers.
		const ward = new Client(server.url);
		expect((await ward.signIn('manager-x01', 'demo-manager-x01')).status).toBe(303);
		expect(await (await ward.request('/held')).text()).not.toContain(late.id);
		expect((await ward.json('/api/responses/review', decision)).status).toBe(403);
		expect(await counted('DEMO.X01')).toBe(before);

		const province = new Client(server.url);
		expect((await province.signIn('manager', 'demo-manager')).status).toBe(303);
		const page = await (await province.request('/held')).text();
		expect(page).toContain(late.id);
		expect(page).toContain('Gửi muộn hơn 72 giờ sau khi trả lời');
		const accepted = await province.json('/api/responses/review', decision);
		expect(await accepted.json()).toEqual({ count: 1 });
		expect(await counted('DEMO.X01')).toBe(before + 1);
	});
});
