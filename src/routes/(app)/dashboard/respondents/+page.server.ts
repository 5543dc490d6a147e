import { db } from '$lib/server/db';
import { BREAKDOWN_LIMIT, breakdownOf } from '$lib/server/dashboard/breakdown';
import { dashboardView, scopeOptions } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

/** The view's respondents group by group: by gender, age, ethnicity, education or occupation. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const view = await dashboardView(locals, url);
	const [breakdown, options] = await Promise.all([
		breakdownOf(db(), view, url.searchParams.get('by')),
		scopeOptions(view.scope)
	]);
	return { query: view.query, unit: view.unit, options, breakdown, limit: BREAKDOWN_LIMIT };
};
