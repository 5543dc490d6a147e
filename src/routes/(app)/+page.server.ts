import { db } from '$lib/server/db';
import * as units from '$lib/server/units/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const code = locals.user?.unitCode;
	const unit = code ? await units.get(db(), code) : undefined;
	return { unitName: unit?.name ?? null };
};
