import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { shippedInstruments } from '$lib/survey/shipped';
import type { Item } from '$lib/survey/instruments';
import '../../../survey.css';
import '../../../survey-items.css';
import { Survey } from '$lib/client/survey.svelte';
import LevelChoice from './LevelChoice.svelte';
import StepView from './StepView.svelte';
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

	it('asks the questionnaire’s question above its statements, and says its own “not applicable”', async () => {
		// Version 2 of the service form: "Ông/Bà hài lòng như thế nào về:", and for E2/E3 the
		// respondent who gave no feedback says so.
		const v2 = shippedInstruments.find((i) => i.code === 'sipas-service-2023' && i.version === 2)!;
		const survey = new Survey(v2, { unit: 'DEMO.X01', channel: 'kiosk' });
		survey.index = survey.steps.findIndex((s) => s.kind === 'group' && s.group.code === 'II.E');
		const screen = await render(StepView, { props: { survey }, ...vi_ });
		await expect.element(screen.getByText('Ông/Bà hài lòng như thế nào về:')).toBeVisible();
		await expect
			.element(
				screen
					.getByRole('group', { name: /^E2\./ })
					.getByRole('radio', { name: 'Tôi chưa góp ý, phản ánh' })
			)
			.toBeVisible();
		expect(touchTargets(screen.container).every(Boolean)).toBe(true);
		const contextOptions = v2.parts[1]!.groups[0]!.items.find(
			(i) => i.code === 'trouble'
		)!.options!;
		expect(contextOptions.map((o) => o.text.vi)).toEqual(['Không có', 'Có một số', 'Có nhiều']);
		expect(v2.title.vi).toMatch(/cơ quan hành chính nhà nước$/);
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
