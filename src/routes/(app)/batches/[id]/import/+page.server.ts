import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import { importUpload } from '$lib/server/interchange/importCsv';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => requireBatch(locals, params.id);

/**
 * One action for both steps: `dryRun` checks the file and reports every row error with
 * nothing stored; without it the file is stored all or nothing (again: duplicates only).
 */
export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { batch } = await requireBatch(locals, params.id);
		const form = await readForm(request);
		const file = form.get('file');
		const dryRun = form.get('dryRun') === '1';
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: translate(locals.locale, 'sheet.noFile') });
		const report = await importUpload(db(), new Uint8Array(await file.arrayBuffer()), {
			actor: { user: locals.user! },
			dryRun,
			batch
		});
		const result = { report, name: file.name };
		return report.errors.length ? fail(400, result) : result;
	}
};
