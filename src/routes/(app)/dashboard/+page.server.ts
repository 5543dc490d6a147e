import { translate } from '$lib/i18n';
import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { dashboardPage } from '$lib/server/dashboard/pages';
import { failureForm, fields, readForm } from '$lib/server/http';
import { publish, publishInput } from '$lib/server/publications/service';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => dashboardPage(locals, url);

export const actions: Actions = {
	/** Publishes the figures of the view's scope and period (chốt số liệu). */
	publish: async ({ request, locals }) => {
		const form = fields(await readForm(request), [
			'unit',
			'instrument',
			'from',
			'to',
			'flagged',
			'reference',
			'reason'
		]);
		const parsed = publishInput.safeParse(form);
		if (!parsed.success) {
			const field = String(parsed.error.issues[0]?.path[0] ?? '');
			const key = field === 'reference' ? 'publication.error.reference' : 'api.error.invalid';
			return fail(400, { error: translate(locals.locale, key), field });
		}
		const result = await publish(db(), parsed.data, locals.user!, await scopeFor(locals));
		if (!result.ok) return failureForm(locals.locale, result, { field: 'reason' });
		return {
			done: translate(locals.locale, 'publication.done', { reference: result.value.reference })
		};
	}
};
