import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { surveyContext } from '$lib/components/survey/text';
import Enrol from './Enrol.svelte';

const address = vi.hoisted(() => ({ url: new URL('http://kiosk.test/kiosk') }));
vi.mock('$app/state', () => ({ page: address }));

const failed = () => vi.fn(async () => ({ ok: false as const, error: 'mã đã dùng' }));

describe('the enrolment form', () => {
	it('enrols once from the QR link, and not again while the code is corrected', async () => {
		address.url = new URL('http://kiosk.test/kiosk?code=ABCD2345');
		const onenrol = failed();
		const screen = await render(Enrol, { props: { onenrol }, context: surveyContext(() => 'vi') });
		await expect.element(screen.getByRole('alert')).toHaveTextContent('mã đã dùng');
		expect(onenrol).toHaveBeenCalledExactlyOnceWith('ABCD2345');
		await screen.getByLabelText('Mã đăng ký').fill('ABCD2346');
		await expect.element(screen.getByLabelText('Mã đăng ký')).toHaveValue('ABCD2346');
		expect(onenrol).toHaveBeenCalledTimes(1);
		await screen.getByRole('button', { name: 'Đăng ký' }).click();
		await expect.poll(() => onenrol.mock.calls.length).toBe(2);
		expect(onenrol).toHaveBeenLastCalledWith('ABCD2346');
	});
});
