import { fail } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import { importUnits } from '$lib/server/units/import';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await readForm(request);
		const file = form.get('file');
		const pasted = String(form.get('csv') ?? '');
		const csv = file instanceof File && file.size > 0 ? await file.text() : pasted;
		const dryRun = form.get('dryRun') === 'on';
		const report = await importUnits(db(), csv, {
			dryRun,
			locale: locals.locale,
			actorUserId: locals.user!.id
		});
		if (report.errors.length)
			return fail(400, { report, csv: file instanceof File && file.size > 0 ? '' : pasted });
		return { report, csv: dryRun ? pasted : '' };
	}
};
