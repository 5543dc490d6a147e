import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { GroupRow } from '$lib/survey/perception';
import Breakdown from './Breakdown.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

const text = (vi: string) => ({ vi, en: vi });
const row = (
	value: string | null,
	respondents: number,
	index: number | null,
	first?: string
): GroupRow<number | null> => ({
	value,
	text: value ? text(value === 'male' ? 'Nam' : 'Nữ') : null,
	respondents,
	share: (100 * respondents) / 150,
	index,
	perception: {
		respondents,
		notTroubled: { n: respondents, share: 95 },
		noMoney: { n: respondents, share: 99.5 },
		trips: { n: respondents, mean: 1.2 },
		submission: null,
		priorities: first ? [{ value: first, text: text(first), n: 3, share: 10 }] : null
	}
});

describe('the breakdown by respondent', () => {
	it('gives each group its count, share, index and perceptions, and marks small groups', async () => {
		const screen = await render(Breakdown, {
			props: {
				caption: 'Giới tính',
				rows: [
					row('male', 100, 84.6412, 'Rút ngắn thời gian'),
					row('female', 30, 90),
					row(null, 20, 75.5)
				]
			}
		});
		await expect.element(screen.getByRole('table', { name: 'Giới tính' })).toBeVisible();
		const rows = [...screen.container.querySelectorAll('tbody tr')].map((tr) =>
			[...tr.children].map((c) => c.textContent?.trim())
		);
		expect(rows).toEqual([
			['Nam', '100', '66,7 %', '84,64 %', '95,0 %', '99,5 %', '1,20', 'Rút ngắn thời gian'],
			['Nữ', '30', '20,0 %', '90,00 %', '95,0 %', '99,5 %', '1,20', '—'],
			['Không trả lời', '20', '13,3 %', '75,50 % *', '95,0 %', '99,5 %', '1,20', '—']
		]);
		await expect
			.element(screen.getByText('Nhóm dưới 30 phiếu chưa đủ cỡ mẫu', { exact: false }))
			.toBeVisible();
	});

	it('leaves the note out when every group is large enough', async () => {
		const screen = await render(Breakdown, {
			props: { caption: 'Tuổi', rows: [row('male', 40, null), row('female', 0, null)] }
		});
		expect(screen.container.querySelectorAll('tbody tr')).toHaveLength(2);
		expect(screen.container.textContent).not.toContain('chưa đủ cỡ mẫu');
		expect(screen.container.querySelector('tbody td:nth-child(4)')?.textContent).toBe('—');
	});
});
