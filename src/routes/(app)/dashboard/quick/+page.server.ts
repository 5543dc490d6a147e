import { viewLabels } from '$lib/i18n/summary';
import { db } from '$lib/server/db';
import { dashboardView, scopeOptions } from '$lib/server/dashboard/pages';
import { quickView } from '$lib/server/dashboard/quick';
import type { PageServerLoad } from './$types';

/** Counter ratings of the view's scope: satisfied share and QĐ 766 points per counter. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, unit, scope } = await dashboardView(locals, url);
	const [quick, options] = await Promise.all([quickView(db(), query, unit), scopeOptions(scope)]);
	return {
		query,
		unit,
		options,
		quick,
		compare: viewLabels(locals.locale, query).compare
	};
};
