import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import { aView } from '$lib/survey/testing';
import Publication from './Publication.svelte';

/** The publication badge and the publish form of a dashboard view, in Vietnamese. */
vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' }, url: new URL('http://x/') } }));
vi.mock('$app/forms', () => ({ enhance: () => ({ destroy() {} }) }));

const view = (search: string) => aView(search, '2026-12-01');
const publication: NonNullable<ComponentProps<typeof Publication>['publication']> = {
	id: '0192f0a0-0000-7000-8000-000000000001',
	unit: 'DEMO',
	instrument: 'sipas-service-2023',
	from: '2025-01-01',
	to: '2025-12-31',
	flagged: 'include',
	reference: 'Quyết định số 45/QĐ-UBND',
	reason: null,
	supersedes: null,
	publishedAt: '2026-01-15T03:00:00.000Z',
	publishedBy: { id: 'u', name: 'Lãnh đạo tỉnh' },
	since: { late: 3, corrected: 0 },
	shown: true,
	clean: false
};
const props = (over: Partial<ComponentProps<typeof Publication>> = {}) => ({
	publication,
	mayPublish: false,
	query: view('unit=DEMO&period=2025'),
	live: '/dashboard?period=2025&live=1',
	published: '/dashboard?period=2025',
	...over
});

describe('a view’s publication', () => {
	it('marks published figures with the decision, the day, who, and a link to the live ones', async () => {
		const screen = await render(Publication, { props: props() });
		await expect
			.element(screen.getByTestId('publication'))
			.toHaveTextContent(
				/Số liệu đã công bố theo Quyết định số 45\/QĐ-UBND, chốt ngày 15\/01\/2026 10:00\. Người chốt: Lãnh đạo tỉnh\./
			);
		await expect
			.element(screen.getByRole('link', { name: 'Xem số liệu trực tiếp' }))
			.toHaveAttribute('href', '/dashboard?period=2025&live=1');
		await expect.element(screen.getByText(/3 phiếu nhận muộn, 0 phiếu được sửa/)).toBeVisible();
		await expect.element(screen.getByText('Chốt số liệu kỳ này')).not.toBeInTheDocument();
	});

	it('says so over live figures, with the way back to the published ones', async () => {
		const screen = await render(Publication, {
			props: props({ publication: { ...publication, shown: false } })
		});
		await expect
			.element(screen.getByRole('link', { name: 'Xem số liệu đã công bố' }))
			.toHaveAttribute('href', '/dashboard?period=2025');
	});

	it('offers the publisher the form, asking a reason when the period is published already', async () => {
		const first = await render(Publication, {
			props: props({ publication: null, mayPublish: true })
		});
		await first.getByText('Chốt số liệu kỳ này').click();
		await expect.element(first.getByLabelText('Số quyết định, văn bản công bố')).toBeVisible();
		await expect.element(first.getByLabelText('Lý do chốt lại')).not.toBeInTheDocument();
		const form = first.container.querySelector('form')!;
		expect(Object.fromEntries(new FormData(form))).toMatchObject({
			unit: 'DEMO',
			from: '2025-01-01',
			to: '2025-12-31',
			flagged: 'include'
		});
		await first.unmount();

		const again = await render(Publication, { props: props({ mayPublish: true }) });
		await again.getByText('Chốt số liệu kỳ này').click();
		await expect.element(again.getByLabelText('Lý do chốt lại')).toBeRequired();
	});

	it('offers no form for a filtered view: only all channels and fields are published', async () => {
		const screen = await render(Publication, {
			props: props({
				publication: null,
				mayPublish: true,
				query: view('period=2025&channel=kiosk')
			})
		});
		await expect.element(screen.getByText('Chốt số liệu kỳ này')).not.toBeInTheDocument();
	});
});
