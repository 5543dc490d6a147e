import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { Client } from './http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './server';

export const SERVICE_GROUPS = 5;

/** An admin's HTTP client on a running server. */
export async function adminClient(base: string): Promise<Client> {
	const admin = new Client(base);
	expect((await admin.signIn('admin', ADMIN_PASSWORD)).status).toBe(303);
	return admin;
}

/** Registers a kiosk for `unit` (and applies settings through the admin form); returns its code and PIN. */
export async function newDevice(
	admin: Client,
	unit: string,
	settings: Record<string, string> = {}
): Promise<{ id: string; enrolmentCode: string; pin: string }> {
	const created = await admin.json('/api/devices', { unit, name: `Ki-ốt ${unit}` });
	expect(created.status).toBe(201);
	const device = (await created.json()) as { id: string; enrolmentCode: string; pin: string };
	if (Object.keys(settings).length) {
		const saved = await admin.form(`/admin/devices/${device.id}?/settings`, {
			mode: 'full',
			idleSeconds: '60',
			unfinished: 'discard',
			locale: 'vi',
			services: '',
			counter: '',
			officer: '',
			pin: '',
			...settings
		});
		expect(saved.status).toBe(200);
	}
	return device;
}

/** A kiosk of `unit` registered and enrolled over HTTP: its id and the bearer header it sends. */
export async function enrolledKiosk(
	admin: Client,
	unit: string
): Promise<{ id: string; auth: { authorization: string } }> {
	const device = await newDevice(admin, unit);
	const enrolled = await new Client(admin.base).json('/api/devices/enrol', {
		code: device.enrolmentCode
	});
	expect(enrolled.status).toBe(200);
	const { token } = (await enrolled.json()) as { token: string };
	return { id: device.id, auth: { authorization: `Bearer ${token}` } };
}

/** Opens /kiosk on a new tablet and enrols it with the code. */
export async function enrol(page: Page, base: string, code: string): Promise<void> {
	await page.goto(`${base}/kiosk`);
	await page.getByLabel('Mã đăng ký').fill(code);
	await page.getByRole('button', { name: 'Đăng ký' }).click();
	await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
}

/** Answers every satisfaction item of `groups` screens with `level`, moving on after each. */
export async function answerGroups(page: Page, groups: number, level = 'Hài lòng'): Promise<void> {
	for (let group = 0; group < groups; group++) {
		const radios = page.getByRole('radio', { name: level, exact: true });
		await radios.first().waitFor();
		const count = await radios.count();
		expect(count).toBeGreaterThan(0);
		for (let i = 0; i < count; i++) await radios.nth(i).click();
		await page.getByRole('button', { name: 'Tiếp theo' }).click();
	}
}

/** Skips the optional screens (context, demographics, comment) and presses send. */
export async function send(page: Page): Promise<void> {
	while (!(await page.getByRole('heading', { name: 'Xem lại câu trả lời' }).isVisible())) {
		await page.getByRole('button', { name: 'Tiếp theo' }).click();
	}
	await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
}

/** From the welcome screen: answers every satisfaction item with `level` and sends. */
export async function answerSurvey(page: Page, level = 'Hài lòng'): Promise<void> {
	await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	// Kiosks with a list of service fields ask for one first; it is optional.
	const field = page.getByRole('heading', {
		name: 'Ông/Bà vừa thực hiện thủ tục thuộc lĩnh vực nào?'
	});
	await page.locator('progress').waitFor({ state: 'attached' });
	if (await field.isVisible()) await page.getByRole('button', { name: 'Bỏ qua' }).click();
	await answerGroups(page, SERVICE_GROUPS, level);
	await send(page);
}

/** A whole questionnaire, up to the thank-you screen. */
export async function completeSurvey(page: Page, level = 'Hài lòng'): Promise<void> {
	await answerSurvey(page, level);
	await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
}

/** Respondents counted in the unit's indices (today's answers), as managers see them. */
export async function respondents(
	admin: Client,
	unit: string,
	instrument = 'sipas-service-2023',
	channel?: 'kiosk' | 'web' | 'dossier'
) {
	const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
	const reply = await admin.request(
		`/api/indices?unit=${unit}&instrument=${instrument}&from=${today}&to=${today}` +
			(channel ? `&channel=${channel}` : '')
	);
	expect(reply.status).toBe(200);
	return ((await reply.json()) as { n: number }).n;
}

/** The kiosk's own count of unsent answers, read from its IndexedDB. */
export function unsent(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('sipas-kiosk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('outbox', 'readonly');
					const all = tx.objectStore('outbox').getAll();
					all.onsuccess = () => {
						resolve((all.result as { state: string }[]).filter((e) => e.state === 'queued').length);
						open.result.close();
					};
				};
			})
	);
}

/** Presses Tab until the focused element is the control named `name` (keyboard only). */
export async function tabTo(page: Page, name: string, limit = 80): Promise<void> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
		});
		if (focused === name) return;
	}
	throw new Error(`no control named ${name} within ${limit} tabs`);
}

/** Rows of the kiosk's outbox in IndexedDB (state, outcome, response). */
export function outboxRows(page: Page): Promise<
	{
		state: string;
		outcome?: string;
		response: { answers: Record<string, unknown>; partial?: boolean };
	}[]
> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('sipas-kiosk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('outbox', 'readonly').objectStore('outbox').getAll();
					all.onsuccess = () => {
						resolve(all.result);
						open.result.close();
					};
				};
			})
	);
}

/**
 * One production server for a test file, an admin client on it, and a fresh tablet (its own
 * browser profile: its own IndexedDB and service worker) per test, closed after each.
 */
export function useKioskServer() {
	let server: RunningServer | undefined;
	let admin: Client | undefined;
	let context: BrowserContext | undefined;
	beforeAll(async () => {
		server = await startServer();
		admin = await adminClient(server.url);
	});
	afterEach(async () => {
		await context?.close();
		context = undefined;
	});
	afterAll(async () => {
		await server?.stop();
	});
	return {
		get server() {
			return server!;
		},
		get admin() {
			return admin!;
		},
		get context() {
			return context!;
		},
		/** A new tablet for this test, in the given browser language. */
		async tablet(options: { locale?: string } = {}): Promise<Page> {
			context = await launchBrowser(options);
			return context.newPage();
		}
	};
}
