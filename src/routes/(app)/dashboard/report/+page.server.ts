import { formatDay } from '$lib/i18n';
import { dashboardPage } from '$lib/server/dashboard/pages';
import { today } from '$lib/survey/days';
import type { PageServerLoad } from './$types';

/** The dashboard's numbers laid out for A4: the browser prints it or saves it as PDF. */
export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await dashboardPage(locals, url)),
	prepared: formatDay(today())
});
