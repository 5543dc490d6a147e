import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import SystemStatus from './SystemStatus.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

type Status = ComponentProps<typeof SystemStatus>['status'];
const status = (over: Partial<Status> = {}): Status => ({
	queues: { held: 0, heldSince: null, quarantined: 0, quarantinedSince: null },
	kiosks: [],
	database: { engine: 'postgres', bytes: 2_345_000_000, weekAgo: null, monthAgo: null },
	...over
});

describe('the system status', () => {
	it('shows the queues with their oldest entry, each kiosk with its problems, the growth', async () => {
		const screen = await render(SystemStatus, {
			props: {
				status: status({
					queues: {
						held: 12,
						heldSince: new Date('2026-11-20T02:05:00Z'),
						quarantined: 0,
						quarantinedSince: null
					},
					kiosks: [
						{
							id: 'a',
							name: 'Ki-ốt tầng 1',
							unitCode: 'DEMO.X01',
							lastSeenAt: null,
							problems: ['unseen', 'storage', 'clock'],
							skewMs: -12 * 60_000,
							storage: 0.93
						}
					],
					database: {
						engine: 'postgres',
						bytes: 2_345_000_000,
						weekAgo: { day: '2026-11-23', bytes: 2_300_000_000 },
						monthAgo: null
					}
				})
			}
		});
		await expect.element(screen.getByTestId('status.held')).toHaveTextContent('12');
		await expect.element(screen.getByText('cũ nhất từ 20/11/2026 09:05')).toBeVisible();
		await expect
			.element(screen.getByRole('link', { name: 'Xem' }))
			.toHaveAttribute('href', '/held');
		const row = [...screen.container.querySelectorAll('tbody tr')].map((tr) =>
			[...tr.children].map((c) => c.textContent?.trim())
		);
		expect(row).toEqual([
			[
				'Ki-ốt tầng 1',
				'DEMO.X01',
				'chưa lần nào',
				'Không liên lạc hơn 24 giờ; Bộ nhớ gần đầy (93 %); Đồng hồ lệch 12 phút'
			]
		]);
		await expect.element(screen.getByTestId('database-size')).toHaveTextContent('2,35 GB');
		await expect.element(screen.getByText('+45,0 MB')).toBeVisible();
		await expect
			.element(screen.getByText('Chưa có số liệu 30 ngày trước (ghi mỗi ngày một lần)'))
			.toBeVisible();
	});

	it('says when every kiosk is well and offers no link to an empty queue', async () => {
		const screen = await render(SystemStatus, {
			props: {
				status: status({
					database: { engine: 'pglite', bytes: 80e6, weekAgo: null, monthAgo: null }
				})
			}
		});
		await expect.element(screen.getByText('Mọi ki-ốt đang hoạt động đều ổn.')).toBeVisible();
		expect(screen.container.querySelectorAll('section a')).toHaveLength(0);
		await expect.element(screen.getByTestId('database-size')).toHaveTextContent('80,0 MB');
		await expect.element(screen.getByText('Nhúng (PGlite), một máy chủ ứng dụng')).toBeVisible();
	});
});
