import { fail, redirect } from '@sveltejs/kit';
import { login } from '$lib/server/auth/login';
import { clearSessionCookie, safeNext, setSessionCookie } from '$lib/server/auth/cookies';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { db } from '$lib/server/db';
import { fields, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failureForm } from '$lib/server/http';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const form = await readForm(request);
		const values = fields(form, ['username', 'password', 'next']);
		const username = values.username.slice(0, 100);
		const password = values.password.slice(0, 200);
		const next = safeNext(values.next);
		const errors: Record<string, 'login.username' | 'login.password'> = {};
		if (!username.trim()) errors.username = 'login.username';
		if (!password) errors.password = 'login.password';
		if (Object.keys(errors).length) return fail(400, { username, missing: errors });

		const result = await login(db(), { username, password, address: getClientAddress() });
		if (!result.ok) return failureForm(locals.locale, result, { username });
		// Whatever session the browser came with ends here: no session fixation.
		await endSession(db(), cookies.get(SESSION_COOKIE));
		clearSessionCookie(cookies);
		setSessionCookie(cookies, url, result.value.token);
		redirect(303, next);
	}
};
