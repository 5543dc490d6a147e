import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roundHalfUp } from '../src/lib/survey/indices';
import { readWorkbook } from '../src/lib/server/interchange/xlsx';
import { axe, launchBrowser, signIn } from './support/browser';
import { vietnamToday } from './support/entry';
import { Client } from './support/http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await startServer({ DEMO_RESPONSES: '1' });
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});
beforeEach(async () => {
	await browser.clearCookies();
	await page?.close();
	page = await browser.newPage();
});

const year = vietnamToday().slice(0, 4);
const lastYear = String(+year - 1);
const instrument = 'sipas-service-2023';
/** The view the manager chooses below, as /api/rankings takes it. */
const rankingsQuery = (kind: string) =>
	new URLSearchParams({
		parent: 'DEMO',
		kind,
		instrument,
		from: `${year}-01-01`,
		to: vietnamToday(),
		compareFrom: `${lastYear}-01-01`,
		compareTo: `${lastYear}-12-31`
	});
const vi = (value: number) => `${roundHalfUp(value).toFixed(2).replace('.', ',')} %`;

/** True when the canvas has painted pixels other than its white background. */
const painted = (p: Page, index: number) =>
	p
		.locator('canvas')
		.nth(index)
		.evaluate((canvas: HTMLCanvasElement) => {
			const { width, height } = canvas;
			const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
			for (let i = 0; i < data.length; i += 4) {
				if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) return true;
			}
			return false;
		});

describe('the dashboard', () => {
	it('shows a manager the year against last year: headline, charts, ranking, summary, drill-down', async () => {
		await signIn(page, server.url, 'manager', 'demo-manager');
		await page.goto(`${server.url}/dashboard`, { waitUntil: 'networkidle' });
		await page.getByLabel('Kỳ', { exact: true }).selectOption(year);
		await page.getByLabel('So sánh với').selectOption(lastYear);
		await page.getByRole('button', { name: 'Xem' }).click();
		await page.waitForURL((url) => url.searchParams.get('compare') === lastYear);
		expect(new URL(page.url()).searchParams.get('period')).toBe(year);

		expect(await page.getByTestId('sipas').textContent()).toMatch(/^\d{2},\d{2} %$/);
		expect((await page.locator('.headline .change').textContent())?.trim()).toMatch(
			new RegExp(`^[▲▼] (tăng|giảm) \\d+,\\d\\d điểm so với năm ${lastYear}$`)
		);
		await expect.poll(() => page.locator('canvas').count()).toBe(3);
		for (const i of [0, 1, 2]) await expect.poll(() => painted(page, i)).toBe(true);

		const ranking = page.getByRole('table').filter({ hasText: 'Thay đổi hạng' });
		const changes = await ranking.locator('tbody tr td:nth-child(8)').allTextContents();
		expect(changes).toHaveLength(20);
		expect(changes.some((c) => /^[▲▼]\d+: \d+ → \d+$/.test(c.trim()))).toBe(true);

		const api = new Client(server.url);
		await api.signIn('manager', 'demo-manager');
		const expected = await (
			await api.request(`/api/rankings?${rankingsQuery('department')}`)
		).json();
		const summary = await page.getByTestId('summary').textContent();
		// The year is still running: it says how far it goes.
		const [, mm, dd] = vietnamToday().split('-');
		const upTo = `${mm}-${dd}` === '12-31' ? '' : ` (đến ngày ${dd}/${mm})`;
		expect(summary).toContain(
			`Chỉ số SIPAS trung bình của khối sở, ban, ngành năm ${year}${upTo} đạt ${vi(expected.average.mean)}`
		);
		expect(summary).toContain(`${expected.improved}/${expected.withData} đơn vị tăng`);
		expect(await axe(page)).toEqual([]);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Tải ảnh PNG: Chỉ số theo yếu tố' }).click()
		]);
		expect(download.suggestedFilename()).toBe('sipas-elements.png');
		expect(
			readFileSync((await download.path())!)
				.subarray(1, 4)
				.toString()
		).toBe('PNG');

		// Drill down to the first department; the address alone brings the view back.
		const first = expected.rows[0].unit;
		await ranking.getByRole('link', { name: first.name }).click();
		await page.waitForURL((url) => url.searchParams.get('unit') === first.code);
		await page.reload({ waitUntil: 'networkidle' });
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			`Chỉ số hài lòng: ${first.name}`
		);
		expect(await page.getByLabel('Kỳ', { exact: true }).inputValue()).toBe(year);
		expect(await page.getByLabel('So sánh với').inputValue()).toBe(lastYear);
		expect(await page.getByTestId('sipas').textContent()).toBe(vi(expected.rows[0].index));
		expect(await page.getByText(`Về cấp trên: Tỉnh An Hòa (dữ liệu mẫu)`).count()).toBe(1);
	});

	it('exports a workbook whose ranking equals /api/rankings, and audits every export', async () => {
		const api = new Client(server.url);
		await api.signIn('manager', 'demo-manager');
		const view = `unit=DEMO&period=${year}&compare=${lastYear}&block=commune`;
		const response = await api.request(`/dashboard/export.xlsx?${view}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('spreadsheetml');
		const sheet = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
		const expected = await (await api.request(`/api/rankings?${rankingsQuery('commune')}`)).json();
		expect(sheet.length - 1).toBe(expected.rows.length);
		sheet.slice(1).forEach((row, i) => {
			const want = expected.rows[i];
			expect(row[1]).toBe(want.unit.code);
			expect(row[0]).toBe(want.rank === null ? '' : String(want.rank));
			expect(row[3]).toBe(want.index === null ? '' : String(roundHalfUp(want.index)));
			expect(row[4]).toBe(want.points === null ? '' : String(roundHalfUp(want.points)));
			expect(row[5]).toBe(String(want.n));
			expect(row[8]).toBe(want.previousRank === null ? '' : String(want.previousRank));
		});

		const csv = await api.request(`/dashboard/comments.csv?${view}&q=thai%20do`);
		expect(csv.status).toBe(200);
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.slice(1).every((line) => /th[aá]i đ[oộ]/i.test(line))).toBe(true);
		const raw = await api.request(
			`/api/responses.csv?unit=DEMO.X01&instrument=${instrument}&from=${year}-01-01&to=${year}-01-31`
		);
		expect(raw.status).toBe(200);

		const admin = new Client(server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const audit = await (await admin.request('/audit')).text();
		for (const action of ['export.tables', 'export.comments', 'export.responses']) {
			expect(audit).toContain(action);
		}
	});

	it('finds comments without accents and pages them; shows counter ratings and the report', async () => {
		await signIn(page, server.url, 'manager', 'demo-manager');
		await page.goto(`${server.url}/dashboard/comments?period=${year}`, {
			waitUntil: 'networkidle'
		});
		await page.getByLabel('Tìm trong ý kiến').fill('thai do');
		await page.getByRole('button', { name: 'Tìm', exact: true }).click();
		await page.waitForURL((url) => url.searchParams.get('q') === 'thai do');
		const found = await page.locator('tbody tr td:nth-child(4)').allTextContents();
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((text) => text.includes('Thái độ'))).toBe(true);
		expect(await page.getByTestId('comment-count').textContent()).toMatch(/^\d+ ý kiến$/);
		expect(await axe(page)).toEqual([]);

		await page.goto(`${server.url}/dashboard/quick?period=${year}`, { waitUntil: 'networkidle' });
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
			'Đánh giá nhanh tại quầy'
		);
		expect(await axe(page)).toEqual([]);

		await page.goto(`${server.url}/dashboard/report?period=${year}&compare=${lastYear}`, {
			waitUntil: 'networkidle'
		});
		expect(await page.getByTestId('summary').textContent()).toContain('Chỉ số SIPAS trung bình');
		await expect.poll(() => page.locator('canvas').count()).toBe(2);
		expect(await axe(page)).toEqual([]);
	});

	it('breaks the year down by respondent: the groups add up to the unit, by keyboard', async () => {
		await signIn(page, server.url, 'manager', 'demo-manager');
		await page.goto(`${server.url}/dashboard?period=${lastYear}&compare=none`, {
			waitUntil: 'networkidle'
		});
		await page.getByRole('link', { name: 'Theo người trả lời' }).click();
		await page.waitForURL((url) => url.pathname === '/dashboard/respondents');
		await expect.poll(() => page.getByRole('table', { name: 'Giới tính' }).count()).toBe(1);
		await page.getByLabel('Phân tích theo').selectOption('age');
		await page.getByRole('button', { name: 'Phân tích', exact: true }).press('Enter');
		await page.waitForURL((url) => url.searchParams.get('by') === 'age');
		expect(page.url()).toContain(`period=${lastYear}`);
		const table = page.getByRole('table', { name: 'Độ tuổi' });
		const groups = await table.locator('tbody th').allTextContents();
		expect(groups.slice(0, 2)).toEqual(['18–24', '25–34']);
		const counts = await table.locator('tbody td:nth-child(2)').allTextContents();
		const total = counts.reduce((sum, text) => sum + Number(text.replace(/\./g, '')), 0);
		const api = new Client(server.url);
		await api.signIn('manager', 'demo-manager');
		const indices = await (
			await api.request(
				`/api/indices?unit=DEMO&instrument=${instrument}&from=${lastYear}-01-01&to=${lastYear}-12-31`
			)
		).json();
		expect(total).toBe(indices.n);
		expect(await axe(page)).toEqual([]);
		// The same table as CSV, audited like every export.
		const csv = await api.request(`/dashboard/respondents.csv?period=${lastYear}&by=age`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]).toContain('Nhóm,Người trả lời,Tỷ lệ,SIPAS');
		expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(total);
	});

	it('checks the sample against the dossiers an admin entered', async () => {
		const admin = new Client(server.url);
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

		const ward = new Client(server.url);
		await ward.signIn('manager-x01', 'demo-manager-x01');
		const html = await (await ward.request(`/dashboard?period=${lastYear}`)).text();
		expect(html).toMatch(/Cỡ mẫu (đạt|chưa đạt)/);
		expect(html).toContain('tối thiểu 393 phiếu cho 20.000 hồ sơ');
		// Where the ward stands among the province's communes, as the province's ranking says,
		// though that ranking itself is outside its scope.
		const province = new Client(server.url);
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
		const ward = new Client(server.url);
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

		const anonymous = new Client(server.url);
		expect((await anonymous.request('/dashboard/export.xlsx')).status).toBe(303);
	});

	it('publishes last year from the dashboard, and the audit names who did it', async () => {
		await signIn(page, server.url, 'manager', 'demo-manager');
		const view = `${server.url}/dashboard?unit=DEMO&period=${lastYear}`;
		await page.goto(view, { waitUntil: 'networkidle' });
		const live = await page.getByTestId('sipas').textContent();
		await page.getByText('Chốt số liệu kỳ này').click();
		await page.getByRole('button', { name: 'Chốt số liệu', exact: true }).click();
		// The browser asks for the reference first; then the server takes it.
		expect(
			await page
				.getByLabel('Số quyết định, văn bản công bố')
				.evaluate((e: HTMLInputElement) => e.validity.valueMissing)
		).toBe(true);
		await page.getByLabel('Số quyết định, văn bản công bố').fill('Quyết định số 7/QĐ-UBND');
		await page.getByRole('button', { name: 'Chốt số liệu', exact: true }).click();
		await expect
			.poll(() => page.getByText('Đã chốt số liệu theo Quyết định số 7/QĐ-UBND.').count())
			.toBe(1);
		await page.goto(view, { waitUntil: 'networkidle' });
		expect(await page.getByTestId('publication').textContent()).toContain(
			'Số liệu đã công bố theo Quyết định số 7/QĐ-UBND'
		);
		expect(await page.getByTestId('sipas').textContent()).toBe(live);
		await page.getByText('Chốt số liệu kỳ này').click();
		expect(await axe(page)).toEqual([]);

		await page.goto(`${server.url}/audit?action=publication.publish`);
		const row = page.getByRole('row').filter({ hasText: 'publication.publish' });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Lãnh đạo Sở Nội vụ (demo)');
		expect(await axe(page)).toEqual([]);
		const csv = await page.request.get(`${server.url}/audit/export.csv?action=publication.publish`);
		expect((await csv.text()).split('\r\n')[1]).toContain('publication.publish');
	});

	it('shows a response’s detail to the ward’s people, and not to the next ward’s', async () => {
		const admin = new Client(server.url);
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
		await signIn(page, server.url, 'staff', 'demo-staff-1');
		await page.goto(`${server.url}/responses/${id}`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Phiếu ${id}`);
		expect(await page.getByTestId('entered').textContent()).toBeTruthy();
		expect(await axe(page)).toEqual([]);
		await browser.clearCookies();
		await signIn(page, server.url, 'staff-b', 'demo-staff-b');
		expect((await page.goto(`${server.url}/responses/${id}`))?.status()).toBe(403);
	});
});
