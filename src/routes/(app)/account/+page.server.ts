import { fail } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { db } from '$lib/server/db';
import { fields, readForm } from '$lib/server/http';
import { changeOwnPassword } from '$lib/server/people/account';
import { byField } from '$lib/survey/issues';
import type { Actions, PageServerLoad } from './$types';

/** Everyone's own account: the password. A password someone else chose brings people here first. */
export const load: PageServerLoad = ({ locals }) => ({
	required: locals.user!.mustChangePassword
});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const change = fields(await readForm(request), ['current', 'next', 'confirm']);
		const result = await changeOwnPassword(db(), locals.user!, change);
		if (!result.ok) return fail(400, { errors: byField(result.issues ?? []) });
		setSessionCookie(cookies, url, result.value.token);
		return { done: true };
	}
};
