import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import Perception from './Perception.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

type Props = ComponentProps<typeof Perception>;
const text = (vi: string) => ({ vi, en: vi });
const perception = (notTroubled: number, noMoney: number, trips: number, respondents = 10) => ({
	respondents,
	notTroubled: { n: respondents, share: notTroubled },
	noMoney: { n: respondents, share: noMoney },
	trips: { n: respondents, mean: trips },
	submission: [
		{ value: 'direct', text: text('Trực tiếp tại Bộ phận một cửa'), n: 6, share: 60 },
		{ value: 'online_full', text: text('Trực tuyến toàn trình'), n: 4, share: 40 }
	],
	priorities: [{ value: 'faster', text: text('Rút ngắn thời gian giải quyết'), n: 3, share: 30 }]
});
const block = {
	heatmap: [
		{ code: 'X1', name: 'Phường An Lạc', perception: perception(96.25, 100, 1.15, 80) },
		{ code: 'X2', name: 'Xã An Phú', perception: perception(88, 97.5, 1.5, 40) },
		{ code: 'X3', name: 'Xã Mới', perception: perception(0, 0, 0, 0) }
	]
} as unknown as Props['block'];

describe('the perception indicators', () => {
	it("states the unit's shares, trips, channels and priorities, and each unit's beside it", async () => {
		const screen = await render(Perception, {
			props: { perception: perception(93.5, 99.2, 1.27), block, title: 'Cảm nhận' }
		});
		const figures = [...screen.container.querySelectorAll('.figures div')].map((d) =>
			d.textContent?.replace(/\s+/g, ' ').trim()
		);
		expect(figures).toEqual([
			'Không bị công chức gây phiền hà, sách nhiễu 93,5 %',
			'Không bị đòi hỏi tiền ngoài quy định 99,2 %',
			'Số lần đi lại bình quân cho một hồ sơ 1,27'
		]);
		await expect.element(screen.getByText('Trực tuyến toàn trình: 40,0 %')).toBeVisible();
		await expect.element(screen.getByText('Rút ngắn thời gian giải quyết: 30,0 %')).toBeVisible();
		// Units without an answer are left out of the table.
		const rows = [...screen.container.querySelectorAll('tbody tr')].map((tr) =>
			[...tr.children].map((c) => c.textContent?.trim())
		);
		expect(rows).toEqual([
			['Phường An Lạc', '96,3 %', '100,0 %', '1,15', '80'],
			['Xã An Phú', '88,0 %', '97,5 %', '1,50', '40']
		]);
	});
});
