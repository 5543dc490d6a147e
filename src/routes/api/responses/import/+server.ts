import { json } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { apiError } from '$lib/server/http';
import { importCsv } from '$lib/server/survey/importCsv';
import type { RequestHandler } from './$types';

/**
 * `POST /api/responses/import[?dry_run=1]`, `text/csv` (staff of the unit, or admin):
 * `{ created, duplicate, errors }`, committing nothing on any error or on a dry run.
 */
export const POST: RequestHandler = async (event) => {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^(text\/csv|text\/plain)\b/i.test(type)) {
		return apiError(event, 415, 'api.error.contentType', { type: 'text/csv' });
	}
	const dryRun = ['1', 'true'].includes(event.url.searchParams.get('dry_run') ?? '');
	const report = await importCsv(db(), await event.request.text(), {
		actor: actorOf(event.locals),
		dryRun
	});
	if (report.errors.length) {
		return apiError(event, 400, 'import.failed', { n: report.errors.length }, { ...report });
	}
	return json(report);
};
