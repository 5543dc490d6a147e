import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import { userFailure, userFields } from '$lib/server/people/forms';
import { fieldIssuesFrom } from '$lib/survey/issues';
import { password, userChange } from '$lib/server/people/schema';
import { changeUser, resetPassword, setDisabled } from '$lib/server/people/service';
import * as units from '$lib/server/units/service';
import * as users from '$lib/server/people/service';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function find(id: string, locale: App.Locals['locale']) {
	const user = UUID.test(id) ? await users.get(db(), id) : undefined;
	if (!user) error(404, translate(locale, 'users.error.notFound'));
	return user;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const user = await find(params.id, locals.locale);
	return { account: user, units: await units.list(db()), self: user.id === locals.user!.id };
};

export const actions: Actions = {
	save: async ({ request, params, locals }) => {
		await find(params.id, locals.locale);
		const values = userFields(await readForm(request));
		const parsed = userChange.safeParse(values);
		if (!parsed.success)
			return userFailure(values, fieldIssuesFrom(parsed.error, 'users.error.role'), 'save');
		const result = await changeUser(db(), params.id, parsed.data, locals.user!.id);
		if (!result.ok) return userFailure(values, result.issues ?? [], 'save');
		return { done: 'users.saved' as const };
	},
	password: async ({ request, params, locals }) => {
		await find(params.id, locals.locale);
		const values = userFields(await readForm(request));
		const parsed = password.safeParse(values.password);
		if (!parsed.success)
			return userFailure(values, [{ field: 'password', key: 'users.error.password' }], 'password');
		const result = await resetPassword(db(), params.id, parsed.data, locals.user!.id);
		if (!result.ok) return userFailure(values, result.issues ?? [], 'password');
		return { done: 'users.passwordReset' as const };
	},
	disable: async ({ params, locals }) => {
		await find(params.id, locals.locale);
		const result = await setDisabled(db(), params.id, true, locals.user!.id);
		if (!result.ok) return userFailure(userFields(new FormData()), result.issues ?? [], 'disable');
		return { done: 'users.disabledDone' as const };
	},
	enable: async ({ params, locals }) => {
		await find(params.id, locals.locale);
		const result = await setDisabled(db(), params.id, false, locals.user!.id);
		if (!result.ok) return userFailure(userFields(new FormData()), result.issues ?? [], 'enable');
		return { done: 'users.enabledDone' as const };
	}
};
