import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { axe, launchBrowser } from './support/browser';
import { Client, signedIn } from './support/http';
import { adminClient, completeSurvey, respondents } from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

/**
 * One dossier, one rating, end to end: the one-stop-shop system mints a dossier's link with
 * its service token, a citizen's phone answers through it, the answer counts once on its own
 * channel, and a second answer through the same link is held.
 */
const TOKEN = 'one-stop-shop-system-token-0123456789abcdef';
let server: RunningServer;
let admin: Client;
let phone: BrowserContext;

beforeAll(async () => {
	server = await startServer({ DOSSIER_LINKS_TOKEN: TOKEN });
	admin = await adminClient(server.url);
	phone = await launchBrowser();
});
afterAll(async () => {
	await phone?.close();
	await server?.stop();
});

const mint = (client: Client, body: object, token = TOKEN) =>
	client.json('/api/dossier-links', body, { authorization: `Bearer ${token}` });

describe('dossier links', () => {
	it('are minted with the service token or by the unit’s staff, and by nobody else', async () => {
		const body = { unit: 'DEMO.X01', dossier: '000.00.12.H26-251201-0001' };
		const minted = await mint(new Client(server.url), body);
		expect(minted.status).toBe(201);
		const link = (await minted.json()) as { url: string; expires: string };
		expect(link.url).toMatch(
			new RegExp(
				`^${server.url}/r/DEMO\\.X01\\?d=000\\.00\\.12\\.H26-251201-0001&e=\\d{4}-\\d{2}-\\d{2}&s=[\\w-]{22}$`
			)
		);
		for (const token of ['wrong-token-wrong-token-wrong-token-0000', ''])
			expect((await mint(new Client(server.url), body, token)).status).toBe(401);
		const clerk = await signedIn(server.url, 'staff', 'demo-staff-1');
		expect((await clerk.json('/api/dossier-links', body)).status).toBe(201);
		const other = await signedIn(server.url, 'staff-b', 'demo-staff-b');
		const refused = await other.json('/api/dossier-links', body);
		expect(refused.status).toBe(403);
		expect(await refused.json()).toHaveProperty('error');
		const bad = await mint(new Client(server.url), { ...body, dossier: 'no spaces' });
		expect(bad.status).toBe(400);
	});

	it('take one rating per dossier from a phone, on its own channel; a second is held', async () => {
		const minted = await mint(new Client(server.url), { unit: 'DEMO.X02', dossier: 'HS-2026-77' });
		const { url } = (await minted.json()) as { url: string };
		for (const time of [1, 2]) {
			const page = await phone.newPage();
			await page.goto(url);
			await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
			if (time === 1) expect(await axe(page)).toEqual([]);
			await completeSurvey(page);
			await page.close();
		}
		await expect
			.poll(
				async () =>
					(await (await admin.request('/held')).text()).includes(
						'Hồ sơ này đã có một đánh giá được tính'
					),
				{
					timeout: 15_000
				}
			)
			.toBe(true);
		expect(await respondents(admin, 'DEMO.X02', 'sipas-service-2023', 'dossier')).toBe(1);
		expect(await respondents(admin, 'DEMO.X02', 'sipas-service-2023', 'web')).toBe(0);
		// A link altered by hand is refused: nothing more is counted.
		const forged = url.replace('HS-2026-77', 'HS-2026-78');
		const page = await phone.newPage();
		await page.goto(forged);
		await completeSurvey(page);
		expect(await respondents(admin, 'DEMO.X02', 'sipas-service-2023', 'dossier')).toBe(1);
	});

	it('are printed as a QR code from the unit’s page by its staff', async () => {
		const clerk = await signedIn(server.url, 'staff', 'demo-staff-1');
		const page = await (await clerk.request('/units/DEMO.X01')).text();
		expect(page).toContain('Mã QR đánh giá theo hồ sơ');
		const made = await clerk.form('/units/DEMO.X01?/dossierLink', {
			unit: 'DEMO.X01',
			dossier: 'HS-QR-1',
			days: '10'
		});
		expect(made.status).toBe(200);
		const manager = await signedIn(server.url, 'manager', 'demo-manager');
		expect(await (await manager.request('/units/DEMO.X01')).text()).not.toContain(
			'Mã QR đánh giá theo hồ sơ'
		);
	});
});
