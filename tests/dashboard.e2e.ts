import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../src/lib/survey/indices';
import { readWorkbook } from '../src/lib/server/interchange/xlsx';
import { axe, signIn } from './support/browser';
import { vietnamToday } from './support/entry';
import { Client } from './support/http';
import { ADMIN_PASSWORD } from './support/server';
import {
	instrument,
	lastYear,
	painted,
	rankingsQuery,
	useDashboardServer,
	vi,
	year
} from './support/dashboard';

const dashboard = useDashboardServer();

describe('the dashboard', () => {
	it('shows a manager the year against last year: headline, charts, ranking, summary, drill-down', async () => {
		await signIn(dashboard.page, dashboard.server.url, 'manager', 'demo-manager');
		await dashboard.page.goto(`${dashboard.server.url}/dashboard`, { waitUntil: 'networkidle' });
		await dashboard.page.getByLabel('Kỳ', { exact: true }).selectOption(year);
		await dashboard.page.getByLabel('So sánh với').selectOption(lastYear);
		await dashboard.page.getByRole('button', { name: 'Xem' }).click();
		await dashboard.page.waitForURL((url) => url.searchParams.get('compare') === lastYear);
		expect(new URL(dashboard.page.url()).searchParams.get('period')).toBe(year);

		expect(await dashboard.page.getByTestId('sipas').textContent()).toMatch(/^\d{2},\d{2} %$/);
		expect((await dashboard.page.locator('.headline .change').textContent())?.trim()).toMatch(
			new RegExp(`^[▲▼] (tăng|giảm) \\d+,\\d\\d điểm so với năm ${lastYear}$`)
		);
		await expect.poll(() => dashboard.page.locator('canvas').count()).toBe(3);
		for (const i of [0, 1, 2]) await expect.poll(() => painted(dashboard.page, i)).toBe(true);

		const ranking = dashboard.page.getByRole('table').filter({ hasText: 'Thay đổi hạng' });
		const changes = await ranking.locator('tbody tr td:nth-child(8)').allTextContents();
		expect(changes).toHaveLength(20);
		expect(changes.some((c) => /^[▲▼]\d+: \d+ → \d+$/.test(c.trim()))).toBe(true);

		const api = new Client(dashboard.server.url);
		await api.signIn('manager', 'demo-manager');
		const expected = await (
			await api.request(`/api/rankings?${rankingsQuery('department')}`)
		).json();
		const summary = await dashboard.page.getByTestId('summary').textContent();
		// The year is still running: it says how far it goes.
		const [, mm, dd] = vietnamToday().split('-');
		const upTo = `${mm}-${dd}` === '12-31' ? '' : ` (đến ngày ${dd}/${mm})`;
		expect(summary).toContain(
			`Chỉ số SIPAS trung bình của khối sở, ban, ngành năm ${year}${upTo} đạt ${vi(expected.average.mean)}`
		);
		expect(summary).toContain(`${expected.improved}/${expected.withData} đơn vị tăng`);
		expect(await axe(dashboard.page)).toEqual([]);

		const [download] = await Promise.all([
			dashboard.page.waitForEvent('download'),
			dashboard.page.getByRole('button', { name: 'Tải ảnh PNG: Chỉ số theo yếu tố' }).click()
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
		await dashboard.page.waitForURL((url) => url.searchParams.get('unit') === first.code);
		await dashboard.page.reload({ waitUntil: 'networkidle' });
		expect(await dashboard.page.getByRole('heading', { level: 1 }).textContent()).toBe(
			`Chỉ số hài lòng: ${first.name}`
		);
		expect(await dashboard.page.getByLabel('Kỳ', { exact: true }).inputValue()).toBe(year);
		expect(await dashboard.page.getByLabel('So sánh với').inputValue()).toBe(lastYear);
		expect(await dashboard.page.getByTestId('sipas').textContent()).toBe(
			vi(expected.rows[0].index)
		);
		expect(await dashboard.page.getByText(`Về cấp trên: Tỉnh An Hòa (dữ liệu mẫu)`).count()).toBe(
			1
		);
	});

	it('exports a workbook whose ranking equals /api/rankings, and audits every export', async () => {
		const api = new Client(dashboard.server.url);
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

		const admin = new Client(dashboard.server.url);
		await admin.signIn('admin', ADMIN_PASSWORD);
		const audit = await (await admin.request('/audit')).text();
		for (const action of ['export.tables', 'export.comments', 'export.responses']) {
			expect(audit).toContain(action);
		}
	});

	it('finds comments without accents and pages them; shows counter ratings and the report', async () => {
		await signIn(dashboard.page, dashboard.server.url, 'manager', 'demo-manager');
		await dashboard.page.goto(`${dashboard.server.url}/dashboard/comments?period=${year}`, {
			waitUntil: 'networkidle'
		});
		await dashboard.page.getByLabel('Tìm trong ý kiến').fill('thai do');
		await dashboard.page.getByRole('button', { name: 'Tìm', exact: true }).click();
		await dashboard.page.waitForURL((url) => url.searchParams.get('q') === 'thai do');
		const found = await dashboard.page.locator('tbody tr td:nth-child(4)').allTextContents();
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((text) => text.includes('Thái độ'))).toBe(true);
		expect(await dashboard.page.getByTestId('comment-count').textContent()).toMatch(/^\d+ ý kiến$/);
		expect(await axe(dashboard.page)).toEqual([]);

		await dashboard.page.goto(`${dashboard.server.url}/dashboard/quick?period=${year}`, {
			waitUntil: 'networkidle'
		});
		expect(await dashboard.page.getByRole('heading', { level: 1 }).textContent()).toContain(
			'Đánh giá nhanh tại quầy'
		);
		expect(await axe(dashboard.page)).toEqual([]);

		await dashboard.page.goto(
			`${dashboard.server.url}/dashboard/report?period=${year}&compare=${lastYear}`,
			{
				waitUntil: 'networkidle'
			}
		);
		expect(await dashboard.page.getByTestId('summary').textContent()).toContain(
			'Chỉ số SIPAS trung bình'
		);
		await expect.poll(() => dashboard.page.locator('canvas').count()).toBe(2);
		expect(await axe(dashboard.page)).toEqual([]);
	});

	it('breaks the year down by respondent: the groups add up to the unit, by keyboard', async () => {
		await signIn(dashboard.page, dashboard.server.url, 'manager', 'demo-manager');
		await dashboard.page.goto(`${dashboard.server.url}/dashboard?period=${lastYear}&compare=none`, {
			waitUntil: 'networkidle'
		});
		await dashboard.page.getByRole('link', { name: 'Theo người trả lời' }).click();
		await dashboard.page.waitForURL((url) => url.pathname === '/dashboard/respondents');
		await expect
			.poll(() => dashboard.page.getByRole('table', { name: 'Giới tính' }).count())
			.toBe(1);
		await dashboard.page.getByLabel('Phân tích theo').selectOption('age');
		await dashboard.page.getByRole('button', { name: 'Phân tích', exact: true }).press('Enter');
		await dashboard.page.waitForURL((url) => url.searchParams.get('by') === 'age');
		expect(dashboard.page.url()).toContain(`period=${lastYear}`);
		const table = dashboard.page.getByRole('table', { name: 'Độ tuổi' });
		const groups = await table.locator('tbody th').allTextContents();
		expect(groups.slice(0, 2)).toEqual(['18–24', '25–34']);
		const counts = await table.locator('tbody td:nth-child(2)').allTextContents();
		const total = counts.reduce((sum, text) => sum + Number(text.replace(/\./g, '')), 0);
		const api = new Client(dashboard.server.url);
		await api.signIn('manager', 'demo-manager');
		const indices = await (
			await api.request(
				`/api/indices?unit=DEMO&instrument=${instrument}&from=${lastYear}-01-01&to=${lastYear}-12-31`
			)
		).json();
		expect(total).toBe(indices.n);
		expect(await axe(dashboard.page)).toEqual([]);
		// The same table as CSV, audited like every export.
		const csv = await api.request(`/dashboard/respondents.csv?period=${lastYear}&by=age`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]).toContain('Nhóm,Người trả lời,Tỷ lệ,SIPAS');
		expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(total);
	});
});
