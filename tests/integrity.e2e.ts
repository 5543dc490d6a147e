import { randomUUID } from 'node:crypto';
import { anAnswer } from './support/answers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from './support/http';
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
	clerk = await signedIn(server.url, 'staff', 'demo-staff-1');
});
afterAll(async () => {
	await server?.stop();
});

const answer = (over: Record<string, unknown>) =>
	anAnswer({ answers: { A1: 5, A2: 5, A3: 5 }, ...over });

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
		expect(await (await admin.request('/audit')).text()).toContain('responses.importHistory');
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
		const ward = await signedIn(server.url, 'manager-x01', 'demo-manager-x01');
		expect(await (await ward.request('/held')).text()).not.toContain(late.id);
		expect((await ward.json('/api/responses/review', decision)).status).toBe(403);
		expect(await counted('DEMO.X01')).toBe(before);

		const province = await signedIn(server.url, 'manager', 'demo-manager');
		const page = await (await province.request('/held')).text();
		expect(page).toContain(late.id);
		expect(page).toContain('Gửi muộn hơn 72 giờ sau khi trả lời');
		const accepted = await province.json('/api/responses/review', decision);
		expect(await accepted.json()).toEqual({ count: 1 });
		expect(await counted('DEMO.X01')).toBe(before + 1);
	});
});

describe('published results stay as announced', () => {
	const year = {
		unit: 'DEMO',
		instrument: 'sipas-service-2023',
		from: '2025-01-01',
		to: '2025-12-31'
	};
	const ids = [randomUUID(), randomUUID(), randomUUID()];
	const row = (id: string, unit: string, day: string, level: number) =>
		`${id},sipas-service-2023,${unit},${day},paper,,${level}\n`;
	const importCsv = async (rows: string) => {
		const reply = await admin.request('/api/responses/import', {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: 'id,instrument,unit,submitted_at,channel,serial,A1\n' + rows
		});
		expect(await reply.json()).toMatchObject({ errors: [] });
	};
	let province: Client;
	let publication: string;

	beforeAll(async () => {
		province = await signedIn(server.url, 'manager', 'demo-manager');
		await importCsv(
			row(ids[0]!, 'DEMO.X05', '2025-09-09', 1) + row(ids[1]!, 'DEMO.X05', '2025-09-10', 1)
		);
	});

	it('refuses to publish to anyone but an admin or a manager above the unit, each with a reason', async () => {
		const body = { ...year, reference: 'QĐ thử' };
		const kiosk = await enrolledKiosk(admin, 'DEMO.X06');
		const ward = await signedIn(server.url, 'manager-x01', 'demo-manager-x01');
		const refusals = [
			[new Client(server.url), {}, 401],
			[new Client(server.url), kiosk.auth, 401],
			[clerk, {}, 403],
			[ward, {}, 403]
		] as const;
		for (const [client, headers, status] of refusals) {
			const reply = await client.json('/api/publications', body, headers);
			expect(reply.status).toBe(status);
			expect(await reply.json()).toHaveProperty('error');
		}
		const open = await province.json('/api/publications', { ...body, to: '2099-12-31' });
		expect([open.status, ((await open.json()) as { error: string }).error]).toEqual([
			409,
			'Kỳ 2025-01-01 – 2099-12-31 chưa kết thúc: chỉ chốt số liệu từ ngày sau ngày cuối kỳ.'
		]);
		expect((await province.json('/api/publications', { ...year })).status).toBe(400);
		expect(
			(await (await province.request('/api/publications?unit=DEMO')).json()) as unknown[]
		).toEqual([]);
	});

	it('keeps a published snapshot byte for byte while late answers, edits and voids move the live figures', async () => {
		const published = await province.json('/api/publications', {
			...year,
			reference: 'Quyết định số 45/QĐ-UBND'
		});
		expect(published.status).toBe(201);
		publication = ((await published.json()) as { id: string }).id;
		const frozen = async (client: Client) => {
			const reply = await client.request(`/api/publications/${publication}`);
			expect(reply.status).toBe(200);
			return reply.text();
		};
		const before = await frozen(province);
		const live = async () =>
			(await (await admin.request(`/api/indices?${new URLSearchParams(year)}`)).json()) as {
				n: number;
				index: number;
			};
		const liveBefore = await live();
		expect(JSON.parse(before)).toMatchObject({
			index: { n: liveBefore.n, index: liveBefore.index }
		});

		await importCsv(row(ids[2]!, 'DEMO.X05', '2025-09-11', 5));
		const edit = await admin.json(`/api/responses/${ids[0]}/edit`, {
			answers: { A1: 5 },
			reason: 'Nhập nhầm'
		});
		expect(edit.status).toBe(200);
		expect(
			(await admin.json(`/api/responses/${ids[1]}/void`, { reason: 'Phiếu trùng' })).status
		).toBe(200);

		expect(await frozen(province)).toBe(before);
		expect(await frozen(admin)).toBe(before);
		const liveAfter = await live();
		expect(liveAfter.n).toBe(liveBefore.n);
		expect(liveAfter.index).toBeGreaterThan(liveBefore.index);
		const [listed] = (await (
			await province.request('/api/publications?unit=DEMO')
		).json()) as object[];
		expect(listed).toMatchObject({
			id: publication,
			current: true,
			since: { late: 1, corrected: 2 }
		});

		// Staff of one ward read neither the province's publication nor its list.
		expect((await clerk.request(`/api/publications/${publication}`)).status).toBe(403);
		expect((await clerk.request('/api/publications?unit=DEMO')).status).toBe(403);
	});

	it('shows the published figures on the dashboard with a badge, the live ones a click away', async () => {
		const page = await (await province.request('/dashboard?unit=DEMO&period=2025')).text();
		expect(page).toContain('Số liệu đã công bố theo Quyết định số 45/QĐ-UBND');
		expect(page).toContain('1 phiếu nhận muộn, 2 phiếu được sửa hoặc hủy');
		const livePage = await (
			await province.request('/dashboard?unit=DEMO&period=2025&live=1')
		).text();
		expect(livePage).toContain(
			'Đang xem số liệu trực tiếp. Kỳ này đã công bố theo Quyết định số 45/QĐ-UBND.'
		);
		const again = await province.json('/api/publications', { ...year, reference: 'QĐ 46' });
		expect(again.status).toBe(409);
		const reason = await province.json('/api/publications', {
			...year,
			reference: 'QĐ 46',
			reason: 'Đính chính'
		});
		expect(reason.status).toBe(201);
		expect(
			(
				(await (await province.request(`/api/publications/${publication}`)).json()) as {
					reference: string;
				}
			).reference
		).toBe('Quyết định số 45/QĐ-UBND');
	});
});
