import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import {
	adminClient,
	answerGroups,
	enrol,
	newDevice,
	respondents,
	send,
	SERVICE_GROUPS
} from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer | undefined;
let context: BrowserContext | undefined;
const NEXT = 'test-results/build-next';

afterAll(async () => {
	await context?.close();
	await server?.stop();
	rmSync(NEXT, { recursive: true, force: true });
});

/** Deploys "a new version": the same build with a changed service worker, on the same port and data. */
async function deploy(previous: RunningServer): Promise<RunningServer> {
	rmSync(NEXT, { recursive: true, force: true });
	cpSync('build', NEXT, { recursive: true });
	const worker = `${NEXT}/client/service-worker.js`;
	writeFileSync(worker, `${readFileSync(worker, 'utf8')}\n// next version\n`);
	rmSync(`${worker}.br`);
	rmSync(`${worker}.gz`);
	await previous.stop();
	return startServer(
		{ DATA_DIR: previous.dataDir },
		{ port: Number(new URL(previous.url).port), build: NEXT }
	);
}

const waiting = (page: Page) =>
	page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);

describe('kiosk update', () => {
	it('installs a new version in the background and applies it only back at the welcome screen', async () => {
		server = await startServer();
		const admin = await adminClient(server.url);
		const device = await newDevice(admin, 'DEMO.X15');
		context = await launchBrowser();
		const page = await context.newPage();
		await enrol(page, server.url, device.enrolmentCode);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			(window as unknown as { marker: number }).marker = 1;
		});
		// The first version controls the page it was installed from.
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

		// A respondent is on the first group when the new version is deployed.
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		const firstGroup = page.getByRole('radio', { name: 'Rất hài lòng', exact: true });
		for (let i = 0; i < 3; i++) await firstGroup.nth(i).click();
		server = await deploy(server);
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())!.update();
		});
		await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe(true);

		// Installed and waiting; the page was not reloaded and the answers are all there.
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
		for (let i = 0; i < 3; i++) expect(await firstGroup.nth(i).isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Tiếp theo' }).click();
		await answerGroups(page, SERVICE_GROUPS - 1);
		expect(await waiting(page)).toBe(true);
		await send(page);
		await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();

		// Back at the welcome screen the new version takes over (the page reloads into it).
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { marker?: number }).marker ?? 0), {
				timeout: 20_000
			})
			.toBe(0);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		expect(await waiting(page)).toBe(false);
		await expect.poll(() => respondents(admin, 'DEMO.X15'), { timeout: 15_000 }).toBe(1);
	});
});
