import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import Account from './+page.svelte';

/** The page where everyone changes their own password, in Vietnamese. */
vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' }, url: new URL('http://x/') } }));
vi.mock('$app/forms', () => ({ enhance: () => ({ destroy() {} }) }));

const data = (required: boolean) => ({ required }) as never;

describe('changing one’s own password', () => {
	it('asks for the current password and the new one twice, and says why when it must', async () => {
		const screen = await render(Account, { props: { data: data(true), form: null } as never });
		await expect
			.element(screen.getByRole('alert'))
			.toHaveTextContent('Mật khẩu này do người khác đặt');
		for (const label of ['Mật khẩu hiện tại', 'Mật khẩu mới', 'Nhập lại mật khẩu mới'])
			await expect.element(screen.getByLabelText(new RegExp(`^${label}`))).toBeRequired();
		const form = screen.container.querySelector('form')!;
		expect(form.getAttribute('method')).toBe('POST');
	});

	it('shows each refusal beside its field, and the change once it is done', async () => {
		const refused = await render(Account, {
			props: {
				data: data(false),
				form: { errors: { confirm: { key: 'account.error.confirm' } } }
			} as never
		});
		await expect
			.element(refused.getByLabelText('Nhập lại mật khẩu mới'))
			.toHaveAccessibleDescription(/Hai lần nhập mật khẩu mới không khớp/);
		await refused.unmount();
		const done = await render(Account, {
			props: { data: data(false), form: { done: true } } as never
		});
		await expect.element(done.getByRole('status')).toHaveTextContent('Đã đổi mật khẩu');
	});
});
