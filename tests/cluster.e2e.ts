import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '$lib/server/db/postgres';
import { serverQuery, testEngines } from '$lib/server/db/testing';
import type { Database } from '$lib/server/db';
import { countersAndRecount } from '$lib/server/testing';
import { launchBrowser } from './support/browser';
import { caddyRoot, startCaddy, type Caddy } from './support/caddy';
import { Client } from './support/http';
import { completeSurvey, enrol, newDevice, respondents, unsent } from './support/kiosk';
import { ADMIN_PASSWORD, freePort, startServer, type RunningServer } from './support/server';
import { fetchTrusting } from './support/tls';
import { pageImages, readQr } from './support/qr';

/**
 * Production as `deploy/` sets it up (issue 18, item 2): one PostgreSQL, two app servers
 * started together on an empty database, Caddy in front over HTTPS with its internal CA,
 * which Chromium trusts the way a tablet does (the root in its NSS database). Sessions and
 * sign-in limits hold across the two; a kiosk enrols and cold-starts offline through the
 * proxy, and the QR codes it is shown carry the HTTPS address; kiosks keep syncing while one
 * app server is killed with SIGKILL, and every answer is stored exactly once.
 */

const run = promisify(execFile);

describe.runIf(testEngines().includes('postgres'))('two app servers behind Caddy', () => {
	const name = `sipas_cluster_${randomBytes(6).toString('hex')}`;
	const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://unset');
	const database = new URL(server.href);
	database.pathname = `/${name}`;
	let apps: RunningServer[] = [];
	let proxy: Caddy;
	let browser: BrowserContext;
	let db: Database;
	let client: () => Client;

	beforeAll(async () => {
		await serverQuery(server.href, `create database ${name}`);
		const ports = [await freePort(), await freePort()];
		proxy = await startCaddy(
			ports.map((port) => `http://127.0.0.1:${port}`),
			{ https: true }
		);
		const env = {
			DATABASE_URL: database.href,
			ORIGIN: proxy.url,
			ADDRESS_HEADER: 'X-Forwarded-For',
			XFF_DEPTH: '1'
		};
		// Both at once on the empty database: one migrates and seeds, the other waits for it.
		apps = await Promise.all(ports.map((port) => startServer(env, { port })));
		db = openPostgres(database.href, { max: 2 });

		const root = readFileSync(await caddyRoot(proxy), 'utf8');
		client = () => new Client(proxy.url, proxy.url, fetchTrusting(root));
		// The tablet's step: the root certificate installed as an authority it trusts.
		const home = mkdtempSync(join(tmpdir(), 'sipas-tablet-'));
		const nss = join(home, '.pki/nssdb');
		mkdirSync(nss, { recursive: true });
		await run('certutil', ['-d', `sql:${nss}`, '-N', '--empty-password']);
		await run('certutil', [
			'-d',
			`sql:${nss}`,
			'-A',
			'-t',
			'C,,',
			'-n',
			'sipas-lan',
			'-i',
			await caddyRoot(proxy)
		]);
		browser = await launchBrowser({ home });
	}, 180_000);

	afterAll(async () => {
		await browser?.close();
		await proxy?.stop();
		await Promise.all(apps.map((app) => app.stop()));
		await db?.close();
		await serverQuery(server.href, `drop database if exists ${name} with (force)`);
	});

	it('come up together on an empty database, seeded once', async () => {
		const [row] = await db.query<{ units: number; admins: number; instruments: number }>(
			`select (select count(*)::int from units) as units,
				(select count(*)::int from users where role = 'admin') as admins,
				(select count(*)::int from instruments) as instruments`
		);
		// Seeded once: the demo province's units, one first admin, each shipped questionnaire.
		expect(row).toEqual({ units: 143, admins: 1, instruments: 5 });
		for (const app of apps) expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
		expect((await client().request('/api/health')).status).toBe(200);
	});

	it('keep a session and a sign-in limit across both servers', async () => {
		const admin = client();
		expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(303);
		// Round robin: these requests go to both servers in turn, each knows the session.
		for (let i = 0; i < 6; i++) expect((await admin.request('/admin')).status).toBe(200);
		const served = apps.map(
			(app) => (app.output().match(/"route":"\/\(app\)\/admin"/g) ?? []).length
		);
		expect(served.every((n) => n >= 2)).toBe(true);

		const guesser = client();
		for (let i = 0; i < 5; i++)
			expect((await guesser.signIn('manager', `wrong-${i}`)).status).toBe(400);
		expect((await guesser.signIn('manager', 'demo-manager')).status).toBe(429);
	});

	it('enrols a kiosk in Chromium through the proxy, which then cold-starts offline', async () => {
		const admin = client();
		await admin.signIn('admin', ADMIN_PASSWORD);
		const device = await newDevice(admin, 'DEMO.X05');
		// A browser that has not installed the root refuses the address outright.
		const stranger = await launchBrowser();
		try {
			const refused = await (
				await stranger.newPage()
			)
				.goto(`${proxy.url}/kiosk`)
				.catch((error: Error) => error.message);
			expect(refused).toContain('ERR_CERT_AUTHORITY_INVALID');
		} finally {
			await stranger.close();
		}
		const page = await browser.newPage();
		try {
			await enrol(page, proxy.url, device.enrolmentCode);
			expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			await browser.setOffline(true);
			await page.reload();
			await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
			await completeSurvey(page);
			expect(await unsent(page)).toBe(1);
			await browser.setOffline(false);
			await expect.poll(() => unsent(page), { timeout: 20_000 }).toBe(0);
			expect(await respondents(admin, 'DEMO.X05')).toBe(1);
		} finally {
			await browser.setOffline(false);
			await page.close();
		}
	});

	it('shows QR codes that carry the HTTPS address a tablet and a phone must open', async () => {
		const admin = client();
		await admin.signIn('admin', ADMIN_PASSWORD);
		// The admin registers a tablet: the page shows its enrolment QR.
		const created = await admin.form('/admin/devices?/create', {
			name: 'Ki-ốt QR',
			unit: 'DEMO.X06'
		});
		expect(created.status).toBe(200);
		const [enrolment] = pageImages(await created.text()).map(readQr);
		expect(enrolment).toMatch(/\/kiosk\?code=[A-Za-z0-9-]+$/);
		expect(enrolment!.startsWith(`${proxy.url}/kiosk?code=`)).toBe(true);
		// The unit's page: the public link's QR, printed where citizens are served.
		const unitPage = await admin.request('/units/DEMO.X06');
		expect(unitPage.status).toBe(200);
		expect(pageImages(await unitPage.text()).map(readQr)).toContain(`${proxy.url}/r/DEMO.X06`);
		expect(proxy.url.startsWith('https://')).toBe(true);
	});

	it('loses no answer and counts none twice while one server is killed mid-soak', async () => {
		const admin = client();
		await admin.signIn('admin', ADMIN_PASSWORD);
		const kiosks = await Promise.all(
			['DEMO.X10', 'DEMO.X11', 'DEMO.X12', 'DEMO.X13', 'DEMO.X14', 'DEMO.X15'].map(async (unit) => {
				const device = await newDevice(admin, unit);
				const enrolled = await client().json('/api/devices/enrol', { code: device.enrolmentCode });
				expect(enrolled.status).toBe(200);
				const { token } = (await enrolled.json()) as { token: string };
				return { unit, auth: { authorization: `Bearer ${token}` } };
			})
		);
		const sent: string[] = [];
		let refused = 0;
		/** One kiosk's outbox: each batch again and again until the server answers 200. */
		const outbox = async (kiosk: (typeof kiosks)[number], rounds: number) => {
			const sender = client();
			for (let round = 0; round < rounds; round++) {
				const batch = Array.from({ length: 1 + (round % 3) }, () => ({
					id: randomUUID(),
					instrument: 'sipas-service-2023',
					instrumentVersion: 1,
					unit: kiosk.unit,
					channel: 'kiosk',
					submittedAt: new Date().toISOString(),
					answers: { A1: 4, B1: 5, C2: 3 }
				}));
				sent.push(...batch.map((answer) => answer.id));
				for (let attempt = 0; ; attempt++) {
					expect(attempt, 'the batch never got through').toBeLessThan(60);
					const reply = await sender
						.json('/api/sync', { responses: batch }, kiosk.auth)
						.catch(() => undefined);
					if (reply?.status === 200) break;
					refused++;
					await new Promise((resolve) => setTimeout(resolve, 250));
				}
			}
		};
		const soak = Promise.all(kiosks.map((kiosk) => outbox(kiosk, 40)));
		// A third of the way in, one server dies without a goodbye.
		await expect.poll(() => sent.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(80);
		apps[0]!.process.kill('SIGKILL');
		await soak;
		expect(apps[0]!.process.signalCode).toBe('SIGKILL');

		const [stored] = await db.query<{ n: number; distinct: number }>(
			`select count(*)::int as n, count(distinct id)::int as distinct from responses
			where id = any($1::uuid[])`,
			[sent]
		);
		expect(stored).toEqual({ n: sent.length, distinct: sent.length });
		const { stored: counters, recount } = await countersAndRecount(db);
		expect(counters).toEqual(recount);
		let counted = 0;
		for (const kiosk of kiosks) counted += await respondents(admin, kiosk.unit);
		expect(counted).toBe(sent.length);
		// The admin's session, perhaps made on the dead server, still works on the other.
		expect((await admin.request('/admin')).status).toBe(200);
		console.log(`cluster soak: ${sent.length} answers, ${refused} attempts retried`);
	});
});
