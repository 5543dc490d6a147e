import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import type { ScopeOptions } from '$lib/survey/dashboard';
import { aView } from '$lib/survey/testing';
import { parsePeriod } from '$lib/survey/periods';
import Headline from './Headline.svelte';
import RankingTable from './RankingTable.svelte';
import ScopeBar from './ScopeBar.svelte';

/** The dashboard's scope bar and ranking table on their own, in Vietnamese. */
vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

type Row = ComponentProps<typeof RankingTable>['rows'][number];
const row = (code: string, name: string, rank: number | null, index: number | null, n: number) =>
	({
		unit: { code, name, kind: 'commune', validFrom: null, validTo: null },
		index,
		n,
		rank,
		previousIndex: null,
		previousRank: rank === null ? null : rank + 1,
		rankChange: rank === null ? null : 1,
		change: index === null ? null : 1.234,
		target: null,
		small: n < 30,
		flagged: 0,
		points: index === null ? null : (30 * index) / 100,
		coverage: null,
		comparedWith: null
	}) satisfies Row;

const rows = [
	{ ...row('X02', 'Phường Ngô Quyền', 2, 84.6449, 120), flagged: 2 },
	row('X01', 'Phường Hồng Bàng', 1, 90.03, 300),
	row('X03', 'Xã An Lư', null, null, 4)
];
const cells = (container: HTMLElement, column: number) =>
	[...container.querySelectorAll('tbody tr')].map(
		(tr) => tr.children[column]?.textContent?.trim() ?? ''
	);

describe('the ranking table', () => {
	it('lists units by rank with indices as published (84,64 %), unranked last, small samples named', async () => {
		const screen = await render(RankingTable, {
			props: { rows, compare: '', link: (code) => `/dashboard?unit=${code}`, pointsMax: 30 }
		});
		expect(cells(screen.container, 1)).toEqual([
			'Phường Hồng Bàng',
			'Phường Ngô Quyền',
			'Xã An Lư'
		]);
		expect(cells(screen.container, 2)).toEqual(['90,03 %', '84,64 %', '—']);
		expect(cells(screen.container, 3)).toEqual(['27,01', '25,39', '—']);
		await expect
			.element(screen.getByRole('button', { name: 'Điểm trong Chỉ số CCHC (tối đa 30)' }))
			.toBeVisible();
		expect(cells(screen.container, 5)).toEqual([
			'',
			'2 phiếu bị đánh dấu',
			'Chưa đủ cỡ mẫu: 4/30 phiếu'
		]);
		await expect
			.element(screen.getByRole('link', { name: 'Xã An Lư' }))
			.toHaveAttribute('href', '/dashboard?unit=X03');
	});

	it('sorts by a column header, the header saying how', async () => {
		const screen = await render(RankingTable, {
			props: { rows, compare: '2025', link: String, pointsMax: 30 }
		});
		const byName = screen.getByRole('button', { name: 'Đơn vị' });
		await byName.click();
		expect(cells(screen.container, 1)).toEqual([
			'Phường Hồng Bàng',
			'Phường Ngô Quyền',
			'Xã An Lư'
		]);
		await expect
			.element(screen.getByRole('columnheader', { name: 'Đơn vị' }))
			.toHaveAttribute('aria-sort', 'ascending');
		await byName.click();
		expect(cells(screen.container, 1)).toEqual([
			'Xã An Lư',
			'Phường Ngô Quyền',
			'Phường Hồng Bàng'
		]);
		await screen.getByRole('button', { name: 'Số phiếu' }).click();
		expect(cells(screen.container, 4)).toEqual(['300', '120', '4']);
		expect(cells(screen.container, 5)).toEqual(['▲ 1,23', '▲ 1,23', '—']);
	});
});

describe('the headline', () => {
	const headline = {
		index: 84.6449,
		n: 120,
		previousIndex: null,
		change: null,
		share: { satisfied: 90, n: 100, ci: null },
		sample: null,
		flagged: { total: 3, kinds: { speeder: 2, burst: 1 } },
		channels: [
			{ channel: 'kiosk', n: 90 },
			{ channel: 'paper', n: 0 },
			{ channel: 'web', n: 20 },
			{ channel: 'dossier', n: 10 }
		] as { channel: 'kiosk' | 'paper' | 'web' | 'dossier'; n: number }[]
	};

	it('says how many answers carry a flag and links to the view without them', async () => {
		const screen = await render(Headline, {
			props: { headline, compare: '', clean: false, toggle: '/dashboard?flagged=exclude' }
		});
		await expect
			.element(screen.getByTestId('flagged'))
			.toHaveTextContent(
				'3 phiếu bị đánh dấu chất lượng (trả lời quá nhanh: 2; dồn dập từ một ki-ốt: 1), vẫn được tính.'
			);
		await expect
			.element(screen.getByRole('link', { name: 'Loại các phiếu bị đánh dấu' }))
			.toHaveAttribute('href', '/dashboard?flagged=exclude');
	});

	it('names each figure of a unit with units below it: pooled, and the block average', async () => {
		const single = await render(Headline, { props: { headline, compare: '' } });
		await expect.element(single.getByRole('heading')).toHaveTextContent(/^Chỉ số SIPAS$/);
		await expect.element(single.getByTestId('block-average')).not.toBeInTheDocument();
		await single.unmount();
		const parent = await render(Headline, {
			props: { headline, compare: '', average: { block: 'khối sở, ban, ngành', mean: 88.4567 } }
		});
		await expect
			.element(parent.getByRole('heading'))
			.toHaveTextContent('Chỉ số SIPAS chung, gộp mọi phiếu của đơn vị và cấp dưới');
		await expect
			.element(parent.getByTestId('block-average'))
			.toHaveTextContent(
				'Chỉ số SIPAS trung bình của khối sở, ban, ngành (trung bình cộng chỉ số các đơn vị, số liệu công bố): 88,46 %'
			);
	});

	it('gives the share of each channel that brought answers, dossier links apart', async () => {
		const screen = await render(Headline, { props: { headline, compare: '' } });
		await expect
			.element(screen.getByTestId('channels'))
			.toHaveTextContent(
				'Theo kênh: Ki-ốt 90 (75,00 %) · Điện thoại (mã QR) 20 (16,67 %) · Theo hồ sơ (mã QR trên phiếu hẹn) 10 (8,33 %).'
			);
	});

	it('says when they are left out, and says nothing when there are none', async () => {
		const left = await render(Headline, {
			props: { headline, compare: '', clean: true, toggle: '/dashboard' }
		});
		await expect.element(left.getByTestId('flagged')).toHaveTextContent(/^Đã loại 3 phiếu/);
		await expect
			.element(left.getByRole('link', { name: 'Tính cả các phiếu bị đánh dấu' }))
			.toBeInTheDocument();
		await left.unmount();
		const none = await render(Headline, {
			props: { headline: { ...headline, flagged: { total: 0, kinds: {} } }, compare: '' }
		});
		await expect.element(none.getByTestId('flagged')).not.toBeInTheDocument();
	});
});

describe('the scope bar', () => {
	const options: ScopeOptions = {
		units: [
			{ code: 'DEMO', name: 'Tỉnh Demo', kind: 'province' },
			{ code: 'DEMO.X01', name: 'Phường Hồng Bàng', kind: 'commune' }
		],
		instruments: [],
		periods: [{ year: '2026', periods: [parsePeriod('2026')!, parsePeriod('2026-Q1')!] }],
		fields: ['Hộ tịch']
	};
	const address = (search: string) => aView(search, '2026-12-01');

	it('shows the view’s address as chosen, and asks for dates only for a custom period', async () => {
		const screen = await render(ScopeBar, {
			props: { query: address('unit=DEMO.X01&period=2026-Q1'), options }
		});
		await expect.element(screen.getByLabelText('Đơn vị', { exact: true })).toHaveValue('DEMO.X01');
		await expect.element(screen.getByLabelText('Kỳ', { exact: true })).toHaveValue('2026-Q1');
		await expect.element(screen.getByLabelText('Từ ngày', { exact: true })).not.toBeInTheDocument();
		await screen.getByLabelText('Kỳ', { exact: true }).selectOptions('custom');
		await expect.element(screen.getByLabelText('Từ ngày', { exact: true })).toBeVisible();
		await expect.element(screen.getByLabelText('Đến ngày', { exact: true })).toBeVisible();
		const form = screen.getByRole('form').element() as HTMLFormElement;
		expect(form.method).toBe('get');
		expect([...new FormData(form).keys()]).toEqual(
			expect.arrayContaining(['unit', 'period', 'from', 'to', 'compare', 'channel', 'field'])
		);
	});

	it('carries the switch that leaves flagged answers out, checked when the view does', async () => {
		const screen = await render(ScopeBar, {
			props: { query: address('unit=DEMO&period=2026&flagged=exclude'), options }
		});
		const box = screen.getByLabelText('Loại phiếu bị đánh dấu chất lượng');
		await expect.element(box).toBeChecked();
		await box.click();
		const form = screen.getByRole('form').element() as HTMLFormElement;
		expect(new FormData(form).get('flagged')).toBeNull();
	});

	it('keeps a custom period’s dates when the view has one', async () => {
		const screen = await render(ScopeBar, {
			props: { query: address('unit=DEMO&period=custom&from=2026-02-03&to=2026-05-06'), options }
		});
		await expect.element(screen.getByLabelText('Kỳ', { exact: true })).toHaveValue('custom');
		await expect
			.element(screen.getByLabelText('Từ ngày', { exact: true }))
			.toHaveValue('2026-02-03');
		await expect
			.element(screen.getByLabelText('Đến ngày', { exact: true }))
			.toHaveValue('2026-05-06');
	});
});
