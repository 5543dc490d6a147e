import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, signIn } from './support/browser';
import { exported, paperForm } from './support/entry';
import { Client } from './support/http';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let staff: Client;
let batch: string;

const form = (serial: string, answers: Record<string, number>) => paperForm(batch, serial, answers);

beforeAll(async () => {
	server = await startServer();
	staff = new Client(server.url);
	await staff.signIn('staff', 'demo-staff-1');
	const created = await staff.form('/batches?/create', {
		unit: 'DEMO.X01',
		instrument: 'sipas-service-2023',
		label: 'Đợt kiểm tra từ chối',
		periodStart: '2026-01-01',
		periodEnd: '2026-12-31',
		expected: '10',
		verifyPercent: '0',
		verifySerials: ''
	});
	batch = created.headers.get('location')!.split('/').at(-1)!;
	// Two computers keyed form Q-1: the second is refused and kept in quarantine.
	await staff.json('/api/sync', { responses: [form('Q-1', { A1: 5 }), form('Q-5', { A1: 5 })] });
	const refused = await staff.json('/api/sync', {
		responses: [form('Q-1', { A1: 2 }), form('Q-5', { A1: 1 })]
	});
	expect(
		((await refused.json()) as { results: { status: string }[] }).results.map((r) => r.status)
	).toEqual(['invalid', 'invalid']);
});
afterAll(async () => {
	await server?.stop();
});

describe('quarantine screen', () => {
	it('shows why forms were refused; staff fix and resubmit one, void the other, and export the list', async () => {
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			await signIn(page, server.url, 'staff', 'demo-staff-1');
			await page.getByRole('link', { name: 'Phiếu bị từ chối' }).click();
			await page.waitForURL(/\/quarantine$/);
			expect(await page.locator('tbody tr').count()).toBe(2);
			expect(
				await page.getByRole('cell', { name: /^Phiếu số Q-1 đã nhập lúc .+, bởi staff\.$/ }).count()
			).toBe(1);
			expect(await axe(page)).toEqual([]);

			await page.getByRole('link', { name: 'Xử lý phiếu Q-1' }).click();
			await page.getByRole('heading', { name: 'Phiếu bị từ chối Q-1' }).waitFor();
			expect(await axe(page)).toEqual([]);
			await page.getByLabel('Số phiếu').fill('Q-2');
			await page.getByRole('button', { name: 'Gửi lại' }).click();
			await page.waitForURL(/\/quarantine\?done=resubmitted$/);
			expect(await page.locator('tbody tr').count()).toBe(1);

			await page.getByRole('link', { name: 'Xử lý phiếu Q-5' }).click();
			await page.getByRole('button', { name: 'Hủy phiếu' }).click();
			expect(
				await page
					.getByLabel('Lý do hủy')
					.evaluate((el: HTMLInputElement) => el.validity.valueMissing)
			).toBe(true);
			await page.getByLabel('Lý do hủy').fill('Nhập trùng, phiếu giấy đã có');
			await page.getByRole('button', { name: 'Hủy phiếu' }).click();
			await page.waitForURL(/\/quarantine\?done=void$/);
			await page.getByText('Không có phiếu nào đang chờ xử lý.').waitFor();

			await page.getByRole('link', { name: 'Xem cả phiếu đã xử lý' }).click();
			await page.getByText('Đã sửa và gửi lại (staff)').waitFor();
			expect(await page.getByText('Đã hủy (staff): Nhập trùng, phiếu giấy đã có').count()).toBe(1);

			const rows = await exported(staff, 'DEMO.X01');
			expect(rows.get('Q-2')!.A1).toBe('2');
			expect(rows.get('Q-1')!.A1).toBe('5');
			expect(rows.get('Q-5')!.A1).toBe('5');

			const csv = await (await staff.request('/quarantine/export.csv?all=1')).text();
			const lines = csv
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n');
			expect(lines[0]).toBe(
				'quarantine_id,received_at,unit,sender,response_id,status,reasons,resolution,resolution_reason,payload'
			);
			expect(lines).toHaveLength(3);
			expect(csv).toContain('Nhập trùng, phiếu giấy đã có');
		} finally {
			await browser.close();
		}
	});

	it('keeps the quarantine to its unit: other units’ staff get 403, managers too', async () => {
		const all = await (await staff.request('/quarantine/export.csv?all=1')).text();
		const id = all.split('\r\n')[1]!.split(',')[0]!;
		const other = new Client(server.url);
		await other.signIn('staff-b', 'demo-staff-b');
		expect((await other.request(`/quarantine/${id}`)).status).toBe(403);
		expect((await other.form(`/quarantine/${id}?/void`, { reason: 'x' })).status).toBe(403);
		expect((await other.request('/quarantine/export.csv?all=1')).status).toBe(200);
		expect(
			(await (await other.request('/quarantine/export.csv?all=1')).text()).trim().split('\r\n')
		).toHaveLength(1);
		const manager = new Client(server.url);
		await manager.signIn('manager', 'demo-manager');
		expect((await manager.request('/quarantine')).status).toBe(403);
	});
});
