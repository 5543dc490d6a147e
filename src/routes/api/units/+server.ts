import { today } from '$lib/survey/days';
import { json } from '@sveltejs/kit';
import { visibleUnits } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/** The unit tree the caller may see, historic units included (`?current=1` leaves them out). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const day = today();
	const all = await visibleUnits(locals);
	const units =
		url.searchParams.get('current') === '1'
			? all.filter((u) => !u.validTo || u.validTo >= day)
			: all;
	return json({ units });
};
