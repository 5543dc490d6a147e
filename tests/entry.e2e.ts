import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, signIn } from './support/browser';
import {
	exported,
	keyForm,
	openBatch,
	openEntry,
	paperForm,
	SERVICE_ITEMS,
	syncLine
} from './support/entry';
import { Client } from './support/http';
import { startServer, type RunningServer } from './support/server';
import { writeWorkbook } from '../src/lib/server/interchange/xlsx';

let server: RunningServer;
let staff: Client;

beforeAll(async () => {
	server = await startServer();
	staff = new Client(server.url);
	await staff.signIn('staff', 'demo-staff-1');
});
afterAll(async () => {
	await server?.stop();
});

/** A clerk's browser, signed in, with a fresh profile (its own IndexedDB and caches). */
async function clerk(
	username = 'staff',
	password = 'demo-staff-1'
): Promise<{ browser: BrowserContext; page: Page }> {
	const browser = await launchBrowser();
	const page = await browser.newPage();
	await signIn(page, server.url, username, password);
	return { browser, page };
}

/** Form i's answers: a level per item, some blanks (0) and "not applicable" (n) on E. */
const answersOf = (i: number) =>
	SERVICE_ITEMS.map((code, k) =>
		code.startsWith('E') && i % 4 === 0 ? 'n' : (i + k) % 7 === 6 ? '0' : String(((i + k) % 5) + 1)
	);
const expectedCell = (key: string) => (key === '0' ? '' : key === 'n' ? 'NA' : key);

describe('keyboard entry of paper forms', () => {
	it('takes 20 forms by keyboard, at most 20 keys each, and they reach the server as keyed', async () => {
		const { browser, page } = await clerk();
		try {
			const batch = await openBatch(page, server.url, 'Đợt 1/2026 – Bưu điện');
			await openEntry(page, server.url, batch);
			expect(await axe(page)).toEqual([]);
			const counts: number[] = [];
			for (let i = 1; i <= 20; i++) {
				counts.push(await keyForm(page, String(i), answersOf(i)));
				await expect.poll(() => page.getByText(`Đã lưu phiếu số ${i}.`).count()).toBe(1);
			}
			expect(Math.max(...counts)).toBeLessThanOrEqual(20);
			// Only the first form's serial is typed; the next ones are numbered on.
			expect(counts).toEqual([19, ...Array(19).fill(18)]);
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 0 · Đã gửi: 20 · Bị từ chối: 0');
			// An Enter too many on the next, empty form saves nothing.
			await page.keyboard.press('Enter');
			await page.keyboard.press('Enter');
			await page.getByText('Phiếu chưa có câu trả lời nào: nhập các câu rồi mới lưu.').waitFor();
			expect(await syncLine(page)).toBe('Chờ gửi: 0 · Đã gửi: 20 · Bị từ chối: 0');

			const rows = await exported(staff, 'DEMO.X01');
			expect([...rows.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(
				Array.from({ length: 20 }, (_, i) => String(i + 1))
			);
			for (let i = 1; i <= 20; i++) {
				const row = rows.get(String(i))!;
				expect(SERVICE_ITEMS.map((code) => row[code])).toEqual(answersOf(i).map(expectedCell));
				expect(row).toMatchObject({ channel: 'paper', batch: 'Đợt 1/2026 – Bưu điện' });
			}
			await page.goto(`${server.url}/batches/${batch}`);
			expect(await page.getByTestId('entered').textContent()).toBe('20');
			expect(await axe(page)).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('stops a serial keyed before with who and when, and a link to it; it never reaches the server', async () => {
		const { browser, page } = await clerk();
		try {
			const batch = await openBatch(page, server.url, 'Đợt trùng số');
			await openEntry(page, server.url, batch);
			await keyForm(page, '123', answersOf(1));
			await page.getByText('Đã lưu phiếu số 123.').waitFor();
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 0 · Đã gửi: 1 · Bị từ chối: 0');
			// A reload: the first keying is now known from the server, not only from this computer.
			await openEntry(page, server.url, batch);
			await page.keyboard.type('123');
			await page.keyboard.press('Enter');
			const alert = page.locator('#entry-problem');
			await expect
				.poll(() => alert.textContent())
				.toMatch(/Phiếu số 123 đã nhập lúc .+, bởi staff\./);
			const link = alert.getByRole('link', { name: 'Mở phiếu đã nhập' });
			expect(await link.getAttribute('href')).toMatch(new RegExp(`^/entry/${batch}\\?edit=`));
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-0');
			// Saving is refused too, whatever was keyed after.
			await page.getByRole('button', { name: 'Lưu phiếu (Enter)' }).click();
			expect(await alert.textContent()).toMatch(/Phiếu số 123 đã nhập lúc/);
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 0 · Đã gửi: 1 · Bị từ chối: 0');
			const rows = await exported(staff, 'DEMO.X01');
			expect(SERVICE_ITEMS.map((c) => rows.get('123')![c])).toEqual(answersOf(1).map(expectedCell));
			await link.click();
			await page.getByText('Đang sửa phiếu số 123.').waitFor();
			expect(await axe(page)).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('keys 5 forms offline, keeps them over a reload, and sends each once when back online', async () => {
		const { browser, page } = await clerk();
		try {
			const batch = await openBatch(page, server.url, 'Đợt mất mạng');
			await openEntry(page, server.url, batch);
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
				const cache = await caches.open('staff-entry');
				while (!(await cache.match(location.pathname))) await new Promise((r) => setTimeout(r, 50));
			});
			await browser.setOffline(true);
			for (let i = 0; i < 5; i++) {
				await keyForm(page, String(500 + i), answersOf(i));
				await page.getByText(`Đã lưu phiếu số ${500 + i}.`).waitFor();
			}
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 5 · Đã gửi: 0 · Bị từ chối: 0');
			await page.reload();
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 5 · Đã gửi: 0 · Bị từ chối: 0');
			expect((await exported(staff, 'DEMO.X01')).has('500')).toBe(false);
			await browser.setOffline(false);
			await expect
				.poll(() => syncLine(page), { timeout: 20_000 })
				.toBe('Chờ gửi: 0 · Đã gửi: 5 · Bị từ chối: 0');
			const rows = await exported(staff, 'DEMO.X01');
			for (let i = 0; i < 5; i++) expect(rows.has(String(500 + i))).toBe(true);
			const csv = await (
				await staff.request(
					'/api/responses.csv?unit=DEMO.X01&instrument=sipas-service-2023&from=2026-01-01&to=2026-12-31'
				)
			).text();
			expect(csv.match(/,50[0-4],Đợt mất mạng,/g)).toHaveLength(5);
			// The kept screen holds the unit's serials: signing out (through the worker) drops it.
			expect(await page.evaluate(() => caches.has('staff-entry'))).toBe(true);
			await page.getByRole('button', { name: 'Đăng xuất' }).click();
			await page.waitForURL(`${server.url}/`);
			expect(await page.evaluate(() => caches.has('staff-entry'))).toBe(false);
		} finally {
			await browser.close();
		}
	});
});

/** Opens a batch over HTTP as a browser without JavaScript would; returns its id. */
async function batchOver(client: Client, label: string, unit = 'DEMO.X01'): Promise<Response> {
	return client.form('/batches?/create', {
		unit,
		instrument: 'sipas-service-2023',
		label,
		periodStart: '2026-01-01',
		periodEnd: '2026-12-31',
		expected: '50',
		verifyPercent: '0',
		verifySerials: ''
	});
}

/** A's item A1 as managers read it today. */
async function itemA1(client: Client, day: string) {
	const reply = await client.request(
		`/api/indices?unit=DEMO.X01&instrument=sipas-service-2023&from=${day}&to=${day}`
	);
	const body = (await reply.json()) as {
		n: number;
		items: { code: string; n: number; satisfied: number }[];
	};
	const item = body.items.find((i) => i.code === 'A1')!;
	return { n: body.n, answered: item.n, satisfied: item.satisfied };
}

describe('checking and correcting forms', () => {
	it('changes a sent form with a reason: the indices follow and the history shows old → new; a void stops it counting', async () => {
		const { browser, page } = await clerk();
		try {
			const batch = await openBatch(page, server.url, 'Đợt sửa phiếu');
			await openEntry(page, server.url, batch);
			await keyForm(page, '900', Array(16).fill('5'));
			await expect.poll(() => syncLine(page)).toBe('Chờ gửi: 0 · Đã gửi: 1 · Bị từ chối: 0');
			const day = (await exported(staff, 'DEMO.X01')).get('900')!.submitted_at!.slice(0, 10);
			const before = await itemA1(staff, day);

			await page.goto(`${server.url}/batches/${batch}`);
			await page.getByRole('link', { name: 'Sửa phiếu 900' }).click();
			await page.getByText('Đang sửa phiếu số 900.').waitFor();
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-0');
			await page.keyboard.press('Enter');
			await page.keyboard.press('1');
			await page.getByLabel('Lý do sửa (bắt buộc với phiếu đã gửi)').fill('Nhập nhầm câu A1');
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/batches\/.+\?changed=900$/);
			await page.getByText('Đã sửa phiếu số 900.').waitFor();

			const after = await itemA1(staff, day);
			expect(after).toEqual({ ...before, satisfied: before.satisfied - 1 });

			await page.getByRole('link', { name: 'Sửa phiếu 900' }).click();
			await expect
				.poll(() =>
					page.getByRole('listitem').filter({ hasText: 'Nhập nhầm câu A1' }).textContent()
				)
				.toMatch(/staff · Nhập nhầm câu A1: A1: 5 → 1$/);

			await page.goto(`${server.url}/batches/${batch}`);
			await page.getByText('Hủy phiếu 900').first().click();
			await page.getByLabel('Lý do hủy phiếu 900').fill('Phiếu của đợt khác');
			await page.getByRole('button', { name: 'Hủy phiếu 900' }).click();
			await page.getByText('Đã hủy phiếu 900.').waitFor();
			await page.reload();
			expect(await page.locator('tr[data-serial="900"]').getAttribute('data-status')).toBe('void');
			expect(await page.getByText('Đã hủy: Phiếu của đợt khác').count()).toBe(1);
			expect((await itemA1(staff, day)).n).toBe(before.n - 1);
		} finally {
			await browser.close();
		}
	});
});

describe('double entry', () => {
	it('lists exactly the planted mismatches side by side, with the error rate, and applies the supervisor’s pick', async () => {
		const first = await clerk();
		const second = await clerk('staff2', 'demo-staff-2');
		try {
			const batch = await openBatch(first.page, server.url, 'Đợt nhập hai lần', {
				verifySerials: 'D-1, D-2, D-3, D-4, D-5'
			});
			await openEntry(first.page, server.url, batch);
			for (let i = 1; i <= 5; i++) await keyForm(first.page, `D-${i}`, Array(16).fill('4'));
			await expect.poll(() => syncLine(first.page)).toBe('Chờ gửi: 0 · Đã gửi: 5 · Bị từ chối: 0');

			// The first clerk has nothing to check again, and the server agrees.
			await first.page.goto(`${server.url}/entry/${batch}/verify`);
			await first.page.getByText('Không còn phiếu nào cần nhập kiểm tra.').waitFor();
			const own = await staff.json(`/api/batches/${batch}/verify`, { serial: 'D-1', answers: {} });
			expect(own.status).toBe(409);
			expect(((await own.json()) as { error: string }).error).toBe(
				'Phiếu số D-1 phải do một cán bộ khác nhập kiểm tra.'
			);

			const page = second.page;
			await page.goto(`${server.url}/entry/${batch}/verify`);
			await expect
				.poll(() => page.getByTestId('pending').textContent())
				.toContain('D-1, D-2, D-3, D-4, D-5');
			expect(await axe(page)).toEqual([]);
			for (let i = 1; i <= 5; i++) {
				const keys = Array(16).fill('4');
				if (i === 2) keys[3] = '2'; // B1
				if (i === 4) keys[12] = '0'; // D3 left blank
				await keyForm(page, `D-${i}`, keys);
				await page.getByText(`Đã lưu lần nhập kiểm tra phiếu số D-${i}.`).waitFor();
			}
			await page.getByText('Không còn phiếu nào cần nhập kiểm tra.').waitFor();

			await first.page.goto(`${server.url}/batches/${batch}`);
			const rows = await first.page
				.getByTestId('mismatches')
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) =>
						[...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent!.trim())
					)
				);
			expect(rows).toEqual([
				['D-2', 'B1', '4', '2 (staff2)'],
				['D-4', 'D3', '4', 'Trống (staff2)']
			]);
			expect(await first.page.getByTestId('error-rate').textContent()).toBe(
				'Tỷ lệ sai: 1,48 % số câu, 40,00 % số phiếu.'
			);
			expect(await axe(first.page)).toEqual([]);

			await first.page.getByRole('button', { name: 'Lấy lần 2 (2) cho phiếu D-2 câu B1' }).click();
			await first.page.getByText('Đã ghi quyết định cho phiếu D-2 câu B1.').waitFor();
			await first.page.getByRole('button', { name: 'Giữ lần 1 (4) cho phiếu D-4 câu D3' }).click();
			await first.page.getByText('Đã ghi quyết định cho phiếu D-4 câu D3.').waitFor();
			const stored = await exported(staff, 'DEMO.X01');
			const ofBatch = [...stored.values()].filter((r) => r.batch === 'Đợt nhập hai lần');
			expect(ofBatch.find((r) => r.serial === 'D-2')!.B1).toBe('2');
			expect(ofBatch.find((r) => r.serial === 'D-4')!.D3).toBe('4');
		} finally {
			await first.browser.close();
			await second.browser.close();
		}
	});
});

describe('spreadsheet import into a batch', () => {
	/** Excel's day number of a date (what a date cell holds). */
	const excelDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
	const header = [
		'Số phiếu',
		'Ngày',
		...SERVICE_ITEMS.map((c) => `Câu ${c}`),
		'Giới tính',
		'Ý kiến khác'
	];
	/** 1 000 forms; `bad` plants a wrong level (line 11), a day outside the period (501), an unknown gender (1001). */
	function sheet(bad: boolean): Buffer {
		const rows: (string | number)[][] = [header];
		for (let i = 1; i <= 1000; i++) {
			const line = i + 1;
			rows.push([
				`X-${i}`,
				bad && line === 501 ? '01/01/2025' : excelDay('2026-06-15'),
				...SERVICE_ITEMS.map((_, k) => (bad && line === 11 && k === 0 ? 7 : ((i + k) % 5) + 1)),
				bad && line === 1001 ? 'unknown' : i % 2 ? 'female' : 'male',
				i % 100 === 0 ? 'Thủ tục nhanh, cán bộ tận tình' : ''
			]);
		}
		return writeWorkbook(rows);
	}

	it('names the 3 bad rows of a 1 000-row sheet in a dry run, stores 1 000 once fixed, and 0 more the second time', async () => {
		const { browser, page } = await clerk();
		try {
			const batch = await openBatch(page, server.url, 'Đợt nhập tệp');
			await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
			await page.waitForURL(/\/import$/);
			expect(await axe(page)).toEqual([]);
			const upload = async (file: Buffer, button: string) => {
				await page.getByLabel('Tệp Excel hoặc CSV').setInputFiles({
					name: 'phieu.xlsx',
					mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
					buffer: file
				});
				await page.getByRole('button', { name: button }).click();
			};
			const report = page.getByTestId('import-report');

			await upload(sheet(true), 'Kiểm tra (không lưu)');
			await report.getByText('3 dòng có lỗi (3 lỗi). Chưa lưu phiếu nào.').waitFor();
			const errors = await report
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
				);
			expect(errors.map((e) => e.slice(0, 3))).toEqual([
				['11', 'A1', '7'],
				['501', 'submitted_at', '01/01/2025'],
				['1001', 'gender', 'unknown']
			]);
			expect(await axe(page)).toEqual([]);
			expect([...(await exported(staff, 'DEMO.X01')).keys()].some((k) => k.startsWith('X-'))).toBe(
				false
			);

			await upload(sheet(false), 'Kiểm tra (không lưu)');
			await report
				.getByText('Tệp hợp lệ: sẽ thêm 1.000 phiếu, 0 phiếu đã có. Chưa lưu gì.')
				.waitFor();
			await upload(sheet(false), 'Nhập vào đợt');
			await report.getByText('Đã thêm 1.000 phiếu; 0 phiếu đã có từ trước.').waitFor();
			await upload(sheet(false), 'Nhập vào đợt');
			await report.getByText('Đã thêm 0 phiếu; 1.000 phiếu đã có từ trước.').waitFor();

			const rows = await exported(staff, 'DEMO.X01');
			const imported = [...rows.values()].filter((r) => r.batch === 'Đợt nhập tệp');
			expect(imported).toHaveLength(1000);
			expect(rows.get('X-10')).toMatchObject({
				channel: 'paper',
				submitted_at: '2026-06-15T12:00:00+07:00',
				A1: '1',
				gender: 'male',
				comment: ''
			});
			await page.goto(`${server.url}/batches/${batch}`);
			expect(await page.getByTestId('entered').textContent()).toBe('1.000');
		} finally {
			await browser.close();
		}
	});
});

describe('unit scope of entry', () => {
	let batch: string;
	let form: string;
	let other: Client;

	beforeAll(async () => {
		const created = await batchOver(staff, 'Đợt của A');
		expect(created.status).toBe(303);
		batch = created.headers.get('location')!.split('/').at(-1)!;
		form = crypto.randomUUID();
		const sent = await staff.json('/api/sync', {
			responses: [{ ...paperForm(batch, 'A-1', { A1: 4 }), id: form }]
		});
		expect(((await sent.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'created'
		);
		other = new Client(server.url);
		expect((await other.signIn('staff-b', 'demo-staff-b')).status).toBe(303);
	});

	it('lets the unit’s own staff open its batch and entry screen', async () => {
		expect((await staff.request(`/batches/${batch}`)).status).toBe(200);
		expect((await staff.request(`/entry/${batch}`)).status).toBe(200);
	});

	it('refuses staff of another unit: open, key into, edit, void, or open a batch for it (403)', async () => {
		expect((await other.request(`/batches/${batch}`)).status).toBe(403);
		expect((await other.request(`/entry/${batch}`)).status).toBe(403);
		expect((await other.request(`/entry/${batch}?edit=${form}`)).status).toBe(403);
		expect(
			(await other.form(`/batches/${batch}?/void`, { id: form, reason: 'x', serial: 'A-1' })).status
		).toBe(403);
		expect(
			(await other.json(`/api/responses/${form}/edit`, { reason: 'x', answers: { A1: 1 } })).status
		).toBe(403);
		expect((await other.json(`/api/responses/${form}/void`, { reason: 'x' })).status).toBe(403);
		expect((await batchOver(other, 'Đợt lấn sân')).status).toBe(403);
		const file = new FormData();
		file.set('file', new Blob(['Số phiếu,Câu A1\nA-3,5\n']), 'phieu.csv');
		expect(
			(await other.request(`/batches/${batch}/import`, { method: 'POST', body: file })).status
		).toBe(403);
		expect((await other.request(`/batches/${batch}/import`)).status).toBe(403);
		const keyed = await other.json('/api/sync', {
			responses: [paperForm(batch, 'A-2', { A1: 1 })]
		});
		expect(((await keyed.json()) as { results: { status: string }[] }).results[0]).toMatchObject({
			status: 'invalid'
		});
		expect((await exported(staff, 'DEMO.X01')).get('A-1')!.A1).toBe('4');
		expect((await exported(staff, 'DEMO.X01')).has('A-2')).toBe(false);
	});

	it('keeps managers, who read but do not key in, out of entry', async () => {
		const manager = new Client(server.url);
		await manager.signIn('manager', 'demo-manager');
		expect((await manager.request('/batches')).status).toBe(403);
		expect((await manager.request(`/entry/${batch}`)).status).toBe(403);
	});
});
