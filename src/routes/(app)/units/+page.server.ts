import { today } from '$lib/survey/days';
import { visibleUnits } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const day = today();
	const showRetired = url.searchParams.get('retired') === '1';
	const all = await visibleUnits(locals);
	return {
		showRetired,
		units: showRetired ? all : all.filter((unit) => !unit.validTo || unit.validTo >= day)
	};
};
