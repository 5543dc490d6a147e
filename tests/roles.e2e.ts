import { describe, expect, it } from 'vitest';
import { axe, launchBrowser, signIn } from './support/browser';
import { ADMIN_PASSWORD } from './support/server';
import { useServerAndBrowser } from './support/journey';

const app = useServerAndBrowser();

const navLinks = async () =>
	app.page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link')
		.allTextContents();

describe('signing in as each role', () => {
	it('admin sees the administration and every unit', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		expect(await navLinks()).toEqual([
			'Chỉ số hài lòng',
			'Đơn vị',
			'Nhập phiếu giấy',
			'Phiếu bị từ chối',
			'Phiếu chờ duyệt',
			'Danh mục đơn vị',
			'Người dùng',
			'Thiết bị ki-ốt',
			'Bộ câu hỏi',
			'Nhật ký'
		]);
		await app.page.goto(`${app.server.url}/units`);
		await expect.poll(() => app.page.getByText('61 đơn vị').count()).toBe(1);
		expect(await axe(app.page)).toEqual([]);
	});

	it('manager sees the province subtree and no administration', async () => {
		await signIn(app.page, app.server.url, 'manager', 'demo-manager');
		expect(await navLinks()).toEqual(['Chỉ số hài lòng', 'Đơn vị', 'Phiếu chờ duyệt', 'Nhật ký']);
		await app.page.goto(`${app.server.url}/units?retired=1`);
		expect(await app.page.getByRole('link', { name: 'Huyện An Dương' }).count()).toBe(1);
		expect(await app.page.getByText('143 đơn vị').count()).toBe(1);
		const response = await app.page.goto(`${app.server.url}/admin/units`);
		expect(response?.status()).toBe(403);
		expect(await app.page.getByText('Tài khoản này không có quyền xem trang này.').count()).toBe(1);
	});

	it('staff sees only their unit and gets 403 on admin pages and on another unit', async () => {
		await signIn(app.page, app.server.url, 'staff', 'demo-staff-1');
		expect(await navLinks()).toEqual([
			'Chỉ số hài lòng',
			'Đơn vị',
			'Nhập phiếu giấy',
			'Phiếu bị từ chối'
		]);
		await app.page.goto(`${app.server.url}/units`);
		expect(await app.page.getByRole('cell', { name: 'Phường An Lạc' }).count()).toBe(1);
		expect(await app.page.getByText('1 đơn vị').count()).toBe(1);
		for (const path of ['/admin', '/admin/users', '/admin/devices', '/admin/units/import']) {
			expect((await app.page.goto(app.server.url + path))?.status(), path).toBe(403);
		}
		const other = await app.page.goto(`${app.server.url}/units/DEMO.S01`);
		expect(other?.status()).toBe(403);
		expect(
			await app.page.getByText('Đơn vị DEMO.S01 nằm ngoài phạm vi được phân quyền.').count()
		).toBe(1);
		expect((await app.page.goto(`${app.server.url}/units/DEMO.X01`))?.status()).toBe(200);
	});

	it('an anonymous visitor is sent to sign in and comes back after', async () => {
		await app.page.goto(`${app.server.url}/units/DEMO.X01`);
		expect(new URL(app.page.url()).pathname).toBe('/login');
		await app.page.getByLabel('Tên đăng nhập').fill('staff');
		await app.page.getByLabel('Mật khẩu').fill('demo-staff-1');
		await app.page.getByRole('button', { name: 'Đăng nhập' }).click();
		await app.page.waitForURL(`${app.server.url}/units/DEMO.X01`);
		expect(await app.page.getByRole('heading', { name: /Phường An Lạc/ }).count()).toBe(1);
	});
});

describe('forms', () => {
	it('show the error beside the field and keep what was typed', async () => {
		await app.page.goto(`${app.server.url}/login`);
		await app.page.getByLabel('Tên đăng nhập').fill('staff');
		await app.page.getByLabel('Mật khẩu').fill('wrong');
		await app.page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect
			.poll(() => app.page.getByRole('alert').textContent())
			.toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
		expect(await app.page.getByLabel('Tên đăng nhập').inputValue()).toBe('staff');
		expect(await axe(app.page)).toEqual([]);

		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin/users`);
		await app.page.getByLabel('Tên đăng nhập').fill('new.clerk');
		await app.page.getByLabel('Vai trò').selectOption('staff');
		await app.page.getByLabel('Mật khẩu').fill('short');
		await app.page.getByRole('button', { name: 'Thêm người dùng' }).click();
		// The form is enhanced: the refusal arrives without a app.page load.
		const password = app.page.getByLabel('Mật khẩu');
		await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
		expect(await app.page.locator('#password-error').textContent()).toBe(
			'Mật khẩu phải có ít nhất 10 ký tự.'
		);
		expect(await app.page.locator('#unitCode-error').textContent()).toBe(
			'Lãnh đạo và cán bộ phải gắn với một đơn vị.'
		);
		expect(await app.page.getByLabel('Tên đăng nhập').inputValue()).toBe('new.clerk');
		expect(await axe(app.page)).toEqual([]);
	});

	it('work without JavaScript', async () => {
		const plain = await launchBrowser({ javaScriptEnabled: false });
		try {
			const p = await plain.newPage();
			await signIn(p, app.server.url, 'manager', 'demo-manager');
			expect(await p.getByRole('link', { name: 'Xem danh mục đơn vị' }).count()).toBe(1);
			await p.getByRole('button', { name: 'English' }).click();
			await p.waitForLoadState('load');
			expect(await p.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
			await p.getByRole('button', { name: 'Sign out' }).click();
			await p.waitForLoadState('load');
			expect(await p.getByRole('link', { name: 'Sign in to continue' }).count()).toBe(1);
		} finally {
			await plain.close();
		}
	});
});

describe('unit CSV import in the browser', () => {
	it('imports nothing when one row is bad, naming the row and reason; then imports the fixed file', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin/units/import`);
		const good = 'UI.1,Xã Giao Diện,commune,DEMO,2025-07-01,\n';
		const csv =
			'code,name,kind,parent_code,valid_from,valid_to\n' +
			good +
			'UI.2,Xã Lỗi,commune,DEMO,31/02/2025,\n';
		await app.page
			.getByLabel('Tệp CSV')
			.setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await app.page.getByRole('button', { name: 'Nhập' }).click();
		await expect
			.poll(() => app.page.getByRole('alert').textContent())
			.toContain('Có 1 lỗi. Không dòng nào được nhập.');
		const cells = await app.page.getByRole('row').nth(1).getByRole('cell').allTextContents();
		expect(cells).toEqual([
			'3',
			'valid_from',
			'Ngày không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy).'
		]);
		expect(await axe(app.page)).toEqual([]);
		expect((await app.page.goto(`${app.server.url}/admin/units/UI.1`))?.status()).toBe(404);

		await app.page.goto(`${app.server.url}/admin/units/import`);
		await app.page
			.getByLabel('Hoặc dán nội dung CSV')
			.fill('code,name,kind,parent_code\n' + good.split(',2025')[0] + '\n');
		await app.page.getByRole('button', { name: 'Nhập' }).click();
		await expect
			.poll(() => app.page.getByRole('status').textContent())
			.toBe('1 đơn vị mới, 0 đơn vị cập nhật.');
		expect((await app.page.goto(`${app.server.url}/admin/units/UI.1`))?.status()).toBe(200);
	});
});

describe('the accessibility check', () => {
	it('catches a planted violation, so a broken harness cannot pass silently', async () => {
		await app.page.goto(`${app.server.url}/login`);
		await app.page.waitForLoadState('networkidle');
		await app.page.evaluate(() =>
			document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input id="planted" />')
		);
		expect((await axe(app.page)).map((v) => v.id)).toEqual(['label']);
	});
});

describe('admin pages', () => {
	it('register a kiosk and show its one-time code as text and QR', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin/devices`);
		await app.page.getByLabel('Tên thiết bị').fill('Ki-ốt tầng 1');
		await app.page.getByLabel('Đơn vị').selectOption('DEMO.X02');
		await app.page.getByRole('button', { name: 'Thêm thiết bị' }).click();
		const code = app.page.getByTestId('enrolment-code');
		await expect.poll(() => code.textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		const qr = app.page.getByRole('img', { name: 'Mã QR để đăng ký thiết bị' });
		expect(
			await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)
		).toBe(true);
		await expect.poll(() => app.page.getByTestId('kiosk-pin').textContent()).toMatch(/^\d{6}$/);
		// The demo kiosk waits for its tablet too.
		expect(await app.page.getByRole('cell', { name: 'Chờ đăng ký' }).count()).toBe(2);
		expect(await axe(app.page)).toEqual([]);
	});

	it('edit and abolish a unit, keeping it visible as historic', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin/units/DEMO.X40`);
		await app.page.getByLabel('Tên đơn vị').fill('Đặc khu Vân Đồn (mới)');
		await app.page.getByRole('button', { name: 'Lưu', exact: true }).click();
		await expect.poll(() => app.page.getByRole('status').textContent()).toBe('Đã lưu.');
		await app.page.locator('#year').fill('2024');
		await app.page.locator('#dossiers').fill('20000');
		await app.page.getByRole('button', { name: 'Lưu số hồ sơ' }).click();
		await expect
			.poll(() => app.page.getByRole('status').textContent())
			.toBe('Đã lưu số hồ sơ năm 2024.');
		expect(await app.page.getByRole('row', { name: '2024 20.000 393' }).count()).toBe(1);
		await app.page.locator('#retireOn').fill('2026-01-31');
		await app.page.locator('#successors').fill('DEMO.X39');
		await app.page.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
		await expect
			.poll(() => app.page.getByRole('status').textContent())
			.toBe('Đơn vị đã kết thúc hoạt động.');
		await app.page.goto(`${app.server.url}/units/DEMO.X40`);
		expect(
			await app.page
				.getByRole('heading', {
					name: /Đặc khu Vân Đồn \(mới\)\s+Đã kết thúc hoạt động \(sắp xếp\)/
				})
				.count()
		).toBe(1);
		expect(await axe(app.page)).toEqual([]);
	});

	it('upload a questionnaire: clear errors for a bad file, a new version stored, retire it', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin/instruments`);
		// Both shipped versions of the service form; the household form's second is a draft.
		expect(await app.page.getByRole('cell', { name: 'sipas-service-2023' }).count()).toBe(2);
		const household = app.page.getByRole('row').filter({ hasText: 'Bản nháp' });
		expect(await household.count()).toBe(1);
		expect(await household.textContent()).toContain('sipas-household-2023');
		expect(await household.textContent()).toContain('chưa được đối chiếu');
		const file = app.page.getByLabel('Tệp JSON');
		await file.setInputFiles({
			name: 'x.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{ not json')
		});
		await app.page.getByRole('button', { name: 'Thêm bộ câu hỏi' }).click();
		await expect
			.poll(() => app.page.getByRole('alert').textContent())
			.toContain('Tệp không phải JSON hợp lệ.');
		const { instruments } = await (
			await app.page.request.get(`${app.server.url}/api/instruments`)
		).json();
		const quick = instruments.find((i: { code: string }) => i.code === 'quick-rating');
		const { retired: _r, hasResponses: _h, ...definition } = quick;
		await file.setInputFiles({
			name: 'q.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ ...definition, parts: [] }))
		});
		await app.page.getByRole('button', { name: 'Thêm bộ câu hỏi' }).click();
		await expect.poll(() => app.page.getByRole('alert').textContent()).toContain('parts');
		await file.setInputFiles({
			name: 'q.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ ...definition, version: 7 }))
		});
		await app.page.getByRole('button', { name: 'Thêm bộ câu hỏi' }).click();
		await expect
			.poll(() => app.page.getByRole('status').textContent())
			.toBe('Đã thêm quick-rating v7.');
		expect(await axe(app.page)).toEqual([]);
		const row = app.page
			.getByRole('row')
			.filter({ hasText: 'quick-rating' })
			.filter({ hasText: /^quick-rating\s*7/ });
		await row.getByRole('button', { name: 'Ngừng dùng' }).click();
		await expect.poll(() => row.getByRole('button', { name: 'Dùng lại' }).count()).toBe(1);
	});

	it('switch language to English and back', async () => {
		await signIn(app.page, app.server.url, 'admin', ADMIN_PASSWORD);
		await app.page.goto(`${app.server.url}/admin`);
		await app.page.getByRole('button', { name: 'English' }).click();
		await app.page.waitForURL(`${app.server.url}/admin`);
		await expect
			.poll(() => app.page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Administration');
		expect(await app.page.locator('html').getAttribute('lang')).toBe('en');
		await app.page.getByRole('button', { name: 'Tiếng Việt' }).click();
		await expect
			.poll(() => app.page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Quản trị');
	});
});
