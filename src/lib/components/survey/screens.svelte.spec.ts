import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { shippedInstruments } from '$lib/survey/shipped';
import type { Item } from '$lib/survey/instruments';
import '../../../survey.css';
import '../../../survey-items.css';
import LevelChoice from './LevelChoice.svelte';
import Thanks from './Thanks.svelte';
import Welcome from './Welcome.svelte';
import { surveyContext } from './text';

/** The kiosk's screens as a citizen meets them: the kiosk's own stylesheet, in Vietnamese. */
const vi_ = { context: surveyContext(() => 'vi') };
const en = { context: surveyContext(() => 'en') };
const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const a1 = service.parts[0]!.groups[0]!.items[0]!;

/** Every button of the rendered screen at least 48 × 48 px, the kiosk's touch target. */
function touchTargets(container: HTMLElement) {
	return [...container.querySelectorAll('button, label.level')].map((element) => {
		const box = element.getBoundingClientRect();
		return Math.min(box.width, box.height) >= 48;
	});
}

afterEach(() => {
	vi.useRealTimers();
});

describe('the welcome screen', () => {
	it('greets in the respondent’s language and starts on a tap', async () => {
		const onstart = vi.fn();
		const screen = await render(Welcome, { props: { unit: 'UBND xã An Lư', onstart }, ...vi_ });
		await expect.element(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/đánh giá/);
		await screen.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		expect(onstart).toHaveBeenCalledOnce();
		expect(touchTargets(screen.container)).toEqual([true]);
	});

	it('speaks English when the respondent chose it', async () => {
		const screen = await render(Welcome, { props: { unit: 'x', onstart: () => {} }, ...en });
		await expect.element(screen.getByRole('button', { name: 'Start' })).toBeVisible();
	});
});

describe('a satisfaction item', () => {
	it('offers the five levels as big radio buttons, named in words, and reports the tap', async () => {
		const onchange = vi.fn();
		const screen = await render(LevelChoice, {
			props: { item: a1, value: undefined, onchange },
			...vi_
		});
		const radios = screen.getByRole('radio');
		expect(radios.elements()).toHaveLength(5);
		await screen.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
		expect(onchange).toHaveBeenCalledExactlyOnceWith(4);
		expect(touchTargets(screen.container).every(Boolean)).toBe(true);
	});

	it('shows the answer given and offers “not applicable” where the item allows it', async () => {
		const item: Item = { ...a1, allowNA: true };
		const onchange = vi.fn();
		const screen = await render(LevelChoice, { props: { item, value: 2, onchange }, ...vi_ });
		await expect
			.element(screen.getByRole('radio', { name: 'Không hài lòng', exact: true }))
			.toBeChecked();
		await screen.getByRole('radio', { name: 'Không áp dụng' }).click();
		expect(onchange).toHaveBeenCalledExactlyOnceWith('NA');
	});
});

describe('the thank-you screen', () => {
	it('takes the focus and goes back to the start by itself after its seconds', async () => {
		vi.useFakeTimers();
		const ondone = vi.fn();
		const screen = await render(Thanks, { props: { seconds: 8, ondone }, ...vi_ });
		const again = screen.getByRole('button', { name: 'Về trang đầu' });
		await expect.element(again).toHaveFocus();
		vi.advanceTimersByTime(7_900);
		expect(ondone).not.toHaveBeenCalled();
		vi.advanceTimersByTime(200);
		expect(ondone).toHaveBeenCalledOnce();
	});
});
