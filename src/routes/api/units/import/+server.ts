import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { apiError } from '$lib/server/http';
import { importUnits } from '$lib/server/units/import';
import type { RequestHandler } from './$types';

/**
 * `POST /api/units/import[?dry_run=1]` with a `text/csv` body: all or nothing.
 * 200 `{ created, updated, unchanged, errors: [] }`, or 400 with every row error and nothing stored.
 */
export const POST: RequestHandler = async (event) => {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^(text\/csv|text\/plain)\b/i.test(type)) {
		return apiError(event, 415, 'api.error.contentType', { type: 'text/csv' });
	}
	const dryRun = ['1', 'true'].includes(event.url.searchParams.get('dry_run') ?? '');
	const report = await importUnits(db(), await event.request.text(), {
		dryRun,
		locale: event.locals.locale,
		actorUserId: event.locals.user!.id
	});
	if (report.errors.length) {
		return apiError(
			event,
			400,
			'import.failed',
			{ n: report.errors.length },
			{ ...report, created: 0, updated: 0, unchanged: 0 }
		);
	}
	return json(report);
};
