import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './support/http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

describe('survey APIs on the full demo data', () => {
	let server: RunningServer;
	let manager: Client;
	let staff: Client;
	let admin: Client;
	/** The clerk's collection batch for October–November 2026: a clerk imports into a batch. */
	let batch: string;
	const year = '&instrument=sipas-service-2023&from=2025-01-01&to=2025-12-31';
	beforeAll(async () => {
		server = await startServer({ DEMO_RESPONSES: '1' });
		manager = new Client(server.url);
		await manager.signIn('manager', 'demo-manager');
		staff = new Client(server.url);
		await staff.signIn('staff', 'demo-staff-1');
		admin = new Client(server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const created = await staff.form('/batches?/create', {
			unit: 'DEMO.X01',
			instrument: 'sipas-service-2023',
			label: 'Đợt nhập bảng tính',
			periodStart: '2026-10-01',
			periodEnd: '2026-11-30',
			expected: '100',
			verifyPercent: '0',
			verifySerials: ''
		});
		batch = created.headers.get('location')!.split('/').at(-1)!;
	}, 180_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('loads at least 100 000 demo responses on first start and says so', () => {
		const loaded = /Demo: +(\d+) survey responses loaded in ([\d.]+) s/.exec(server.output());
		expect(loaded, server.output()).not.toBeNull();
		expect(Number(loaded![1])).toBeGreaterThanOrEqual(100_000);
	});

	it('lists the instruments with their item codes', async () => {
		const response = await manager.request('/api/instruments');
		const { instruments } = await response.json();
		const service = instruments.find((i: { code: string }) => i.code === 'sipas-service-2023');
		const indexed = service.parts.find((p: { indexed: boolean }) => p.indexed);
		expect(indexed.groups.map((g: { code: string }) => g.code)).toEqual([
			'II.A',
			'II.B',
			'II.C',
			'II.D',
			'II.E'
		]);
		expect([...new Set(instruments.map((i: { code: string }) => i.code))].sort()).toEqual([
			'quick-rating',
			'sipas-household-2023',
			'sipas-service-2023'
		]);
		// Wording is corrected in a new version; the old one stays for the answers it took.
		const versions = instruments
			.filter((i: { code: string }) => i.code === 'sipas-service-2023')
			.map((i: { version: number }) => i.version);
		expect(versions.sort()).toEqual([1, 2]);
	});

	it("gives the province's indices for a year, unrounded, with n and intervals", async () => {
		const response = await manager.request(`/api/indices?unit=DEMO${year}`);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			unit: 'DEMO',
			instrument: 'sipas-service-2023',
			from: '2025-01-01',
			to: '2025-12-31'
		});
		expect(body.n).toBeGreaterThan(40_000);
		expect(body.index).toBeGreaterThan(50);
		expect(body.index).toBeLessThan(100);
		expect(body.groups.map((g: { code: string }) => g.code)).toEqual([
			'II.A',
			'II.B',
			'II.C',
			'II.D',
			'II.E'
		]);
		expect(body.items).toHaveLength(16);
		for (const item of body.items) expect(item.ci[0]).toBeLessThan(item.index);
		// II.E (feedback handling) is the weakest element in the demo, as in published results.
		const weakest = [...body.groups].sort((a, b) => a.index - b.index)[0];
		expect(weakest.code).toBe('II.E');
	});

	it('ranks the departments against the year before, with the block figures', async () => {
		const response = await manager.request(
			'/api/rankings?parent=DEMO&kind=department&instrument=sipas-service-2023&from=2026-01-01&to=2026-06-30'
		);
		const body = await response.json();
		expect(body.compare).toEqual({ from: '2025-01-01', to: '2025-06-30' });
		expect(body.rows).toHaveLength(20);
		expect(body.rows.map((r: { rank: number }) => r.rank)).toEqual(
			[...body.rows.map((r: { rank: number }) => r.rank)].sort((a, b) => a - b)
		);
		expect(body.rows[0].rank).toBe(1);
		expect(
			body.rows.every(
				(r: { previousRank: number | null; rankChange: number | null }) =>
					r.previousRank !== null && r.rankChange !== null
			)
		).toBe(true);
		expect(body.withData).toBe(20);
		expect(body.average.mean).toBeGreaterThan(0);
		expect(body.gap).toBeCloseTo(body.top.index - body.bottom.index, 9);
		const communes = await (
			await manager.request(
				'/api/rankings?parent=DEMO&kind=commune&instrument=sipas-service-2023&from=2025-01-01&to=2025-06-30'
			)
		).json();
		// Before the reform the old communes stood in the block, each with its answers; the
		// communes formed on 01/07/2025 had not begun.
		expect(communes.rows).toHaveLength(80);
		expect(communes.withData).toBe(80);
		expect(
			communes.rows.every((r: { unit: { code: string } }) => r.unit.code.startsWith('DEMO.C'))
		).toBe(true);
	});

	it('trends by quarter', async () => {
		const body = await (
			await manager.request(
				'/api/trend?unit=DEMO.S02&instrument=sipas-service-2023&from=2025-01-01&to=2025-12-31&bucket=quarter'
			)
		).json();
		expect(body.points.map((p: { label: string }) => p.label)).toEqual([
			'2025-Q1',
			'2025-Q2',
			'2025-Q3',
			'2025-Q4'
		]);
		expect(body.points.every((p: { n: number }) => p.n > 100)).toBe(true);
	});

	it('keeps staff to their own unit and explains bad queries', async () => {
		expect((await staff.request(`/api/indices?unit=DEMO${year}`)).status).toBe(403);
		expect((await staff.request(`/api/rankings?parent=DEMO&kind=commune${year}`)).status).toBe(403);
		expect((await staff.request(`/api/indices?unit=DEMO.X01${year}`)).status).toBe(200);
		const bad = await manager.request(
			'/api/indices?unit=DEMO&instrument=sipas-service-2023&from=2025-02-30&to=2024-01-01'
		);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toContain('from: not a real date');
		const unknown = await manager.request(
			'/api/indices?unit=DEMO&instrument=nope&from=2025-01-01&to=2025-01-31'
		);
		expect(unknown.status).toBe(404);
		expect(
			(
				await (
					await manager.request(
						'/api/rankings?parent=DEMO&kind=village&instrument=x&from=2025-01-01&to=2025-01-31'
					)
				).json()
			).error
		).toContain('kind');
	});

	it('exports a unit as interchange CSV and imports a sheet all or nothing', async () => {
		const exported = await staff.request(
			'/api/responses.csv?unit=DEMO.X01&instrument=sipas-service-2023&from=2025-09-01&to=2025-09-30'
		);
		expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await exported.text()).split('\r\n').filter(Boolean);
		expect(lines[0]).toMatch(
			/^id,instrument,instrument_version,unit,channel,submitted_at,serial,batch,A1,/
		);
		expect(lines.length).toBeGreaterThan(30);
		expect(lines.slice(1).every((l) => l.includes(',DEMO.X01,') && l.includes('2025-09-'))).toBe(
			true
		);
		expect(
			(
				await staff.request(
					'/api/responses.csv?unit=DEMO&instrument=sipas-service-2023&from=2025-09-01&to=2025-09-30'
				)
			).status
		).toBe(403);

		const sheet =
			'instrument,unit,submitted_at,serial,A1,C1\nsipas-service-2023,DEMO.X01,2026-11-02,P-9001,5,4\nsipas-service-2023,DEMO.X01,2026-11-02,P-9002,4,\n';
		const post = (body: string, query = '') =>
			staff.request(`/api/responses/import?batch=${batch}${query.replace('?', '&')}`, {
				method: 'POST',
				headers: { 'content-type': 'text/csv' },
				body
			});
		expect(await (await post(sheet, '?dry_run=1')).json()).toMatchObject({
			created: 2,
			dryRun: true
		});
		expect(await (await post(sheet)).json()).toMatchObject({
			created: 2,
			duplicate: 0,
			errors: []
		});
		expect(await (await post(sheet)).json()).toMatchObject({ created: 0, duplicate: 2 });
		const wrong = await post(sheet.replace('P-9002,4', 'P-9003,9'));
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ created: 0, errors: [{ row: 3, column: 'A1' }] });
		expect(
			(
				await manager.request('/api/responses/import', {
					method: 'POST',
					headers: { 'content-type': 'text/csv' },
					body: sheet
				})
			).status
		).toBe(403);
	});

	it('edits and voids a response with a reason, and the indices follow', async () => {
		const sheet =
			'id,instrument,unit,submitted_at,serial,A1\n0194f000-0000-7000-8000-00000000a001,sipas-service-2023,DEMO.X01,2026-10-15,P-9100,1\n';
		expect(
			(
				await staff.request(`/api/responses/import?batch=${batch}`, {
					method: 'POST',
					headers: { 'content-type': 'text/csv' },
					body: sheet
				})
			).status
		).toBe(200);
		const day =
			'/api/indices?unit=DEMO.X01&instrument=sipas-service-2023&from=2026-10-15&to=2026-10-15';
		const a1 = async () =>
			(await (await staff.request(day)).json()).items.find(
				(i: { code: string }) => i.code === 'A1'
			);
		const before = await a1();
		const id = '0194f000-0000-7000-8000-00000000a001';
		expect(
			(await staff.json(`/api/responses/${id}/edit`, { answers: { A1: 5 }, reason: '' })).status
		).toBe(400);
		expect(
			(await manager.json(`/api/responses/${id}/edit`, { answers: { A1: 5 }, reason: 'sai' }))
				.status
		).toBe(403);
		expect(
			(await staff.json(`/api/responses/${id}/edit`, { answers: { A1: 9 }, reason: 'sai' })).status
		).toBe(400);
		expect(
			(await staff.json(`/api/responses/${id}/edit`, { answers: { A1: 5 }, reason: 'nhập nhầm' }))
				.status
		).toBe(200);
		const after = await a1();
		expect([after.n, after.satisfied]).toEqual([before.n, before.satisfied + 1]);
		expect((await staff.json(`/api/responses/${id}/void`, { reason: 'phiếu trùng' })).status).toBe(
			200
		);
		expect((await a1()).n).toBe(before.n - 1);
		expect((await staff.json(`/api/responses/${id}/void`, { reason: 'again' })).status).toBe(409);
		expect(
			(
				await staff.json('/api/responses/0194f000-0000-7000-8000-00000000ffff/void', {
					reason: 'x'
				})
			).status
		).toBe(404);
	});

	it('lets only admins add instruments; a stored version never changes', async () => {
		const { instruments } = await (await admin.request('/api/instruments')).json();
		const quick = instruments.find((i: { code: string }) => i.code === 'quick-rating');
		const { retired: _r, hasResponses: _h, ...definition } = quick;
		const v2 = {
			...definition,
			version: 2,
			title: { vi: 'Đánh giá nhanh (bản 2)', en: 'Quick rating (v2)' }
		};
		expect((await staff.json('/api/instruments', v2)).status).toBe(403);
		expect((await manager.json('/api/instruments', v2)).status).toBe(403);
		const invalid = await admin.json('/api/instruments', { ...v2, parts: [] });
		expect(invalid.status).toBe(400);
		expect((await invalid.json()).issues[0].path).toBe('parts');
		expect((await admin.json('/api/instruments', v2)).status).toBe(201);
		expect((await admin.json('/api/instruments', v2)).status).toBe(201);
		const changed = await admin.json('/api/instruments', {
			...v2,
			title: { vi: 'Khác', en: 'Other' }
		});
		expect(changed.status).toBe(409);
		// In the caller's language, like every API error (Vietnamese by default).
		expect(await changed.json()).toMatchObject({
			code: 'instruments.error.changed',
			error: expect.stringContaining('hãy công bố thành phiên bản 3')
		});
		expect(
			(
				await admin.json('/api/instruments/retire', {
					code: 'quick-rating',
					version: 2,
					retired: true
				})
			).status
		).toBe(200);
		const after = await (await manager.request('/api/instruments')).json();
		expect(
			after.instruments.find(
				(i: { code: string; version: number }) => i.code === 'quick-rating' && i.version === 2
			).retired
		).toBe(true);
	});
});
