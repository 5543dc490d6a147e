import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Client } from './support/http';
import {
	completeSurvey,
	enrol,
	newDevice,
	outboxRows,
	respondents,
	unsent,
	useKioskServer
} from './support/kiosk';
import type { RunningServer } from './support/server';

const suite = useKioskServer();
let context: BrowserContext;
let server: RunningServer;
let admin: Client;
beforeEach(() => {
	server = suite.server;
	admin = suite.admin;
});

/** A new tablet enrolled as a kiosk of `unit`, with its service worker installed. */
async function kioskTab(unit: string, settings: Record<string, string> = {}): Promise<Page> {
	const device = await newDevice(admin, unit, settings);
	const page = await suite.tablet();
	context = suite.context;
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
	});
});

describe('kiosk sync', () => {
	it('rides out two 503s and delivers on the third attempt with no action and no reload', async () => {
		const page = await kioskTab('DEMO.X03');
		const statuses: number[] = [];
		await page.route('**/api/sync', async (route) => {
			const body = route.request().postDataJSON() as { responses: unknown[] };
			if (body.responses.length === 0) return route.continue(); // heartbeat
			if (statuses.length < 2) {
				statuses.push(503);
				return route.fulfill({ status: 503, contentType: 'application/json', body: '{}' });
			}
			statuses.push(200);
			return route.continue();
		});
		await completeSurvey(page);
		await expect.poll(() => respondents(admin, 'DEMO.X03'), { timeout: 20_000 }).toBe(1);
		expect(statuses).toEqual([503, 503, 200]);
		expect(await unsent(page)).toBe(0);
	});

	it('stores a batch once when the reply to it is lost and the kiosk sends it again', async () => {
		const page = await kioskTab('DEMO.X04');
		let lost = 0;
		await page.route('**/api/sync', async (route) => {
			const body = route.request().postDataJSON() as { responses: unknown[] };
			if (body.responses.length > 0 && lost === 0) {
				lost++;
				await route.fetch(); // the server stores it…
				return route.abort('connectionreset'); // …and the answer never comes back
			}
			return route.continue();
		});
		await completeSurvey(page);
		await expect.poll(() => unsent(page), { timeout: 20_000 }).toBe(0);
		expect(lost).toBe(1);
		expect(await respondents(admin, 'DEMO.X04')).toBe(1);
		expect((await outboxRows(page)).map((row) => row.outcome)).toEqual(['duplicate']);
	});

	it('stores each answer exactly once with two tabs open on the kiosk', async () => {
		const first = await kioskTab('DEMO.X05');
		const second = await context.newPage();
		await second.goto(`${server.url}/kiosk`);
		await second.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		// One tab at a time is in front (a background tab gets no animation frames), but
		// both tabs' sync engines run, and each wakes when its tab comes to the front.
		await completeSurvey(second);
		await first.bringToFront();
		await completeSurvey(first);
		await second.bringToFront();
		await completeSurvey(second);
		await expect.poll(() => unsent(second), { timeout: 20_000 }).toBe(0);
		expect(await respondents(admin, 'DEMO.X05')).toBe(3);
		const rows = await outboxRows(first);
		expect(rows.map((row) => row.outcome)).toEqual(['created', 'created', 'created']);
	});

	it('quarantines an answer the server calls invalid and delivers the ones behind it', async () => {
		const page = await kioskTab('DEMO.X06');
		await context.setOffline(true);
		for (let i = 0; i < 3; i++) await completeSurvey(page);
		// The first answer of the batch reaches the server spoiled.
		await page.route('**/api/sync', async (route) => {
			const body = route.request().postDataJSON() as {
				responses: { answers: Record<string, unknown> }[];
			};
			if (body.responses.length === 0) return route.continue();
			body.responses[0]!.answers.A1 = 9;
			return route.continue({ postData: JSON.stringify(body) });
		});
		await context.setOffline(false);
		await expect.poll(() => unsent(page), { timeout: 20_000 }).toBe(0);
		const rows = await outboxRows(page);
		expect(rows.map((row) => row.state).sort()).toEqual(['quarantined', 'sent', 'sent']);
		expect(await respondents(admin, 'DEMO.X06')).toBe(2);
	});
});
