import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { DeviceHealth as Health } from '$lib/survey/kiosk';
import DeviceHealth from './DeviceHealth.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

const at = new Date('2026-12-01T03:00:00Z');
const health = (clock?: string): Health => ({
	unsent: 2,
	quarantined: 0,
	lastSyncAt: null,
	lastError: null,
	persisted: true,
	storageUsage: null,
	storageQuota: null,
	appVersion: '1.0',
	...(clock ? { clock } : {})
});
const shown = async (clock?: string) => {
	const screen = await render(DeviceHealth, {
		props: { health: health(clock), at, lastSequence: 12, gaps: [] }
	});
	return screen.getByTestId('health-clock');
};

describe('a kiosk’s health on the admin’s device page', () => {
	it('says when the kiosk’s clock is off, and by how much, against the server’s', async () => {
		const fast = await shown(new Date(at.getTime() + 20 * 60_000).toISOString());
		await expect.element(fast).toHaveTextContent('Nhanh 20 phút: phiếu của ki-ốt được đánh dấu');
	});

	it('says a slow clock is slow', async () => {
		const slow = await shown(new Date(at.getTime() - 47 * 60_000).toISOString());
		await expect.element(slow).toHaveTextContent('Chậm 47 phút');
	});

	it('calls a clock within five minutes of the server’s on time', async () => {
		const right = await shown(new Date(at.getTime() + 90_000).toISOString());
		await expect.element(right).toHaveTextContent('Đúng giờ');
	});

	it('says nothing of a clock an older kiosk never reported', async () => {
		const screen = await render(DeviceHealth, {
			props: { health: health(), at, lastSequence: null, gaps: [] }
		});
		await expect.element(screen.getByText('Phiên bản ứng dụng')).toBeVisible();
		expect(screen.container.querySelector('[data-testid="health-clock"]')).toBeNull();
	});
});
