import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axe, signIn } from './support/browser';
import type { Client } from './support/http';
import {
	answerSurvey,
	completeSurvey,
	enrol,
	newDevice,
	outboxRows,
	respondents,
	tabTo,
	unsent,
	useKioskServer
} from './support/kiosk';
import { ADMIN_PASSWORD, type RunningServer } from './support/server';

const suite = useKioskServer();
let server: RunningServer;
let admin: Client;
let context: BrowserContext;
beforeEach(() => {
	server = suite.server;
	admin = suite.admin;
});

async function tablet(options: { locale?: string } = {}): Promise<Page> {
	const page = await suite.tablet(options);
	context = suite.context;
	return page;
}

/** Fails with the screen's name and every violation when axe finds any. */
async function accessible(page: Page, screen: string): Promise<void> {
	const violations = await axe(page);
	expect(
		violations.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

describe('kiosk screens', () => {
	for (const [lang, words] of [
		[
			'vi',
			{
				enrol: 'Đăng ký',
				start: 'Bắt đầu đánh giá',
				next: 'Tiếp theo',
				skip: 'Bỏ qua',
				send: 'Gửi đánh giá',
				level: 'Hài lòng',
				admin: 'Quản trị thiết bị',
				unlock: 'Mở',
				thanks: 'Cảm ơn Ông/Bà!'
			}
		],
		[
			'en',
			{
				enrol: 'Enrol',
				start: 'Start',
				next: 'Next',
				skip: 'Skip',
				send: 'Send my rating',
				level: 'Satisfied',
				admin: 'Device administration',
				unlock: 'Open',
				thanks: 'Thank you!'
			}
		]
	] as const) {
		it(`has no axe violations on any screen in ${lang}`, async () => {
			const device = await newDevice(admin, 'DEMO.X07', {
				services: 'Đất đai\nHộ tịch\nXây dựng',
				locale: lang
			});
			const page = await tablet({ locale: lang === 'en' ? 'en-GB' : 'vi-VN' });
			await page.goto(`${server.url}/kiosk`);
			await page.getByRole('button', { name: words.enrol, exact: true }).waitFor();
			await accessible(page, 'enrol');
			await page.locator('#enrol-code').fill(device.enrolmentCode);
			await page.getByRole('button', { name: words.enrol, exact: true }).click();
			await page.getByRole('button', { name: words.start }).waitFor();
			expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
			await accessible(page, 'welcome');
			await page.getByRole('button', { name: words.start }).click();
			await accessible(page, 'service field');
			await page.getByRole('button', { name: words.skip }).click();
			for (let step = 0; step < 5; step++) {
				const radios = page.getByRole('radio', { name: words.level, exact: true });
				for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).click();
				await accessible(page, `group ${step + 1}`);
				await page.getByRole('button', { name: words.next }).click();
			}
			for (const screen of ['context', 'demographics', 'comment']) {
				await accessible(page, screen);
				await page.getByRole('button', { name: words.next }).click();
			}
			await page.getByRole('button', { name: words.send }).waitFor();
			await accessible(page, 'review');
			await page.getByRole('button', { name: words.send }).click();
			await page.getByRole('heading', { name: words.thanks }).waitFor();
			await accessible(page, 'thanks');
			await page.getByRole('button', { name: words.start }).waitFor({ timeout: 10_000 });
			await page.getByRole('button', { name: words.admin }).click();
			await accessible(page, 'admin PIN');
			await page.locator('#admin-pin').fill(device.pin);
			await page.getByRole('button', { name: words.unlock, exact: true }).click();
			await page.getByTestId('unsent').waitFor();
			await accessible(page, 'health');
		});
	}

	it('completes a questionnaire by keyboard alone', async () => {
		const device = await newDevice(admin, 'DEMO.X08');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await tabTo(page, 'Bắt đầu đánh giá');
		await page.keyboard.press('Enter');
		for (let group = 0; group < 5; group++) {
			const items = await page.locator('fieldset.item').count();
			for (let i = 0; i < items; i++) {
				// Into the item's radio group, then "Hài lòng" (the fourth level).
				await page.keyboard.press('Tab');
				await page.keyboard.press('Space');
				for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
			}
			await tabTo(page, 'Tiếp theo');
			await page.keyboard.press('Enter');
		}
		for (let optional = 0; optional < 3; optional++) {
			await tabTo(page, 'Tiếp theo');
			await page.keyboard.press('Enter');
		}
		await tabTo(page, 'Gửi đánh giá');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
		await expect.poll(() => respondents(admin, 'DEMO.X08'), { timeout: 15_000 }).toBe(1);
		const [row] = await outboxRows(page);
		expect(Object.values(row!.response.answers)).toEqual(Array(16).fill(4));
	});

	it('counts down when a respondent walks away, resumes on a touch, and resets to the welcome screen', async () => {
		const device = await newDevice(admin, 'DEMO.X09', { idleSeconds: '30' });
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		// Faked from here on (and still moving with real time): the idle timer starts with the survey.
		await page.clock.install();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		await page.getByRole('radio', { name: 'Hài lòng', exact: true }).first().click();
		// The fake clock also moves with real time, so the checks leave a margin.
		await page.clock.runFor(25_000);
		expect(await page.getByRole('alertdialog').count()).toBe(0);
		await page.clock.runFor(7_000);
		const dialog = page.getByRole('alertdialog', { name: 'Ông/Bà còn tiếp tục không?' });
		await dialog.waitFor();
		expect(await dialog.textContent()).toMatch(/sau [1-9] giây/);
		await accessible(page, 'idle countdown');
		await page.getByRole('button', { name: 'Tiếp tục trả lời' }).click();
		await expect.poll(() => dialog.count()).toBe(0);
		expect(
			await page.getByRole('radio', { name: 'Hài lòng', exact: true }).first().isChecked()
		).toBe(true);
		// A key is activity too (every kind is covered in idle.spec.ts).
		await page.clock.runFor(25_000);
		await page.keyboard.press('Shift');
		await page.clock.runFor(10_000);
		expect(await dialog.count()).toBe(0);
		await page.clock.runFor(45_000);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		// Discard is the default: the unfinished answers are gone.
		expect(await outboxRows(page)).toEqual([]);
	});

	it('keeps an unfinished questionnaire as partial when the device says so', async () => {
		const device = await newDevice(admin, 'DEMO.X10', { idleSeconds: '15', unfinished: 'partial' });
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		// Faked from here on (and still moving with real time): the idle timer starts with the survey.
		await page.clock.install();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		await page.getByRole('radio', { name: 'Rất hài lòng', exact: true }).first().click();
		await page.clock.runFor(30_000);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		const [row] = await outboxRows(page);
		expect(row!.response).toMatchObject({ partial: true, answers: { A1: 5 } });
	});

	it('shows "disabled" after the token is revoked and keeps the unsent answers', async () => {
		const device = await newDevice(admin, 'DEMO.X11');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await context.setOffline(true);
		await completeSurvey(page);
		expect((await admin.form(`/admin/devices/${device.id}?/revoke`, {})).status).toBe(200);
		await context.setOffline(false);
		await page.getByRole('heading', { name: 'Ki-ốt này đã bị vô hiệu hóa' }).waitFor({
			timeout: 15_000
		});
		await accessible(page, 'disabled');
		expect(await unsent(page)).toBe(1);
		await page.reload();
		await page.getByRole('heading', { name: 'Ki-ốt này đã bị vô hiệu hóa' }).waitFor();
		expect(await unsent(page)).toBe(1);
	});

	it('stops taking answers once retired, and still delivers the ones it took before', async () => {
		const device = await newDevice(admin, 'DEMO.X27');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const before = await respondents(admin, 'DEMO.X27');
		await context.setOffline(true);
		await completeSurvey(page);
		expect((await admin.form(`/admin/devices/${device.id}?/retire`, {})).status).toBe(200);
		await context.setOffline(false);
		await page.reload();
		await page.getByRole('heading', { name: 'Ki-ốt này đã ngừng sử dụng' }).waitFor();
		await expect.poll(() => unsent(page), { timeout: 15_000 }).toBe(0);
		expect(await respondents(admin, 'DEMO.X27')).toBe(before + 1);
		await page.getByRole('status').getByText('có thể tắt thiết bị').waitFor({ timeout: 10_000 });
		expect(await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).count()).toBe(0);
		await accessible(page, 'retired');
		// Offline after a restart it still knows: it was told, and kept it.
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('heading', { name: 'Ki-ốt này đã ngừng sử dụng' }).waitFor();
		await context.setOffline(false);
	});

	it('locks the PIN screen after five wrong PINs, and a reload keeps it locked', async () => {
		const device = await newDevice(admin, 'DEMO.X26');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		const tryPin = async (pin: string) => {
			await page.locator('#admin-pin').fill(pin);
			await page.getByRole('button', { name: 'Mở', exact: true }).click();
		};
		await page.getByRole('button', { name: 'Quản trị thiết bị' }).click();
		for (let i = 1; i <= 5; i++) {
			await tryPin(`00000${i}`);
			// Each refusal is counted in the tablet's storage before the next try.
			await page.waitForFunction(
				(n) => JSON.parse(localStorage.getItem('sipas.pin-attempts') ?? '{}').failures === n,
				i
			);
		}
		await page.getByText('Mã PIN không đúng.').waitFor();
		await page.reload();
		await page.getByRole('button', { name: 'Quản trị thiết bị' }).click();
		await tryPin(device.pin);
		await page.getByText(/Nhập sai mã PIN nhiều lần: thử lại sau \d+ giây\./).waitFor();
		expect(await page.locator('#admin-pin').isVisible()).toBe(true);
	});

	it('opens the health screen only with the PIN, syncs on demand and exports the rescue file', async () => {
		const device = await newDevice(admin, 'DEMO.X12');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await context.setOffline(true);
		await completeSurvey(page);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 10_000 });
		await page.getByRole('button', { name: 'Quản trị thiết bị' }).click();
		await page.locator('#admin-pin').fill('0000000');
		await page.getByRole('button', { name: 'Mở', exact: true }).click();
		await page.getByText('Mã PIN không đúng.').waitFor();
		await page.locator('#admin-pin').fill(device.pin);
		await page.getByRole('button', { name: 'Mở', exact: true }).click();
		expect(await page.getByTestId('unsent').textContent()).toBe('1');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Xuất phiếu chưa gửi ra tệp' }).click();
		const file = await (await download).createReadStream();
		let text = '';
		for await (const chunk of file) text += chunk;
		const rescue = JSON.parse(text) as { unit: { code: string }; responses: { unit: string }[] };
		expect(rescue.unit.code).toBe('DEMO.X12');
		expect(rescue.responses).toHaveLength(1);
		await context.setOffline(false);
		await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
		await expect.poll(() => page.getByTestId('unsent').textContent()).toBe('0');
		expect(await respondents(admin, 'DEMO.X12')).toBe(1);
		// The server mirrors what the kiosk reported.
		const mirror = await (await admin.request(`/admin/devices/${device.id}`)).text();
		expect(mirror).toContain('data-testid="health-unsent">0<');
	});

	it('rates with one tap in quick mode, tagged with the counter', async () => {
		const device = await newDevice(admin, 'DEMO.X13', { mode: 'quick', counter: 'Quầy 2' });
		const page = await tablet();
		await page.goto(`${server.url}/kiosk`);
		await page.locator('#enrol-code').fill(device.enrolmentCode);
		await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
		await page.getByText('Quầy: Quầy 2').waitFor();
		await accessible(page, 'quick rating');
		const button = page.getByRole('button', { name: 'Rất hài lòng' });
		const box = await button.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(48);
		await button.click();
		await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor();
		await expect
			.poll(() => respondents(admin, 'DEMO.X13', 'quick-rating'), { timeout: 15_000 })
			.toBe(1);
		const [row] = await outboxRows(page);
		expect(row!.response.answers).toEqual({ Q1: 3, counter: 'Quầy 2' });
	});

	it('gives every unit a public link that a phone answers through the same outbox, as web', async () => {
		const page = await tablet();
		await page.goto(`${server.url}/r/DEMO.X14`);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		await accessible(page, 'public welcome');
		await completeSurvey(page);
		await expect.poll(() => respondents(admin, 'DEMO.X14'), { timeout: 15_000 }).toBe(1);
		expect(await respondents(admin, 'DEMO.X14', 'sipas-service-2023', 'web')).toBe(1);
		expect(await respondents(admin, 'DEMO.X14', 'sipas-service-2023', 'kiosk')).toBe(0);
		expect((await page.goto(`${server.url}/r/NOPE`))!.status()).toBe(404);
		// An abolished district has no public form.
		expect((await page.goto(`${server.url}/r/DEMO.H01`))!.status()).toBe(404);
		const unitPage = await (await admin.request('/units/DEMO.X14')).text();
		expect(unitPage).toContain(`${server.url}/r/DEMO.X14`);
	});
});

describe('kiosk enrolment', () => {
	it('enrols from the QR link by itself', async () => {
		const device = await newDevice(admin, 'DEMO.X16');
		const page = await tablet();
		await page.goto(`${server.url}/kiosk?code=${device.enrolmentCode}`);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		expect(await page.getByText('Xã Gia Lộc').count()).toBe(1);
	});

	it('after a QR link with a wrong code, typing a new one sends nothing until the clerk presses Enrol', async () => {
		const device = await newDevice(admin, 'DEMO.X18');
		const page = await tablet();
		let posts = 0;
		page.on('request', (request) => {
			if (request.method() === 'POST' && request.url().endsWith('/api/devices/enrol')) posts++;
		});
		await page.goto(`${server.url}/kiosk?code=WRONG123`);
		await page.getByRole('alert').waitFor();
		expect(posts).toBe(1);
		await page.locator('#enrol-code').fill('');
		await page.locator('#enrol-code').pressSequentially(device.enrolmentCode);
		// Give a stray request time to leave: none may.
		await page.waitForTimeout(500);
		expect(posts).toBe(1);
		await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		expect(posts).toBe(2);
	});

	it('enrols again from the PIN screen with a new code and keeps the unsent answers', async () => {
		const device = await newDevice(admin, 'DEMO.X17');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await context.setOffline(true);
		await completeSurvey(page);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 10_000 });
		await context.setOffline(false);
		const renewed = await (await admin.form(`/admin/devices/${device.id}?/code`, {})).text();
		const code = renewed.match(/data-testid="enrolment-code">([A-Z0-9]{4})-([A-Z0-9]{4})</)!;
		await page.getByRole('button', { name: 'Quản trị thiết bị' }).click();
		await page.locator('#admin-pin').fill(device.pin);
		await page.getByRole('button', { name: 'Mở', exact: true }).click();
		await page.getByRole('button', { name: 'Đăng ký lại ki-ốt' }).click();
		await page.locator('#enrol-code').fill(code[1]! + code[2]!);
		await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
		await expect.poll(() => unsent(page), { timeout: 15_000 }).toBe(0);
		expect(await respondents(admin, 'DEMO.X17')).toBe(1);
	});
});

describe('staff screens for kiosks', () => {
	it('shows a kiosk’s settings and reported health, and the held answers, with no axe violations', async () => {
		const device = await newDevice(admin, 'DEMO.X18', { services: 'Đất đai' });
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		await completeSurvey(page);
		await expect.poll(() => unsent(page), { timeout: 15_000 }).toBe(0);
		await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
		await page.goto(`${server.url}/admin/devices/${device.id}`);
		await page.getByRole('heading', { name: 'Tình trạng do ki-ốt báo về' }).waitFor();
		expect(
			await page.getByLabel('Các lĩnh vực để người dân chọn (mỗi dòng một lĩnh vực)').inputValue()
		).toBe('Đất đai');
		await accessible(page, 'admin device page');
		// A bad idle time is refused beside its field, and nothing changes.
		await page.getByLabel('Thời gian chờ trước khi đếm ngược (giây)').fill('5');
		await page.getByRole('button', { name: 'Lưu' }).nth(1).click();
		await page.getByText('Thời gian chờ từ 15 đến 600 giây.').waitFor();
		await page.goto(`${server.url}/held`);
		await page.getByRole('heading', { name: 'Phiếu bị giữ lại để xem xét' }).waitFor();
		await accessible(page, 'held answers');
	});
});

describe('kiosk storage faults', () => {
	it('shows a fault instead of thanks when IndexedDB refuses the answer, and saves it on retry', async () => {
		const device = await newDevice(admin, 'DEMO.X19');
		const page = await tablet();
		await enrol(page, server.url, device.enrolmentCode);
		// The tablet's storage starts refusing writes to the outbox (a full disk, a broken profile).
		await page.evaluate(() => {
			const w = window as unknown as { realAdd?: IDBObjectStore['add'] };
			w.realAdd = IDBObjectStore.prototype.add;
			IDBObjectStore.prototype.add = function () {
				throw new DOMException('The disk is full', 'QuotaExceededError');
			};
		});
		await answerSurvey(page);
		const fault = page.getByRole('heading', { name: 'Chưa lưu được câu trả lời' });
		await fault.waitFor();
		expect(await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).count()).toBe(0);
		await accessible(page, 'storage fault');
		expect(await outboxRows(page)).toEqual([]);
		// Storage works again: the same answer is saved once, then thanked for.
		await page.evaluate(() => {
			const w = window as unknown as { realAdd: IDBObjectStore['add'] };
			IDBObjectStore.prototype.add = w.realAdd;
		});
		await page.getByRole('button', { name: 'Thử lưu lại' }).click();
		await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
		await expect.poll(() => respondents(admin, 'DEMO.X19'), { timeout: 15_000 }).toBe(1);
		expect(await outboxRows(page)).toHaveLength(1);
	});
});
