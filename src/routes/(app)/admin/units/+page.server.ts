import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import * as units from '$lib/server/units/service';
import { parseUnitForm, unitFailure } from '$lib/server/units/forms';
import * as unitService from '$lib/server/units/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const all = await units.list(db());
	return { units: all, parents: all.filter((u) => u.kind === 'province' || u.kind === 'district') };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const parsed = parseUnitForm(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		const saved = await unitService.create(db(), parsed.unit, locals.user!.id);
		if (!saved.ok) return unitFailure(parsed.values, saved.issues ?? []);
		return { created: parsed.unit.code };
	}
};
