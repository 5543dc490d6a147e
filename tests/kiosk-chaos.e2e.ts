import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

/**
 * Chaos on the tablet: the kiosk tab closed while a sync is in flight, and the IndexedDB
 * connection closed under the app (as iOS does to a page in the background). Lost replies,
 * 5xx replies and a full disk are in kiosk.e2e.ts, src/lib/client/sync.spec.ts (a minute-long
 * 5xx storm in simulated time) and kiosk-screens.e2e.ts; the server side in chaos.e2e.ts.
 */

const suite = useKioskServer();
let server: RunningServer;
let admin: Client;
beforeEach(() => {
	server = suite.server;
	admin = suite.admin;
});

async function kioskTab(unit: string): Promise<Page> {
	const device = await newDevice(admin, unit);
	const page = await suite.tablet();
	// Keep a handle on every IndexedDB connection the page opens, to close one under it later.
	await page.addInitScript(() => {
		const opened: IDBDatabase[] = [];
		(window as unknown as { openedDatabases: IDBDatabase[] }).openedDatabases = opened;
		const open = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
			const request = open.apply(this, args);
			request.addEventListener('success', () => opened.push(request.result));
			return request;
		};
	});
	await enrol(page, server.url, device.enrolmentCode);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	return page;
}

describe('the kiosk tab closed in the middle of a sync', () => {
	for (const when of ['after the server stored the batch', 'before the server saw it'] as const) {
		it(`loses nothing and doubles nothing when it closes ${when}`, async () => {
			const unit = when === 'before the server saw it' ? 'DEMO.X07' : 'DEMO.X06';
			const page = await kioskTab(unit);
			const context = suite.context;
			await context.setOffline(true);
			for (let i = 0; i < 3; i++) await completeSurvey(page);
			let inFlight = () => {};
			const reached = new Promise<void>((resolve) => (inFlight = resolve));
			let closing = () => {};
			const closed = new Promise<void>((resolve) => (closing = resolve));
			let settled = () => {};
			const cut = new Promise<void>((resolve) => (settled = resolve));
			await page.route('**/api/sync', async (route) => {
				const body = route.request().postDataJSON() as { responses: unknown[] };
				if (body.responses.length === 0) return route.continue();
				if (when === 'after the server stored the batch') await route.fetch();
				inFlight();
				// The reply never comes: the tab is closed while it waits. A request left
				// pending would be let through when the page closes (Playwright), so the one
				// the server must not see is cut as the tab goes.
				await closed;
				if (when === 'before the server saw it') await route.abort('aborted');
				settled();
			});
			await context.setOffline(false);
			await reached;
			expect(await respondents(admin, unit)).toBe(when === 'before the server saw it' ? 0 : 3);
			closing();
			await cut;
			await page.close({ runBeforeUnload: false });

			const reopened = await context.newPage();
			await reopened.goto(`${server.url}/kiosk`);
			await reopened.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
			await expect.poll(() => unsent(reopened), { timeout: 20_000 }).toBe(0);
			expect(await respondents(admin, unit)).toBe(3);
			expect((await outboxRows(reopened)).map((row) => row.outcome)).toEqual(
				Array(3).fill(when === 'before the server saw it' ? 'created' : 'duplicate')
			);
		});
	}
});

describe('the IndexedDB connection closed under the app', () => {
	it('reopens it, stores the next answer before the thank-you screen, and syncs it', async () => {
		const page = await kioskTab('DEMO.X08');
		await completeSurvey(page);
		await expect.poll(() => respondents(admin, 'DEMO.X08'), { timeout: 20_000 }).toBe(1);
		const closed = await page.evaluate(() => {
			const opened = (window as unknown as { openedDatabases: IDBDatabase[] }).openedDatabases;
			for (const db of opened) db.close();
			return opened.length;
		});
		expect(closed).toBeGreaterThan(0);
		await completeSurvey(page);
		await completeSurvey(page);
		await expect.poll(() => respondents(admin, 'DEMO.X08'), { timeout: 20_000 }).toBe(3);
		expect(await unsent(page)).toBe(0);
		expect(await page.getByRole('heading', { name: 'Chưa lưu được câu trả lời' }).count()).toBe(0);
		// It went on through a new connection, not the closed one.
		const now = await page.evaluate(
			() => (window as unknown as { openedDatabases: IDBDatabase[] }).openedDatabases.length
		);
		expect(now).toBeGreaterThan(closed);
	});
});
