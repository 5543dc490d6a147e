import { dashboardPage } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => dashboardPage(locals, url);
