import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { failurePage } from '$lib/server/http';
import { responseDetail } from '$lib/server/responses/detail';
import type { PageServerLoad } from './$types';

/** One response: who or what entered it, when, how it stands, and what was done to it. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const found = await responseDetail(db(), params.id, await scopeFor(locals));
	if (!found.ok) failurePage(locals.locale, found);
	return found.value;
};
