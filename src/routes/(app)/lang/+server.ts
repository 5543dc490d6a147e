import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { readForm } from '$lib/server/http';
import { safeNext } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

/** Switches the language (a cookie for a year) and goes back to the page. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await readForm(request);
	const to = form.get('to');
	if (isLocale(to)) {
		cookies.set('lang', to, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 365 * 24 * 3600
		});
	}
	redirect(303, safeNext(String(form.get('next') ?? '/')));
};
