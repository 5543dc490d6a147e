import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { actions, auditOf, auditQuery, peopleOf } from '$lib/server/audit/scoped';
import type { PageServerLoad } from './$types';

/** The page shows the newest rows; the CSV has them all. */
const SHOWN = 500;

export const load: PageServerLoad = async ({ locals, url }) => {
	const parsed = auditQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		const field = String(parsed.error.issues[0]?.path[0] ?? '');
		error(400, translate(locals.locale, 'dashboard.error.param', { field }));
	}
	const scope = await scopeFor(locals);
	const [found, people, known] = await Promise.all([
		auditOf(db(), scope, parsed.data, SHOWN),
		peopleOf(db(), scope),
		actions(db())
	]);
	return { ...found, people, actions: known, filter: parsed.data, search: url.search };
};
