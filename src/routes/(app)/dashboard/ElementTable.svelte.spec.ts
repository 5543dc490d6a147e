import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import ElementTable from './ElementTable.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

type Props = ComponentProps<typeof ElementTable>;
const title = (vi: string) => ({ vi, en: vi });
const elements = [
	{ code: 'A', title: title('Tiếp cận dịch vụ') },
	{ code: 'B', title: title('Thủ tục hành chính') }
] as Props['elements'];
const block = {
	kind: 'commune',
	ranking: { average: { mean: 88.5 } },
	elements: [
		{ code: 'A', mean: 90.006, previousMean: 88, change: 2.006 },
		{ code: 'B', mean: 87, previousMean: null, change: null }
	],
	heatmap: [
		{
			code: 'X1',
			name: 'Phường An Lạc',
			index: 91,
			groups: [95, 87],
			groupRanks: [1, 2],
			items: []
		},
		{
			code: 'X2',
			name: 'Xã An Phú',
			index: 86,
			groups: [85.004, 88],
			groupRanks: [2, 1],
			items: []
		},
		{
			code: 'X3',
			name: 'Xã Mới',
			index: null,
			groups: [null, null],
			groupRanks: [null, null],
			items: []
		}
	]
} as unknown as Props['block'];

const rows = (container: HTMLElement, part: 'tbody' | 'tfoot') =>
	[...container.querySelectorAll(`${part} tr`)].map((tr) =>
		[...tr.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim())
	);

describe('the unit × element table', () => {
	it("shows each unit's element index and its rank on it, and the block's average per element", async () => {
		const screen = await render(ElementTable, {
			props: { block, elements, title: 'Chỉ số từng yếu tố', compare: 'năm 2025' }
		});
		await expect.element(screen.getByRole('heading', { name: 'Chỉ số từng yếu tố' })).toBeVisible();
		expect(rows(screen.container, 'tbody')).toEqual([
			['Phường An Lạc', '91,00 %', '95,00 % hạng 1', '87,00 % hạng 2'],
			['Xã An Phú', '86,00 %', '85,00 % hạng 2', '88,00 % hạng 1'],
			['Xã Mới', '—', '—', '—']
		]);
		expect(rows(screen.container, 'tfoot')).toEqual([
			['Trung bình khối', '88,50 %', '90,01 % ▲ 2,01', '87,00 %']
		]);
		await expect
			.element(screen.getByRole('columnheader', { name: 'Thủ tục hành chính' }))
			.toBeVisible();
	});
});
