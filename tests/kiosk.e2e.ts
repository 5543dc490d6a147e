import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import type { Client } from './support/http';
import {
	adminClient,
	completeSurvey,
	enrol,
	newDevice,
	respondents,
	unsent
} from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let admin: Client;
let context: BrowserContext;

beforeAll(async () => {
	server = await startServer();
	admin = await adminClient(server.url);
	context = await launchBrowser();
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

/** A new tab enrolled as a kiosk of `unit`, with its service worker installed and in control. */
async function kioskTab(unit: string, settings: Record<string, string> = {}): Promise<Page> {
	const device = await newDevice(admin, unit, settings);
	const page = await context.newPage();
	await enrol(page, server.url, device.enrolmentCode);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	return page;
}

describe('kiosk offline', () => {
	it('cold-starts offline, keeps three answers through a reload, and delivers each once when online', async () => {
		const page = await kioskTab('DEMO.X02');
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		for (let i = 0; i < 3; i++) await completeSurvey(page);
		await page.reload();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		expect(await unsent(page)).toBe(3);
		expect(await respondents(admin, 'DEMO.X02')).toBe(0);
		await context.setOffline(false);
		await expect.poll(() => unsent(page), { timeout: 15_000 }).toBe(0);
		expect(await respondents(admin, 'DEMO.X02')).toBe(3);
		await page.close();
	});
});
