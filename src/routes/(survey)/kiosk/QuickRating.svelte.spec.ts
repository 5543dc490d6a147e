import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { surveyContext } from '$lib/components/survey/text';
import { kioskSettings } from '$lib/survey/kiosk';
import { shippedInstruments } from '$lib/survey/shipped';
import '../../../survey.css';
import '../../../survey-items.css';
import QuickRating from './QuickRating.svelte';

const quick = shippedInstruments.find((i) => i.code === 'quick-rating')!;

describe('the quick rating at a counter', () => {
	it('is three big buttons in words, one tap one rating, with the counter and officer named', async () => {
		const onrate = vi.fn();
		const settings = kioskSettings.parse({ mode: 'quick', counter: '3', officer: 'Chị Lan' });
		const screen = await render(QuickRating, {
			props: { instrument: quick, settings, unit: 'UBND xã An Lư', onrate },
			context: surveyContext(() => 'vi')
		});
		expect(screen.container.querySelector('.unit')?.textContent?.replace(/\s+/g, ' ')).toBe(
			'UBND xã An Lư · Quầy: 3 · Công chức: Chị Lan'
		);
		const buttons = screen.getByRole('group').getByRole('button');
		expect(buttons.elements().map((b) => b.textContent?.trim())).toEqual([
			'Chưa hài lòng',
			'Hài lòng',
			'Rất hài lòng'
		]);
		for (const button of buttons.elements()) {
			const { width, height } = button.getBoundingClientRect();
			expect(Math.min(width, height)).toBeGreaterThanOrEqual(48);
		}
		await screen.getByRole('button', { name: 'Rất hài lòng' }).click();
		expect(onrate).toHaveBeenCalledExactlyOnceWith(3);
	});
});
