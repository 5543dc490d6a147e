import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { scopeFor } from '$lib/server/auth/guard';
import { reviewScope } from '$lib/server/auth/scope';
import { db } from '$lib/server/db';
import { failureForm, readForm } from '$lib/server/http';
import * as responses from '$lib/server/responses/reads';
import { reviewHeld, reviewInput } from '$lib/server/responses/review';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = reviewScope(locals.user!, await scopeFor(locals));
	return { held: await responses.listHeld(db(), scope.all ? null : [...scope.codes]) };
};

async function decide(request: Request, locals: App.Locals, decision: 'accept' | 'reject') {
	const form = await readForm(request);
	const parsed = reviewInput.safeParse({ ids: form.getAll('id'), decision });
	if (!parsed.success) return fail(400, { error: translate(locals.locale, 'held.error.none') });
	const result = await reviewHeld(db(), parsed.data, locals.user!);
	if (!result.ok) return failureForm(locals.locale, result);
	return { done: translate(locals.locale, `held.done.${decision}`, { n: result.value }) };
}

export const actions: Actions = {
	accept: ({ request, locals }) => decide(request, locals, 'accept'),
	reject: ({ request, locals }) => decide(request, locals, 'reject')
};
