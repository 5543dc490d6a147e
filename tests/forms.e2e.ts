import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * The app's POST forms (`$lib/client/forms`): a post on its way marks its form busy and a
 * second press is ignored, a refused post leaves the form usable with the message beside the
 * field, and the same form still posts as plain HTML without JavaScript.
 */
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Fills the new-batch form of /batches (hydrated first: see signIn). */
async function fillBatch(page: Page, label: string, end: string) {
	await page.goto(`${server.url}/batches`, { waitUntil: 'networkidle' });
	await page.getByLabel('Tên đợt').fill(label);
	await page.getByLabel('Thu thập từ ngày').fill('2026-03-01');
	await page.getByLabel(/^Đến ngày/).fill(end);
}

const batchesNamed = async (page: Page, label: string) => {
	await page.goto(`${server.url}/batches`);
	return page.getByRole('cell', { name: label, exact: true }).count();
};

describe('forms with JavaScript', () => {
	it('ignores a second press while the first post is on its way, and says it is busy', async () => {
		await browser.clearCookies();
		const page = await browser.newPage();
		await signIn(page, server.url, 'staff', 'demo-staff-1');
		await fillBatch(page, 'Đợt bấm hai lần', '2026-03-31');
		const held: Route[] = [];
		await page.route(
			(url) => url.pathname === '/batches' && url.search === '?/create',
			(route) => void held.push(route)
		);
		const create = page.getByRole('button', { name: 'Mở đợt' });
		await create.click();
		await expect.poll(() => held.length).toBe(1);
		const form = page.locator('form[aria-labelledby="create"]');
		expect(await form.getAttribute('aria-busy')).toBe('true');
		await create.click();
		await create.press('Enter');
		// Still one post: the presses while busy sent nothing.
		await page.waitForTimeout(300);
		expect(held.length).toBe(1);
		await page.unroute(() => true);
		await held[0]!.continue();
		await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
		expect(await batchesNamed(page, 'Đợt bấm hai lần')).toBe(1);
		await page.close();
	});

	it('shows a refusal beside its field without a page load, and the form can be sent again', async () => {
		await browser.clearCookies();
		const page = await browser.newPage();
		await signIn(page, server.url, 'staff', 'demo-staff-1');
		await fillBatch(page, 'Đợt sửa ngày', '2026-02-01');
		let loads = 0;
		page.on('load', () => loads++);
		await page.getByRole('button', { name: 'Mở đợt' }).click();
		const end = page.getByLabel(/^Đến ngày/);
		await expect
			.poll(() =>
				page
					.locator('#periodEnd-error')
					.textContent()
					.catch(() => '')
			)
			.toBe('Ngày kết thúc không được trước ngày bắt đầu.');
		expect(await end.getAttribute('aria-describedby')).toContain('periodEnd-error');
		expect(loads).toBe(0);
		expect(
			await page.locator('form[aria-labelledby="create"]').getAttribute('aria-busy')
		).toBeNull();
		// What was typed is still there; only the wrong field needs fixing.
		expect(await page.getByLabel('Tên đợt').inputValue()).toBe('Đợt sửa ngày');
		await end.fill('2026-03-31');
		await page.getByRole('button', { name: 'Mở đợt' }).click();
		await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
		expect(await batchesNamed(page, 'Đợt sửa ngày')).toBe(1);
		await page.close();
	});
});

describe('forms without JavaScript', () => {
	it('opens a batch and names a wrong field as plain HTML posts', async () => {
		const plain = await launchBrowser({ javaScriptEnabled: false });
		try {
			const page = await plain.newPage();
			await signIn(page, server.url, 'staff', 'demo-staff-1');
			await fillBatch(page, 'Đợt không có script', '2026-02-01');
			await page.getByRole('button', { name: 'Mở đợt' }).click();
			await page.waitForLoadState('load');
			expect(await page.getByText('Ngày kết thúc không được trước ngày bắt đầu.').count()).toBe(1);
			await page.getByLabel(/^Đến ngày/).fill('2026-03-31');
			await page.getByRole('button', { name: 'Mở đợt' }).click();
			await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
			expect(await batchesNamed(page, 'Đợt không có script')).toBe(1);
		} finally {
			await plain.close();
		}
	});
});
