import { describe, expect, it } from 'vitest';
import { axe, signIn } from './support/browser';
import { Client } from './support/http';
import { ADMIN_PASSWORD } from './support/server';
import { instrument, lastYear, rankingsQuery, useDashboardServer, year } from './support/dashboard';

const dashboard = useDashboardServer();

describe('the dashboard’s records and rights', () => {
	it('checks the sample against the dossiers an admin entered', async () => {
		const admin = new Client(dashboard.server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const bad = await admin.form('/admin/units/DEMO.X01?/dossiers', {
			year: '20x5',
			dossiers: '-3'
		});
		expect(bad.status).toBe(400);
		const page400 = await bad.text();
		expect(page400).toContain('Năm phải từ 2000 đến 2100.');
		expect(page400).toContain('Số hồ sơ phải là số nguyên không âm.');
		const saved = await admin.form('/admin/units/DEMO.X01?/dossiers', {
			year: lastYear,
			dossiers: '20000'
		});
		expect(saved.status).toBe(200);

		const ward = new Client(dashboard.server.url);
		await ward.signIn('manager-x01', 'demo-manager-x01');
		const html = await (await ward.request(`/dashboard?period=${lastYear}`)).text();
		expect(html).toMatch(/Cỡ mẫu (đạt|chưa đạt)/);
		expect(html).toContain('tối thiểu 393 phiếu cho 20.000 hồ sơ');
		// Where the ward stands among the province's communes, as the province's ranking says,
		// though that ranking itself is outside its scope.
		const province = new Client(dashboard.server.url);
		await province.signIn('manager', 'demo-manager');
		const block = await (
			await province.request(
				`/api/rankings?parent=DEMO&kind=commune&instrument=${instrument}&from=${lastYear}-01-01&to=${lastYear}-12-31`
			)
		).json();
		const ranked = block.rows.filter((r: { rank: number | null }) => r.rank !== null);
		const mine = ranked.find((r: { unit: { code: string } }) => r.unit.code === 'DEMO.X01');
		expect(html).toContain(
			mine.rank === 1
				? `dẫn đầu khối xã, phường, đặc khu (${ranked.length} đơn vị)`
				: `xếp thứ ${mine.rank}/${ranked.length} khối xã, phường, đặc khu, kém đơn vị dẫn đầu`
		);
		expect((await ward.form('/admin/units/DEMO.X01?/dossiers', { year: lastYear })).status).toBe(
			403
		);
	});

	it('refuses a bad address with a message, and another subtree with 403 everywhere', async () => {
		const ward = new Client(dashboard.server.url);
		await ward.signIn('manager-x01', 'demo-manager-x01');
		expect((await ward.request('/dashboard')).status).toBe(200);
		const outside = [
			'/dashboard?unit=DEMO.X02',
			'/dashboard?unit=DEMO',
			'/dashboard/comments?unit=DEMO.X02',
			'/dashboard/comments.csv?unit=DEMO.X02',
			'/dashboard/quick?unit=DEMO.X02',
			'/dashboard/respondents?unit=DEMO.X02',
			'/dashboard/respondents.csv?unit=DEMO.X02',
			'/dashboard/report?unit=DEMO.X02',
			'/dashboard/export.xlsx?unit=DEMO.X02',
			`/api/responses.csv?unit=DEMO.X02&instrument=${instrument}&from=${year}-01-01&to=${year}-01-31`,
			`/api/rankings?${rankingsQuery('commune')}`,
			`/api/indices?unit=DEMO.X02&instrument=${instrument}&from=${year}-01-01&to=${year}-01-31`
		];
		for (const path of outside) expect((await ward.request(path)).status, path).toBe(403);

		const bad = await ward.request('/dashboard?period=2025-13');
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Kỳ không hợp lệ (period)');
		expect(
			(await ward.request('/dashboard?period=custom&from=2025-02-01&to=2025-01-01')).status
		).toBe(400);
		expect((await ward.request('/dashboard?instrument=quick-rating')).status).toBe(200);
		expect((await ward.request('/dashboard?instrument=nope')).status).toBe(404);

		const anonymous = new Client(dashboard.server.url);
		expect((await anonymous.request('/dashboard/export.xlsx')).status).toBe(303);
	});

	it('publishes last year from the dashboard, and the audit names who did it', async () => {
		await signIn(dashboard.page, dashboard.server.url, 'manager', 'demo-manager');
		const view = `${dashboard.server.url}/dashboard?unit=DEMO&period=${lastYear}`;
		await dashboard.page.goto(view, { waitUntil: 'networkidle' });
		const live = await dashboard.page.getByTestId('sipas').textContent();
		await dashboard.page.getByText('Chốt số liệu kỳ này').click();
		await dashboard.page.getByRole('button', { name: 'Chốt số liệu', exact: true }).click();
		// The browser asks for the reference first; then the server takes it.
		expect(
			await dashboard.page
				.getByLabel('Số quyết định, văn bản công bố')
				.evaluate((e: HTMLInputElement) => e.validity.valueMissing)
		).toBe(true);
		await dashboard.page
			.getByLabel('Số quyết định, văn bản công bố')
			.fill('Quyết định số 7/QĐ-UBND');
		await dashboard.page.getByRole('button', { name: 'Chốt số liệu', exact: true }).click();
		await expect
			.poll(() => dashboard.page.getByText('Đã chốt số liệu theo Quyết định số 7/QĐ-UBND.').count())
			.toBe(1);
		await dashboard.page.goto(view, { waitUntil: 'networkidle' });
		expect(await dashboard.page.getByTestId('publication').textContent()).toContain(
			'Số liệu đã công bố theo Quyết định số 7/QĐ-UBND'
		);
		expect(await dashboard.page.getByTestId('sipas').textContent()).toBe(live);
		await dashboard.page.getByText('Chốt số liệu kỳ này').click();
		expect(await axe(dashboard.page)).toEqual([]);

		await dashboard.page.goto(`${dashboard.server.url}/audit?action=publication.publish`);
		const row = dashboard.page.getByRole('row').filter({ hasText: 'publication.publish' });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Lãnh đạo Sở Nội vụ (demo)');
		expect(await axe(dashboard.page)).toEqual([]);
		const csv = await dashboard.page.request.get(
			`${dashboard.server.url}/audit/export.csv?action=publication.publish`
		);
		expect((await csv.text()).split('\r\n')[1]).toContain('publication.publish');
	});

	it('shows a response’s detail to the ward’s people, and not to the next ward’s', async () => {
		const admin = new Client(dashboard.server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const csv = await (
			await admin.request(
				'/api/responses.csv?unit=DEMO.X01&instrument=sipas-service-2023&from=2025-07-01&to=2025-12-31'
			)
		).text();
		const id = csv
			.split('\r\n')[1]!
			.split(',')[0]!
			.replace(/^\uFEFF/, '');
		await signIn(dashboard.page, dashboard.server.url, 'staff', 'demo-staff-1');
		await dashboard.page.goto(`${dashboard.server.url}/responses/${id}`);
		expect(await dashboard.page.getByRole('heading', { level: 1 }).textContent()).toBe(
			`Phiếu ${id}`
		);
		expect(await dashboard.page.getByTestId('entered').textContent()).toBeTruthy();
		expect(await axe(dashboard.page)).toEqual([]);
		await dashboard.browser.clearCookies();
		await signIn(dashboard.page, dashboard.server.url, 'staff-b', 'demo-staff-b');
		expect((await dashboard.page.goto(`${dashboard.server.url}/responses/${id}`))?.status()).toBe(
			403
		);
	});
});
