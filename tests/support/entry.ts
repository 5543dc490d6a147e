import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Client } from './http';

/** The 16 satisfaction items of the service form, in paper order. */
export const SERVICE_ITEMS = [
	'A1',
	'A2',
	'A3',
	'B1',
	'B2',
	'B3',
	'B4',
	'C1',
	'C2',
	'C3',
	'D1',
	'D2',
	'D3',
	'E1',
	'E2',
	'E3'
];

/** Today in Vietnam, as the server's days are. */
export const vietnamToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Opens a batch through the form on /batches and returns its id. */
export async function openBatch(
	page: Page,
	base: string,
	label: string,
	options: { verifyPercent?: number; verifySerials?: string } = {}
): Promise<string> {
	// Hydrated first (see signIn): the fields are typed into at once.
	await page.goto(`${base}/batches`, { waitUntil: 'networkidle' });
	await page.getByLabel('Tên đợt').fill(label);
	await page.getByLabel('Thu thập từ ngày').fill('2026-01-01');
	await page.getByLabel(/^Đến ngày/).fill('2026-12-31');
	if (options.verifyPercent !== undefined)
		await page.getByLabel(/^Nhập kiểm tra lần hai/).fill(String(options.verifyPercent));
	if (options.verifySerials)
		await page.getByLabel(/^Số phiếu chọn nhập kiểm tra/).fill(options.verifySerials);
	await page.getByRole('button', { name: 'Mở đợt' }).click();
	await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
	return page.url().split('/').at(-1)!;
}

/** Opens the entry screen of a batch, ready for keys (the serial field has the focus). */
export async function openEntry(page: Page, base: string, batchId: string): Promise<void> {
	await page.goto(`${base}/entry/${batchId}`);
	await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-0');
}

/**
 * Keys one form by keyboard only: the serial (unless the prefilled one is right), Enter, a
 * key per answer, Enter. Returns the number of keys pressed.
 */
export async function keyForm(
	page: Page,
	serial: string,
	keys: readonly string[]
): Promise<number> {
	let pressed = 0;
	const prefilled = await page.locator('#f-0').inputValue();
	if (prefilled !== serial) {
		// The serial field's text is selected: typing replaces it.
		await page.keyboard.type(serial);
		pressed += serial.length;
	}
	for (const key of ['Enter', ...keys, 'Enter']) {
		await page.keyboard.press(key === ' ' ? 'Space' : key);
		pressed++;
	}
	return pressed;
}

/** The sync line of the entry screen ("Chờ gửi: 0 · Đã gửi: 20 · Bị từ chối: 0"). */
export const syncLine = (page: Page) => page.getByTestId('sync-counts').textContent();

/** The stored paper forms of a unit as the CSV export gives them: serial → row. */
export async function exported(
	client: Client,
	unit: string,
	from = '2026-01-01',
	to = '2026-12-31'
): Promise<Map<string, Record<string, string>>> {
	const reply = await client.request(
		`/api/responses.csv?unit=${unit}&instrument=sipas-service-2023&from=${from}&to=${to}`
	);
	expect(reply.status).toBe(200);
	const [header, ...lines] = (await reply.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	const columns = header!.split(',');
	const rows = lines.map((line) =>
		Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]))
	);
	return new Map(rows.filter((r) => r.serial).map((r) => [r.serial!, r]));
}

/** A paper form of a batch of DEMO.X01 as a clerk's computer sends it to /api/sync. */
export const paperForm = (batchId: string, serial: string, answers: Record<string, number>) => ({
	id: crypto.randomUUID(),
	instrument: 'sipas-service-2023',
	instrumentVersion: 1,
	unit: 'DEMO.X01',
	channel: 'paper',
	submittedAt: '2026-06-01T12:00:00+07:00',
	answers,
	serial,
	batchId
});
