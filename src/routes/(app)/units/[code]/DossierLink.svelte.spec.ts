import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import DossierLink from './DossierLink.svelte';

/** The clerk's form for a dossier's rating link, and the QR it shows, in Vietnamese. */
vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' }, url: new URL('http://x/') } }));
vi.mock('$app/forms', () => ({ enhance: () => ({ destroy() {} }) }));

const png =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('a dossier’s rating link', () => {
	it('asks for the dossier’s code and days, and posts them for the unit', async () => {
		const screen = await render(DossierLink, { props: { unit: 'DEMO.X01' } });
		await expect.element(screen.getByLabelText('Mã hồ sơ')).toBeRequired();
		await expect.element(screen.getByLabelText('Hiệu lực (ngày)')).toHaveValue(30);
		await screen.getByLabelText('Mã hồ sơ').fill('HS-1');
		const form = screen.container.querySelector('form')!;
		expect(form.getAttribute('action')).toBe('?/dossierLink');
		expect(Object.fromEntries(new FormData(form))).toEqual({
			unit: 'DEMO.X01',
			dossier: 'HS-1',
			days: '30'
		});
	});

	it('shows the signed link as a QR code with the dossier and the last day', async () => {
		const link = {
			url: 'https://x/r/DEMO.X01?d=HS-1',
			qr: png,
			dossier: 'HS-1',
			expires: '2026-12-31'
		};
		const screen = await render(DossierLink, { props: { unit: 'DEMO.X01', form: { link } } });
		await expect
			.element(screen.getByRole('img', { name: 'Mã QR đánh giá hồ sơ HS-1' }))
			.toBeVisible();
		await expect
			.element(screen.getByTestId('dossier-link'))
			.toHaveTextContent(
				'Quét mã để đánh giá việc giải quyết hồ sơ HS-1 (đến hết ngày 31/12/2026).'
			);
	});

	it('says beside the field why a code was refused', async () => {
		const screen = await render(DossierLink, {
			props: { unit: 'DEMO.X01', form: { error: 'Mã hồ sơ gồm chữ, số', field: 'dossier' } }
		});
		await expect.element(screen.getByRole('alert')).toHaveTextContent('Mã hồ sơ gồm chữ, số');
		await expect.element(screen.getByLabelText('Mã hồ sơ')).toHaveAttribute('aria-invalid', 'true');
	});
});
