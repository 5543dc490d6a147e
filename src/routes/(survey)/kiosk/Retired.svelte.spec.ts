import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { surveyContext } from '$lib/components/survey/text';
import Retired from './Retired.svelte';

describe("a retired kiosk's screen", () => {
	it('takes no answers, and says when the last ones it holds are sent', async () => {
		let left = 2;
		const unsent = vi.fn(async () => left);
		const screen = await render(Retired, {
			props: { unsent, every: 50 },
			context: surveyContext(() => 'vi')
		});
		await expect
			.element(screen.getByRole('heading'))
			.toHaveTextContent('Ki-ốt này đã ngừng sử dụng');
		await expect
			.element(screen.getByRole('status'))
			.toHaveTextContent('Còn 2 đánh giá đang chờ gửi');
		expect(screen.container.querySelector('button')).toBeNull();
		left = 0;
		await expect.element(screen.getByRole('status')).toHaveTextContent('có thể tắt thiết bị');
	});

	it('speaks English', async () => {
		const screen = await render(Retired, {
			props: { unsent: async () => 1 },
			context: surveyContext(() => 'en')
		});
		await expect.element(screen.getByRole('status')).toHaveTextContent('Answers still to send: 1.');
	});
});
